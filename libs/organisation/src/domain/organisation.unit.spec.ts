import { describe, expect, it } from '@jest/globals';
import type { BodyCommand } from './commands.js';
import { decideBody, type BodyLookup, type KnownBody } from './decide.js';
import type { BodyEvent } from './events.js';
import { bodyAsOf, bodyVersionsOf, foldBody } from './state.js';

const district: BodyEvent = {
  type: 'BodyEstablished',
  data: {
    bodyId: 'qn-ubnd-nui-thanh', nameVi: 'Ủy ban nhân dân huyện Núi Thành', nameEn: "People's Committee of Núi Thành District",
    level: 'district', type: 'ubnd', parentId: 'qn-ubnd', provinceId: 'qn', territory: 'Huyện Núi Thành', effectiveFrom: '2008-01-01',
  },
};
const known: Record<string, KnownBody> = {
  'qn-ubnd': { status: 'active' },
  'qn-ubnd-xa-nui-thanh': { status: 'active' },
  'qn-ubnd-tam-hiep': { status: 'merged', endedOn: '2025-07-01' },
  'dn-ubnd': { status: 'active' },
};
const lookup: BodyLookup = (id) => known[id];

/** Given the events, when the command runs: the decision. */
const when = (given: BodyEvent[], command: BodyCommand) => decideBody(command, foldBody('qn-ubnd-nui-thanh', given), lookup);
const ruleOf = (d: ReturnType<typeof decideBody>) => (!d.ok && d.refusal.kind === 'rule-violated' ? d.refusal.rule.id : d.ok ? 'ok' : d.refusal.kind);

describe('establishing a body', () => {
  it('records BodyEstablished for a new body whose parent exists', () => {
    const d = when([], { type: 'establish', data: district.data as Extract<BodyEvent, { type: 'BodyEstablished' }>['data'] });
    expect(d).toEqual({ ok: true, events: [district] });
  });

  it('refuses a body that already exists, an unknown parent and a parent that is itself', () => {
    const data = district.data as Extract<BodyEvent, { type: 'BodyEstablished' }>['data'];
    expect(when([district], { type: 'establish', data })).toEqual({ ok: false, refusal: { kind: 'body-already-exists' } });
    expect(ruleOf(when([], { type: 'establish', data: { ...data, parentId: 'nowhere' } }))).toBe('referenced-body-exists');
    expect(ruleOf(when([], { type: 'establish', data: { ...data, parentId: data.bodyId } }))).toBe('parent-differs-from-body');
  });
});

describe('changing a body', () => {
  it('renames and re-parents on effective dates, keeping each version', () => {
    const renamed = when([district], { type: 'rename', data: { nameVi: 'UBND huyện Núi Thành', nameEn: 'Núi Thành District Committee', effectiveFrom: '2015-01-01' } });
    expect(renamed.ok).toBe(true);
    const events = [district, ...(renamed.ok ? renamed.events : [])];
    const moved = when(events, { type: 'reparent', data: { parentId: 'dn-ubnd', effectiveFrom: '2025-06-01' } });
    expect(moved).toEqual({ ok: true, events: [{ type: 'BodyReparented', data: { parentId: 'dn-ubnd', effectiveFrom: '2025-06-01' } }] });
    const all = [...events, ...(moved.ok ? moved.events : [])];
    expect(bodyVersionsOf(all).map((v) => [v.validFrom, v.validTo, v.nameVi, v.parentId, v.status])).toEqual([
      ['2008-01-01', '2015-01-01', 'Ủy ban nhân dân huyện Núi Thành', 'qn-ubnd', 'active'],
      ['2015-01-01', '2025-06-01', 'UBND huyện Núi Thành', 'qn-ubnd', 'active'],
      ['2025-06-01', null, 'UBND huyện Núi Thành', 'dn-ubnd', 'active'],
    ]);
    expect(bodyAsOf(all, '2014-12-31')?.nameVi).toBe('Ủy ban nhân dân huyện Núi Thành');
    expect(bodyAsOf(all, '2015-01-01')?.nameVi).toBe('UBND huyện Núi Thành');
    expect(bodyAsOf(all, '2025-06-01')?.parentId).toBe('dn-ubnd');
  });

  it('replaces the row of a change made on the same day as the previous one', () => {
    const all: BodyEvent[] = [
      district,
      { type: 'BodyRenamed', data: { nameVi: 'A', nameEn: 'A', effectiveFrom: '2020-01-01' } },
      { type: 'BodyReparented', data: { parentId: 'dn-ubnd', effectiveFrom: '2020-01-01' } },
    ];
    expect(bodyVersionsOf(all).map((v) => [v.validFrom, v.validTo, v.nameVi, v.parentId])).toEqual([
      ['2008-01-01', '2020-01-01', 'Ủy ban nhân dân huyện Núi Thành', 'qn-ubnd'],
      ['2020-01-01', null, 'A', 'dn-ubnd'],
    ]);
  });

  it('refuses a change dated before the last one, and a change that changes nothing', () => {
    const renamed: BodyEvent = { type: 'BodyRenamed', data: { nameVi: 'B', nameEn: 'B', effectiveFrom: '2020-01-01' } };
    expect(ruleOf(when([district, renamed], { type: 'reparent', data: { parentId: 'dn-ubnd', effectiveFrom: '2019-12-31' } }))).toBe('body-change-not-before-last-change');
    expect(ruleOf(when([district], { type: 'reparent', data: { parentId: 'qn-ubnd', effectiveFrom: '2020-01-01' } }))).toBe('body-change-changes-something');
    expect(ruleOf(when([district], { type: 'rename', data: { nameVi: district.data.nameVi as string, nameEn: (district.data as { nameEn: string }).nameEn, effectiveFrom: '2020-01-01' } }))).toBe('body-change-changes-something');
    expect(ruleOf(when([district], { type: 'reparent', data: { parentId: 'qn-ubnd-nui-thanh', effectiveFrom: '2020-01-01' } }))).toBe('parent-differs-from-body');
  });

  it('refuses any command on a body that does not exist', () => {
    expect(when([], { type: 'rename', data: { nameVi: 'x', nameEn: 'x', effectiveFrom: '2020-01-01' } })).toEqual({ ok: false, refusal: { kind: 'body-not-found' } });
  });
});

