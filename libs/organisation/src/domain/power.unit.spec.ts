import { describe, expect, it } from '@jest/globals';
import { specFor } from '@app/event-store/testing';
import type { KnownBody } from './decide.js';
import type { PowerContext } from './power-decide.js';
import { powerDecider } from './power-decider.js';
import { isPowerEventType, powerStreamId, upcastPowerEvent, type PowerCommand, type PowerDefined, type PowerEvent } from './power-events.js';
import { foldPower, powerAsOf, powerVersionsOf } from './power-state.js';

const defined: PowerDefined = {
  type: 'PowerDefined',
  data: {
    powerId: 'TV-DD-02', code: 'TV-DD-02', titleVi: 'Cấp giấy chứng nhận quyền sử dụng đất cho tổ chức', titleEn: 'Issue land-use right certificates to organisations',
    sector: 'dat-dai', legalHolderBodyId: 'tv-ubnd', legalSource: 'Luật Đất đai 2024, Điều 136', delegable: true, procedureCodes: ['1.012778'],
    effectiveFrom: '2024-08-01',
  },
};
const bodies: Record<string, KnownBody> = {
  'tv-ubnd': { status: 'active' },
  'tv-so-tnmt': { status: 'active' },
  'tv-ubnd-cang-long': { status: 'abolished', endedOn: '2025-07-01' },
};
const ctx: PowerContext = {
  body: (id) => bodies[id],
  sectorExists: (s) => ['dat-dai', 'xay-dung'].includes(s),
  codeUsedBy: (code) => (code === 'TV-DD-01' ? 'TV-DD-01' : code === 'TV-DD-02' ? 'TV-DD-02' : undefined),
};

/** Given the events of TV-DD-02's stream, when a command runs, then events or a refusal (by rule id or kind). */
const power = specFor(powerDecider(ctx), { streamId: 'TV-DD-02' });
const none = power.given([]);
const one = power.given([defined]);
/** The stream after the command, which must be accepted. */
const events = (given: PowerEvent[], command: PowerCommand): PowerEvent[] => [...given, ...power.given(given).when(command).thenAccepts()];
const define = (over: Partial<PowerDefined['data']> = {}): PowerCommand => ({ type: 'define', data: { ...defined.data, ...over } });
const revise = (changes: object, effectiveFrom = '2026-01-01', reason = 'Luật sửa đổi'): PowerCommand => ({ type: 'revise', data: { changes, reason, effectiveFrom } });

describe('defining a power', () => {
  it('records PowerDefined on the stream power:<id>, without repeated procedure codes', () => {
    expect(powerStreamId('TV-DD-02')).toBe('power:TV-DD-02');
    none
      .when(define({ procedureCodes: ['1.012778', '1.012778'] }))
      .then([defined])
      .thenState({ exists: true, version: 1, retired: false, lastChangeOn: '2024-08-01' });
    expect(foldPower('TV-DD-02', [defined])).toEqual(one.state);
  });

  it('refuses a power that already exists, an unknown sector or legal holder (per field), an ended holder and a code in use', () => {
    expect(one.when(define()).thenRefuses('power-already-exists')).toEqual({ kind: 'power-already-exists' });
    expect(none.when(define({ sector: 'hang-hai', legalHolderBodyId: 'nowhere' })).thenRefuses('unknown-references')).toEqual({
      kind: 'unknown-references',
      unknown: [{ field: 'sector', value: 'hang-hai', what: 'sector' }, { field: 'legalHolderBodyId', value: 'nowhere', what: 'body' }],
    });
    none.when(define({ legalHolderBodyId: 'tv-ubnd-cang-long', effectiveFrom: '2025-07-01' })).thenRefuses('power-holder-body-active');
    none.when(define({ legalHolderBodyId: 'tv-ubnd-cang-long', effectiveFrom: '2025-06-30' })).thenAccepts();
    none.when(define({ code: 'TV-DD-01' })).thenRefuses('code-taken', { code: 'TV-DD-01', byPowerId: 'TV-DD-01' });
  });
});

