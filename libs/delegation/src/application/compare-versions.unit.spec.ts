import { describe, expect, it } from '@jest/globals';
import { initialDecisionState } from '../domain/initial-state.js';
import { diffDecisions, fieldChanges, diffValues } from './compare-versions.query.js';

describe('diffValues: the structural diff of two states', () => {
  it('finds nothing between equal values', () => {
    expect(diffValues({ a: 1, b: { c: [1, 2], d: ['x', 'y'] } }, { a: 1, b: { c: [1, 2], d: ['x', 'y'] } })).toEqual([]);
  });

  it('reports a changed leaf by its dotted path', () => {
    expect(diffValues({ content: { resources: { budgetVnd: 1, staffPositions: 3 } } }, { content: { resources: { budgetVnd: 2, staffPositions: 3 } } }))
      .toEqual([{ path: 'content.resources.budgetVnd', kind: 'changed', before: 1, after: 2 }]);
  });

  it('reports keys added and removed (undefined counts as absent), sorted by path', () => {
    expect(diffValues({ a: 1, gone: 'x', u: undefined }, { a: 1, u: undefined, appraisal: { opinion: 'favourable' } })).toEqual([
      { path: 'appraisal', kind: 'added', after: { opinion: 'favourable' } },
      { path: 'gone', kind: 'removed', before: 'x' },
    ]);
  });

  it('compares arrays of strings as sets: order does not matter, one change lists the members added and removed', () => {
    expect(diffValues({ c: ['a', 'b'] }, { c: ['b', 'a'] })).toEqual([]);
    expect(diffValues({ c: ['a', 'b'] }, { c: ['b', 'c', 'd'] })).toEqual([
      { path: 'c', kind: 'changed', before: ['a', 'b'], after: ['b', 'c', 'd'], added: ['c', 'd'], removed: ['a'] },
    ]);
  });

  it('compares other arrays by index, with trailing elements added or removed', () => {
    const before = { amendments: [{ n: 1, reason: 'r1' }] };
    const after = { amendments: [{ n: 1, reason: 'r1b' }, { n: 2, reason: 'r2' }] };
    expect(diffValues(before, after)).toEqual([
      { path: 'amendments[0].reason', kind: 'changed', before: 'r1', after: 'r1b' },
      { path: 'amendments[1]', kind: 'added', after: { n: 2, reason: 'r2' } },
    ]);
    expect(diffValues({ v: [1, 2, 3] }, { v: [1, 2] })).toEqual([{ path: 'v[2]', kind: 'removed', before: 3 }]);
  });

  it('brackets keys that are not identifiers, and reports a change of shape as one change', () => {
    expect(diffValues({ findings: { 'rule:key': { open: true } } }, { findings: { 'rule:key': { open: false } } }))
      .toEqual([{ path: 'findings["rule:key"].open', kind: 'changed', before: true, after: false }]);
    expect(diffValues({ x: 'a' }, { x: { y: 1 } })).toEqual([{ path: 'x', kind: 'changed', before: 'a', after: { y: 1 } }]);
    expect(diffValues({ x: null }, { x: 0 })).toEqual([{ path: 'x', kind: 'changed', before: null, after: 0 }]);
  });
});

describe('diffDecisions', () => {
  it('compares content and records, not bookkeeping (version, timestamps)', () => {
    const base = initialDecisionState('d-1');
    const a = { ...base, exists: true, version: 3, updatedAt: '2026-03-01T00:00:00Z', revisionRound: 1 };
    const b = { ...a, version: 5, updatedAt: '2026-03-09T00:00:00Z', revisionRound: 2, stage: 'legal-appraisal' as const };
    expect(diffDecisions(a, b)).toEqual([
      { path: 'revisionRound', kind: 'changed', before: 1, after: 2 },
      { path: 'stage', kind: 'changed', before: a.stage, after: 'legal-appraisal' },
    ]);
  });
});

describe('fieldChanges', () => {
  it('gives each changed field whole on both sides, lists in full, with its label; unchanged fields not at all', () => {
    const base = initialDecisionState('d-1');
    const content = {
      ...base.content, title: 'T', conditions: ['Báo cáo hằng quý', 'Công khai kết quả'],
      resources: { budgetVnd: 1_500_000_000, staffPositions: 3, facilities: ['Bộ phận một cửa'] },
    };
    const a = { ...base, exists: true, content };
    const b = {
      ...a, revisionRound: 1,
      content: { ...content, conditions: [...content.conditions, 'Kiểm tra định kỳ'], resources: { ...content.resources, budgetVnd: 2_000_000_000 } },
    };
    expect(fieldChanges(a, b)).toEqual([
      { field: 'content.resources', label: { vi: 'Nguồn lực (kinh phí, biên chế, cơ sở vật chất)', en: 'Resources (budget, staff, facilities)' },
        before: content.resources, after: { ...content.resources, budgetVnd: 2_000_000_000 } },
      { field: 'content.conditions', label: { vi: 'Điều kiện thực hiện', en: 'Conditions' },
        before: ['Báo cáo hằng quý', 'Công khai kết quả'], after: ['Báo cáo hằng quý', 'Công khai kết quả', 'Kiểm tra định kỳ'] },
      { field: 'revisionRound', label: { vi: 'Lần bổ sung', en: 'Revision round' }, before: 0, after: 1 },
    ]);
    expect(fieldChanges(a, a)).toEqual([]);
  });
});