describe('merging', () => {
  it('merges into an active body, which becomes the successor', () => {
    const d = when([district], { type: 'merge', data: { intoBodyId: 'qn-ubnd-xa-nui-thanh', effectiveFrom: '2025-07-01' } });
    expect(d).toEqual({ ok: true, events: [{ type: 'BodyMerged', data: { intoBodyId: 'qn-ubnd-xa-nui-thanh', effectiveFrom: '2025-07-01' } }] });
    const state = foldBody('qn-ubnd-nui-thanh', [district, ...(d.ok ? d.events : [])]);
    expect(state).toMatchObject({ status: 'merged', endedOn: '2025-07-01', successorId: 'qn-ubnd-xa-nui-thanh' });
  });

  it('refuses a merge into itself, into an unknown body, into one already ended, or dated on establishment', () => {
    expect(ruleOf(when([district], { type: 'merge', data: { intoBodyId: 'qn-ubnd-nui-thanh', effectiveFrom: '2025-07-01' } }))).toBe('successor-differs-from-body');
    expect(ruleOf(when([district], { type: 'merge', data: { intoBodyId: 'nowhere', effectiveFrom: '2025-07-01' } }))).toBe('referenced-body-exists');
    expect(ruleOf(when([district], { type: 'merge', data: { intoBodyId: 'qn-ubnd-tam-hiep', effectiveFrom: '2025-07-01' } }))).toBe('referenced-body-active');
    // Before Tam Hiệp itself ended, merging into it was possible.
    expect(when([district], { type: 'merge', data: { intoBodyId: 'qn-ubnd-tam-hiep', effectiveFrom: '2025-06-30' } }).ok).toBe(true);
    expect(ruleOf(when([district], { type: 'merge', data: { intoBodyId: 'qn-ubnd', effectiveFrom: '2008-01-01' } }))).toBe('body-ends-after-establishment');
  });
});

describe('the reorganisation of 1 July 2025', () => {
  // Given the district UBND of Núi Thành, established long ago;
  // when it is abolished on 1 July 2025 (district level ceased), its tasks going to the new commune;
  const abolish: BodyCommand = {
    type: 'abolish',
    data: { successorId: 'qn-ubnd-xa-nui-thanh', effectiveFrom: '2025-07-01', reason: 'Kết thúc hoạt động của chính quyền địa phương cấp huyện (Luật 72/2025/QH15)' },
  };
  const decided = when([district], abolish);
  const events = [district, ...(decided.ok ? decided.events : [])];

  it('records BodyAbolished with the successor', () => {
    expect(decided).toEqual({ ok: true, events: [{ type: 'BodyAbolished', data: abolish.data }] });
    expect(foldBody('qn-ubnd-nui-thanh', events)).toMatchObject({ status: 'abolished', endedOn: '2025-07-01', successorId: 'qn-ubnd-xa-nui-thanh', version: 2 });
  });

  it('then: the district exists on 30 June 2025 and no longer on 1 July', () => {
    expect(bodyAsOf(events, '2025-06-30')).toMatchObject({ level: 'district', parentId: 'qn-ubnd' });
    expect(bodyAsOf(events, '2025-07-01')).toBeNull();
    expect(bodyAsOf(events, '2007-12-31')).toBeNull();
    expect(bodyVersionsOf(events).map((v) => [v.validFrom, v.validTo, v.status, v.successorId])).toEqual([
      ['2008-01-01', '2025-07-01', 'active', null],
      ['2025-07-01', null, 'abolished', 'qn-ubnd-xa-nui-thanh'],
    ]);
  });

  it('then: nothing more can happen to it', () => {
    expect(when(events, { type: 'rename', data: { nameVi: 'x', nameEn: 'x', effectiveFrom: '2026-01-01' } })).toMatchObject({
      ok: false, refusal: { kind: 'body-ended', rule: { id: 'body-already-ended' }, status: 'abolished', endedOn: '2025-07-01' },
    });
    expect(when(events, abolish)).toMatchObject({ ok: false, refusal: { kind: 'body-ended' } });
  });

  it('refuses an abolition without reason, succeeded by itself or by an unknown body', () => {
    expect(ruleOf(when([district], { type: 'abolish', data: { ...abolish.data, reason: '  ' } }))).toBe('abolition-has-reason');
    expect(ruleOf(when([district], { type: 'abolish', data: { ...abolish.data, successorId: 'qn-ubnd-nui-thanh' } }))).toBe('successor-differs-from-body');
    expect(ruleOf(when([district], { type: 'abolish', data: { ...abolish.data, successorId: 'nowhere' } }))).toBe('referenced-body-exists');
    const { successorId: _, ...noSuccessor } = abolish.data;
    expect(when([district], { type: 'abolish', data: noSuccessor }).ok).toBe(true);
  });
});