describe('revising a power', () => {
  it('records only what changes, and each revision is a version valid from its effective date', () => {
    const revised: PowerEvent = {
      type: 'PowerRevised',
      data: { changes: { titleVi: 'Cấp GCN quyền sử dụng đất cho tổ chức', procedureCodes: ['1.012778', '2.000889'] }, reason: 'Luật sửa đổi', effectiveFrom: '2026-01-01' },
    };
    one
      .when(revise({ titleVi: 'Cấp GCN quyền sử dụng đất cho tổ chức', sector: 'dat-dai', procedureCodes: ['1.012778', '2.000889'] }))
      .then([revised])
      .thenState({ version: 2, current: { titleVi: 'Cấp GCN quyền sử dụng đất cho tổ chức', legalSource: 'Luật Đất đai 2024, Điều 136' } });
    const all = [defined, revised];
    expect(powerVersionsOf(all).map((v) => [v.version, v.validFrom, v.validTo, v.titleVi, v.procedureCodes, v.retired])).toEqual([
      [1, '2024-08-01', '2026-01-01', 'Cấp giấy chứng nhận quyền sử dụng đất cho tổ chức', ['1.012778'], false],
      [2, '2026-01-01', null, 'Cấp GCN quyền sử dụng đất cho tổ chức', ['1.012778', '2.000889'], false],
    ]);
    expect(powerAsOf(all, '2025-12-31')?.titleVi).toBe('Cấp giấy chứng nhận quyền sử dụng đất cho tổ chức');
    expect(powerAsOf(all, '2026-01-01')?.titleVi).toBe('Cấp GCN quyền sử dụng đất cho tổ chức');
    expect(powerAsOf(all, '2024-07-31')).toBeNull();
  });

  it('moves the legal holder to another active body, and the code to a free one', () => {
    const all = events([defined], revise({ legalHolderBodyId: 'tv-so-tnmt', code: 'TV-DD-20' }));
    expect(foldPower('TV-DD-02', all).current).toMatchObject({ legalHolderBodyId: 'tv-so-tnmt', code: 'TV-DD-20' });
    one.when(revise({ legalHolderBodyId: 'tv-ubnd-cang-long' })).thenRefuses('power-holder-body-active');
    one.when(revise({ code: 'TV-DD-01' })).thenRefuses('power-code-unique');
    one.when(revise({ sector: 'khac' })).thenRefuses('unknown-references', { unknown: [{ field: 'changes.sector' }] });
  });

  it('refuses a revision that changes nothing (procedure codes compared as a set), one dated before the last change, and one without reason', () => {
    one.when(revise({ titleVi: defined.data.titleVi, delegable: true })).thenRefuses('power-revision-changes-something');
    one.when(revise({})).thenRefuses('power-revision-changes-something');
    const two = power.given(events([defined], revise({ procedureCodes: ['1.012778', '2.000889'] })));
    two.when(revise({ procedureCodes: ['2.000889', '1.012778', '2.000889'] })).thenRefuses('power-revision-changes-something');
    two.when(revise({ legalSource: 'Luật Đất đai 2024, Điều 137' }, '2025-12-31')).thenRefuses('power-change-not-before-last-change');
    two.when(revise({ legalSource: 'Luật Đất đai 2024, Điều 137' }, '2026-01-01')).thenAccepts();
    one.when(revise({ legalSource: 'x' }, '2026-01-01', '  ')).thenRefuses('power-change-has-reason');
  });

  it('refuses any command on a power that does not exist', () => {
    expect(none.when(revise({ titleVi: 'x' })).thenRefuses('power-not-found')).toEqual({ kind: 'power-not-found' });
    expect(none.when({ type: 'retire', data: { reason: 'x', effectiveFrom: '2026-01-01' } }).thenRefuses('power-not-found')).toEqual({ kind: 'power-not-found' });
  });
});

describe('retiring a power', () => {
  const retire: PowerCommand = { type: 'retire', data: { reason: 'Bãi bỏ theo Luật Đất đai sửa đổi', effectiveFrom: '2027-01-01' } };
  const all = events(events([defined], revise({ titleEn: 'Certify land-use rights of organisations' })), retire);

  it('records PowerRetired: the last version is retired, the power is no longer in the catalogue from that day', () => {
    expect(all[2]).toEqual({ type: 'PowerRetired', data: retire.data });
    expect(foldPower('TV-DD-02', all)).toMatchObject({ retired: true, retiredOn: '2027-01-01', version: 3 });
    expect(powerVersionsOf(all).map((v) => [v.version, v.validFrom, v.validTo, v.retired])).toEqual([
      [1, '2024-08-01', '2026-01-01', false],
      [2, '2026-01-01', '2027-01-01', false],
      [3, '2027-01-01', null, true],
    ]);
    expect(powerAsOf(all, '2026-12-31')?.titleEn).toBe('Certify land-use rights of organisations');
    expect(powerAsOf(all, '2027-01-01')).toBeNull();
  });

  it('then: nothing more can happen to it', () => {
    const retired = power.given(all);
    expect(retired.when(revise({ titleVi: 'y' }, '2028-01-01')).thenRefuses('power-already-retired')).toEqual({
      kind: 'power-retired', rule: expect.objectContaining({ id: 'power-already-retired' }), retiredOn: '2027-01-01',
    });
    retired.when(retire).thenRefuses('power-already-retired');
  });

  it('refuses a retirement dated before the last change', () => {
    const two = power.given(events([defined], revise({ titleEn: 'x' })));
    two.when({ type: 'retire', data: { reason: 'r', effectiveFrom: '2025-01-01' } }).thenRefuses('power-change-not-before-last-change');
  });
});

describe('stored names', () => {
  it('are explicit and refuse unknown types or newer schemas', () => {
    expect(['PowerDefined', 'PowerRevised', 'PowerRetired'].every(isPowerEventType)).toBe(true);
    expect(isPowerEventType('BodyRenamed')).toBe(false);
    expect(upcastPowerEvent('PowerRevised', 1, { a: 1 })).toEqual({ schemaVersion: 1, data: { a: 1 } });
    expect(() => upcastPowerEvent('PowerRenamed', 1, {})).toThrow(/Unknown power event/);
    expect(() => upcastPowerEvent('PowerDefined', 2, {})).toThrow(/newer/);
  });
});
