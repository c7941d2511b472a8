import { beforeEach, describe, expect, it } from '@jest/globals';
import type { Decider, EventMeta } from '../decider.js';
import { GIVEN_AT, specFor } from './decider-spec.js';

/** A toy counter: add a positive step up to a cap of 10, or reset. */
type Cmd = { type: 'add'; by: number } | { type: 'reset' };
type Ev = { type: 'Added'; data: { by: number } } | { type: 'Reset'; data: Record<string, never> };
type St = { id: string; total: number; version: number; lastAt?: string; log: string[] };
type Rf = { kind: 'rule-violated'; rule: { id: string }; field: string } | { kind: 'capped'; total: number };

let decideCalls = 0;
let evolved: Array<{ type: string; meta: EventMeta }> = [];
const counter: Decider<Cmd, Ev, St, Rf> = {
  initialState: (id) => ({ id, total: 0, version: 0, log: [] }),
  evolve: (s, e, meta) => {
    evolved.push({ type: e.type, meta });
    const total = e.type === 'Added' ? s.total + e.data.by : 0;
    return { ...s, total, version: meta.version, lastAt: meta.occurredAt, log: [...s.log, e.type] };
  },
  decide: (c, s) => {
    decideCalls++;
    if (c.type === 'reset') return { ok: true, events: [{ type: 'Reset', data: {} }] };
    if (c.by <= 0) return { ok: false, refusal: { kind: 'rule-violated', rule: { id: 'positive-step' }, field: 'by' } };
    if (s.total + c.by > 10) return { ok: false, refusal: { kind: 'capped', total: s.total } };
    // Two events for a step of 2 or more, so order matters.
    return { ok: true, events: c.by > 1 ? [{ type: 'Added', data: { by: 1 } }, { type: 'Added', data: { by: c.by - 1 } }] : [{ type: 'Added', data: { by: 1 } }] };
  },
};
const spec = specFor(counter);
const added = (by: number): Ev => ({ type: 'Added', data: { by } });

beforeEach(() => {
  decideCalls = 0;
  evolved = [];
});

describe('given', () => {
  it('folds the given events with the decider’s own evolve, versions from 1 and a fixed instant', () => {
    const g = spec.given([added(2), added(3)]);
    expect(g.state).toEqual({ id: 'stream-1', total: 5, version: 2, lastAt: GIVEN_AT, log: ['Added', 'Added'] });
    expect(evolved).toEqual([
      { type: 'Added', meta: { version: 1, occurredAt: GIVEN_AT } },
      { type: 'Added', meta: { version: 2, occurredAt: GIVEN_AT } },
    ]);
  });

  it('takes the instants from opts.at, the stream id from opts, and recorded events as they are', () => {
    const at = (i: number) => `2026-02-0${i + 1}T00:00:00.000Z`;
    expect(spec.given([added(1), added(1)], { at, streamId: 's-9' }).state).toMatchObject({ id: 's-9', lastAt: '2026-02-02T00:00:00.000Z' });
    const recorded = spec.given([{ event: added(4), meta: { version: 7, occurredAt: 'T7' } }]);
    expect(recorded.state).toMatchObject({ total: 4, version: 7, lastAt: 'T7' });
    expect(recorded.history).toEqual([{ event: added(4), meta: { version: 7, occurredAt: 'T7' } }]);
  });

  it('starts from the initial state with no events', () => {
    expect(spec.given().state).toEqual({ id: 'stream-1', total: 0, version: 0, log: [] });
  });
});

describe('when … then', () => {
  it('passes on exactly the events, in order, calling decide once', () => {
    spec.given([added(1)]).when({ type: 'add', by: 3 }).then([added(1), added(2)]);
    expect(decideCalls).toBe(1);
  });

  it('fails on other events, on the same events in another order, on fewer and on more', () => {
    const w = spec.given([]).when({ type: 'add', by: 3 });
    expect(() => w.then([added(1), added(3)])).toThrow(/Expected events \[Added, Added\], got \[Added, Added\]/);
    expect(() => w.then([added(2), added(1)])).toThrow();
    expect(() => w.then([added(1)])).toThrow();
    expect(() => w.then([added(1), added(2), added(1)])).toThrow();
    expect(() => w.then([])).toThrow();
    expect(decideCalls).toBe(1);
  });

  it('fails when the command is refused, showing the refusal', () => {
    expect(() => spec.given([]).when({ type: 'add', by: 0 }).then([added(0)])).toThrow(/refused:[\s\S]*positive-step/);
  });

  it('refuses to act as a promise', () => {
    const w = spec.given([]).when({ type: 'reset' });
    expect(() => (w.then as unknown as (f: () => void) => void)(() => undefined)).toThrow(/not a promise/);
  });
});

describe('thenRefuses', () => {
  it('passes on the rule id or on the kind, and returns the refusal', () => {
    const w = spec.given([]).when({ type: 'add', by: -1 });
    expect(w.thenRefuses('positive-step')).toEqual({ kind: 'rule-violated', rule: { id: 'positive-step' }, field: 'by' });
    w.thenRefuses('rule-violated');
    w.thenRefuses('positive-step', { field: 'by' });
    spec.given([added(5), added(5)]).when({ type: 'add', by: 1 }).thenRefuses('capped', { total: 10 });
  });

  it('fails on another rule or kind, on details that differ, and when events were produced', () => {
    const w = spec.given([]).when({ type: 'add', by: -1 });
    expect(() => w.thenRefuses('capped')).toThrow(/Expected a refusal "capped"[\s\S]*positive-step/);
    expect(() => w.thenRefuses('positive-step', { field: 'total' })).toThrow();
    expect(() => spec.given([]).when({ type: 'add', by: 1 }).thenRefuses('positive-step')).toThrow(/produced \[Added\]/);
  });
});

describe('thenAccepts', () => {
  it('passes on any events and returns them, and fails on a refusal, showing it', () => {
    expect(spec.given([]).when({ type: 'add', by: 2 }).thenAccepts()).toEqual([added(1), added(1)]);
    expect(() => spec.given([added(10)]).when({ type: 'add', by: 1 }).thenAccepts()).toThrow(/accepted, but the command was refused:[\s\S]*capped/);
  });
});

describe('thenState', () => {
  it('folds the new events after the given ones (versions and instants continue) and matches a partial', () => {
    const at = (i: number) => `T${i}`;
    const s = spec.given([added(1)], { at }).when({ type: 'add', by: 2 }).thenState({ total: 3, version: 3, lastAt: 'T2' });
    expect(s.log).toEqual(['Added', 'Added', 'Added']);
    spec.given([added(1)]).when({ type: 'reset' }).then([{ type: 'Reset', data: {} }]).thenState((st) => st.total === 0);
  });

  it('stamps the new events with decidedAt when the spec has one', () => {
    const timed = specFor(counter, { decidedAt: (c, j) => `${c.type}@${j}` });
    timed.given([added(1)]).when({ type: 'add', by: 2 }).thenState({ lastAt: 'add@1' });
  });

  it('fails on a partial or a predicate that does not hold, and on a refusal', () => {
    const w = spec.given([added(1)]).when({ type: 'add', by: 1 });
    expect(() => w.thenState({ total: 3 })).toThrow();
    expect(() => w.thenState((st) => st.total === 3)).toThrow(/does not satisfy[\s\S]*"total": 2/);
    expect(() => w.then([added(1)]).thenState({ version: 9 })).toThrow();
    expect(() => spec.given([]).when({ type: 'add', by: 0 }).thenState({ total: 0 })).toThrow(/refused/);
  });
});
