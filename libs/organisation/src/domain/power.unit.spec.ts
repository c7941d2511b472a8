import { describe, expect, it } from '@jest/globals';
import type { KnownBody } from './decide.js';
import { decidePower, type PowerContext } from './power-decide.js';
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

const when = (given: PowerEvent[], command: PowerCommand) => decidePower(command, foldPower('TV-DD-02', given), ctx);
const refusalOf = (d: ReturnType<typeof decidePower>) =>
  d.ok ? 'ok' : d.refusal.kind === 'rule-violated' || d.refusal.kind === 'power-retired' || d.refusal.kind === 'code-taken' ? d.refusal.rule.id : d.refusal.kind;
const events = (given: PowerEvent[], command: PowerCommand): PowerEvent[] => {
  const d = when(given, command);
  if (!d.ok) throw new Error(JSON.stringify(d.refusal));
  return [...given, ...d.events];
};
const revise = (changes: object, effectiveFrom = '2026-01-01', reason = 'Luật sửa đổi'): PowerCommand => ({ type: 'revise', data: { changes, reason, effectiveFrom } });

describe('defining a power', () => {
  it('records PowerDefined on the stream power:<id>, without repeated procedure codes', () => {
    expect(powerStreamId('TV-DD-02')).toBe('power:TV-DD-02');
    const d = when([], { type: 'define', data: { ...defined.data, procedureCodes: ['1.012778', '1.012778'] } });
    expect(d).toEqual({ ok: true, events: [defined] });
    expect(foldPower('TV-DD-02', [defined])).toMatchObject({ exists: true, version: 1, retired: false, lastChangeOn: '2024-08-01' });
  });

  it('refuses a power that already exists, an unknown sector or legal holder (per field), an ended holder and a code in use', () => {
    expect(when([defined], { type: 'define', data: defined.data })).toEqual({ ok: false, refusal: { kind: 'power-already-exists' } });
    expect(when([], { type: 'define', data: { ...defined.data, sector: 'hang-hai', legalHolderBodyId: 'nowhere' } })).toEqual({
      ok: false,
      refusal: {
        kind: 'unknown-references',
        unknown: [{ field: 'sector', value: 'hang-hai', what: 'sector' }, { field: 'legalHolderBodyId', value: 'nowhere', what: 'body' }],
      },
    });
    expect(refusalOf(when([], { type: 'define', data: { ...defined.data, legalHolderBodyId: 'tv-ubnd-cang-long', effectiveFrom: '2025-07-01' } }))).toBe('power-holder-body-active');
    expect(when([], { type: 'define', data: { ...defined.data, legalHolderBodyId: 'tv-ubnd-cang-long', effectiveFrom: '2025-06-30' } }).ok).toBe(true);
    expect(when([], { type: 'define', data: { ...defined.data, code: 'TV-DD-01' } })).toMatchObject({ ok: false, refusal: { kind: 'code-taken', code: 'TV-DD-01', byPowerId: 'TV-DD-01' } });
  });
});

describe('revising a power', () => {
  it('records only what changes, and each revision is a version valid from its effective date', () => {
    const d = when([defined], revise({ titleVi: 'Cấp GCN quyền sử dụng đất cho tổ chức', sector: 'dat-dai', procedureCodes: ['1.012778', '2.000889'] }));
    expect(d).toEqual({
      ok: true,
      events: [{ type: 'PowerRevised', data: { changes: { titleVi: 'Cấp GCN quyền sử dụng đất cho tổ chức', procedureCodes: ['1.012778', '2.000889'] }, reason: 'Luật sửa đổi', effectiveFrom: '2026-01-01' } }],
    });
    const all = [defined, ...(d.ok ? d.events : [])];
    expect(foldPower('TV-DD-02', all)).toMatchObject({ version: 2, current: { titleVi: 'Cấp GCN quyền sử dụng đất cho tổ chức', legalSource: 'Luật Đất đai 2024, Điều 136' } });
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
    expect(refusalOf(when([defined], revise({ legalHolderBodyId: 'tv-ubnd-cang-long' })))).toBe('power-holder-body-active');
    expect(refusalOf(when([defined], revise({ code: 'TV-DD-01' })))).toBe('power-code-unique');
    expect(when([defined], revise({ sector: 'khac' }))).toMatchObject({ ok: false, refusal: { kind: 'unknown-references', unknown: [{ field: 'changes.sector' }] } });
  });

  it('refuses a revision that changes nothing (procedure codes compared as a set), one dated before the last change, and one without reason', () => {
    expect(refusalOf(when([defined], revise({ titleVi: defined.data.titleVi, delegable: true })))).toBe('power-revision-changes-something');
    expect(refusalOf(when([defined], revise({})))).toBe('power-revision-changes-something');
    const two = events([defined], revise({ procedureCodes: ['1.012778', '2.000889'] }));
    expect(refusalOf(when(two, revise({ procedureCodes: ['2.000889', '1.012778', '2.000889'] })))).toBe('power-revision-changes-something');
    expect(refusalOf(when(two, revise({ legalSource: 'Luật Đất đai 2024, Điều 137' }, '2025-12-31')))).toBe('power-change-not-before-last-change');
    expect(when(two, revise({ legalSource: 'Luật Đất đai 2024, Điều 137' }, '2026-01-01')).ok).toBe(true);
    expect(refusalOf(when([defined], revise({ legalSource: 'x' }, '2026-01-01', '  ')))).toBe('power-change-has-reason');
  });

  it('refuses any command on a power that does not exist', () => {
    expect(when([], revise({ titleVi: 'x' }))).toEqual({ ok: false, refusal: { kind: 'power-not-found' } });
    expect(when([], { type: 'retire', data: { reason: 'x', effectiveFrom: '2026-01-01' } })).toEqual({ ok: false, refusal: { kind: 'power-not-found' } });
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
    expect(when(all, revise({ titleVi: 'y' }, '2028-01-01'))).toEqual({
      ok: false, refusal: { kind: 'power-retired', rule: expect.objectContaining({ id: 'power-already-retired' }), retiredOn: '2027-01-01' },
    });
    expect(refusalOf(when(all, retire))).toBe('power-already-retired');
  });

  it('refuses a retirement dated before the last change', () => {
    const two = events([defined], revise({ titleEn: 'x' }));
    expect(refusalOf(when(two, { type: 'retire', data: { reason: 'r', effectiveFrom: '2025-01-01' } }))).toBe('power-change-not-before-last-change');
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
