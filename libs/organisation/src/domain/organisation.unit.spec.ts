import { describe, expect, it } from '@jest/globals';
import { specFor } from '@app/event-store/testing';
import { bodyDecider } from './body-decider.js';
import type { BodyCommand } from './commands.js';
import type { BodyLookup, KnownBody } from './decide.js';
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

/** Given the events of the district's stream, when a command runs, then events or a refusal (by rule id or kind). */
const body = specFor(bodyDecider(lookup), { streamId: 'qn-ubnd-nui-thanh' });
const established = body.given([district]);
type EstablishData = Extract<BodyEvent, { type: 'BodyEstablished' }>['data'];
const establish = (over: Partial<EstablishData> = {}): BodyCommand => ({ type: 'establish', data: { ...(district.data as EstablishData), ...over } });

describe('establishing a body', () => {
  it('records BodyEstablished for a new body whose parent exists', () => {
    body.given([]).when(establish()).then([district]);
  });

  it('refuses a body that already exists, an unknown parent and a parent that is itself', () => {
    expect(established.when(establish()).thenRefuses('body-already-exists')).toEqual({ kind: 'body-already-exists' });
    body.given([]).when(establish({ parentId: 'nowhere' })).thenRefuses('referenced-body-exists');
    body.given([]).when(establish({ parentId: 'qn-ubnd-nui-thanh' })).thenRefuses('parent-differs-from-body');
  });
});

describe('changing a body', () => {
  it('renames and re-parents on effective dates, keeping each version', () => {
    const renamed = established.when({ type: 'rename', data: { nameVi: 'UBND huyện Núi Thành', nameEn: 'Núi Thành District Committee', effectiveFrom: '2015-01-01' } }).thenAccepts();
    const events = [district, ...renamed];
    const moved: BodyEvent = { type: 'BodyReparented', data: { parentId: 'dn-ubnd', effectiveFrom: '2025-06-01' } };
    body.given(events).when({ type: 'reparent', data: { parentId: 'dn-ubnd', effectiveFrom: '2025-06-01' } }).then([moved]);
    const all = [...events, moved];
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
    body.given([district, renamed]).when({ type: 'reparent', data: { parentId: 'dn-ubnd', effectiveFrom: '2019-12-31' } }).thenRefuses('body-change-not-before-last-change');
    established.when({ type: 'reparent', data: { parentId: 'qn-ubnd', effectiveFrom: '2020-01-01' } }).thenRefuses('body-change-changes-something');
    const { nameVi, nameEn } = district.data as EstablishData;
    established.when({ type: 'rename', data: { nameVi, nameEn, effectiveFrom: '2020-01-01' } }).thenRefuses('body-change-changes-something');
    established.when({ type: 'reparent', data: { parentId: 'qn-ubnd-nui-thanh', effectiveFrom: '2020-01-01' } }).thenRefuses('parent-differs-from-body');
  });

  it('refuses any command on a body that does not exist', () => {
    const refusal = body.given([]).when({ type: 'rename', data: { nameVi: 'x', nameEn: 'x', effectiveFrom: '2020-01-01' } }).thenRefuses('body-not-found');
    expect(refusal).toEqual({ kind: 'body-not-found' });
  });
});

describe('merging', () => {
  it('merges into an active body, which becomes the successor', () => {
    const data = { intoBodyId: 'qn-ubnd-xa-nui-thanh', effectiveFrom: '2025-07-01' };
    established
      .when({ type: 'merge', data })
      .then([{ type: 'BodyMerged', data }])
      .thenState({ status: 'merged', endedOn: '2025-07-01', successorId: 'qn-ubnd-xa-nui-thanh' });
  });

  it('refuses a merge into itself, into an unknown body, into one already ended, or dated on establishment', () => {
    const merge = (intoBodyId: string, effectiveFrom: string): BodyCommand => ({ type: 'merge', data: { intoBodyId, effectiveFrom } });
    established.when(merge('qn-ubnd-nui-thanh', '2025-07-01')).thenRefuses('successor-differs-from-body');
    established.when(merge('nowhere', '2025-07-01')).thenRefuses('referenced-body-exists');
    established.when(merge('qn-ubnd-tam-hiep', '2025-07-01')).thenRefuses('referenced-body-active');
    // Before Tam Hiệp itself ended, merging into it was possible.
    established.when(merge('qn-ubnd-tam-hiep', '2025-06-30')).thenAccepts();
    established.when(merge('qn-ubnd', '2008-01-01')).thenRefuses('body-ends-after-establishment');
  });
});

describe('the reorganisation of 1 July 2025', () => {
  // Given the district UBND of Núi Thành, established long ago;
  // when it is abolished on 1 July 2025 (district level ceased), its tasks going to the new commune;
  const abolish: BodyCommand = {
    type: 'abolish',
    data: { successorId: 'qn-ubnd-xa-nui-thanh', effectiveFrom: '2025-07-01', reason: 'Kết thúc hoạt động của chính quyền địa phương cấp huyện (Luật 72/2025/QH15)' },
  };
  const decided = established.when(abolish);
  const events = [district, ...(decided.result.ok ? decided.result.events : [])];

  it('records BodyAbolished with the successor', () => {
    decided
      .then([{ type: 'BodyAbolished', data: abolish.data } as BodyEvent])
      .thenState({ status: 'abolished', endedOn: '2025-07-01', successorId: 'qn-ubnd-xa-nui-thanh', version: 2 });
    expect(foldBody('qn-ubnd-nui-thanh', events)).toMatchObject({ status: 'abolished', version: 2 });
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
    const ended = body.given(events);
    ended
      .when({ type: 'rename', data: { nameVi: 'x', nameEn: 'x', effectiveFrom: '2026-01-01' } })
      .thenRefuses('body-already-ended', { kind: 'body-ended', status: 'abolished', endedOn: '2025-07-01' });
    ended.when(abolish).thenRefuses('body-ended');
  });

  it('refuses an abolition without reason, succeeded by itself or by an unknown body', () => {
    established.when({ type: 'abolish', data: { ...abolish.data, reason: '  ' } }).thenRefuses('abolition-has-reason');
    established.when({ type: 'abolish', data: { ...abolish.data, successorId: 'qn-ubnd-nui-thanh' } }).thenRefuses('successor-differs-from-body');
    established.when({ type: 'abolish', data: { ...abolish.data, successorId: 'nowhere' } }).thenRefuses('referenced-body-exists');
    const { successorId: _, ...noSuccessor } = abolish.data;
    established.when({ type: 'abolish', data: noSuccessor }).thenAccepts();
  });
});
