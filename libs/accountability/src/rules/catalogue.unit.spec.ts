import { describe, expect, it } from '@jest/globals';
import type { Stage } from '@app/delegation';
import { context, decisionState, other } from '../testing/fixtures.js';
import { ACCOUNTABILITY_RULES, findAccountabilityRule, runChecks } from './index.js';

const texts = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(texts) : [];

describe('the accountability rule catalogue', () => {
  it('has at least the 14 named, versioned rules with unique kebab-case ids', () => {
    const ids = ACCOUNTABILITY_RULES.map((r) => r.id);
    expect(ids).toHaveLength(14);
    expect(new Set(ids).size).toBe(ids.length);
    for (const r of ACCOUNTABILITY_RULES) {
      expect(r.id).toMatch(/^[a-z0-9]+(-[a-z0-9]+)*$/);
      expect(r.version).toBe(r.id === 'one-power-one-holder' ? 2 : 1); // v2: warns until dated, finds duplicates
      expect(r.source.trim()).not.toBe('');
      expect(findAccountabilityRule(r.id)).toBe(r);
    }
    expect(findAccountabilityRule('nope')).toBeUndefined();
  });

  it('writes its sources and messages, and every finding message, in NFC Vietnamese with an English text', () => {
    const messy = decisionState('uy-quyen', 'issued', {
      content: { delegateBodyId: 'ubnd-xa-an-truong', legalBasis: ['Luật số 77/2015/QH13'], powerIds: ['xay-dung.cap-phep', 'quy-hoach.phe-duyet'], conditions: [] },
      effectiveFrom: '2025-03-01',
    });
    const { findings } = runChecks(context(messy, { today: '2027-03-02', others: [other('o-1')] }));
    expect(findings.length).toBeGreaterThan(8);
    for (const s of texts({ rules: ACCOUNTABILITY_RULES.map((r) => [r.source, r.message]), found: findings.map((x) => x.message) })) {
      expect(s).toBe(s.normalize('NFC'));
      expect(s.trim()).not.toBe('');
    }
    for (const r of ACCOUNTABILITY_RULES) expect(r.message.vi).not.toBe(r.message.en);
  });

  it('checks nothing on drafts, content rules from submission, and in-effect rules once issued', () => {
    const applies = (kind: 'phan-cap' | 'uy-quyen', stage: Stage) => runChecks(context(decisionState(kind, stage))).checkedRuleIds;
    expect(applies('phan-cap', 'draft')).toEqual([]);
    expect(applies('phan-cap', 'submitted')).toEqual([
      'at-most-two-levels', 'one-power-one-holder', 'permitted-pair-and-delegable', 'no-pass-on',
      'resources-go-with-phan-cap', 'delegate-capacity', 'legal-basis-in-force', 'delegate-body-reorganised',
    ]);
    expect(applies('uy-quyen', 'issued')).toEqual([
      'at-most-two-levels', 'one-power-one-holder', 'permitted-pair-and-delegable', 'no-pass-on', 'delegate-capacity',
      'legal-basis-in-force', 'uy-quyen-period-conditions-no-chain', 'quarterly-report-due', 'yearly-evaluation',
      'uy-quyen-ending', 'delegate-body-reorganised', 'transition-lapse-2027',
    ]);
    expect(applies('phan-cap', 'issued')).toContain('council-approval-before-issuance');
    for (const stage of ['revoked', 'expired'] as const) expect(applies('uy-quyen', stage)).toEqual([]);
  });

  it('finds nothing on a sound decision that filed its Q1 report', () => {
    for (const kind of ['phan-cap', 'uy-quyen'] as const) {
      const sound = decisionState(kind, 'issued', { then: [{ type: 'ImplementationReportFiled', data: { period: '2026-Q1', summary: 'Quý I', documents: [] } }] });
      expect(runChecks(context(sound)).findings).toEqual([]);
      expect(runChecks(context(decisionState(kind, 'issued'))).findings.map((f) => f.key)).toEqual(['report:2026-Q1']);
    }
  });
});

describe('rule guides', () => {
  it('give every rule a title and what resolves it, in both languages, and group findings by rule', async () => {
    const { RULE_GUIDES, describeRule, groupFindingsByRule } = await import('./guide.js');
    const { ACCOUNTABILITY_RULES } = await import('./index.js');
    for (const r of ACCOUNTABILITY_RULES) {
      const g = RULE_GUIDES[r.id];
      expect({ id: r.id, vi: !!g?.title.vi, en: !!g?.title.en, rvi: !!g?.resolve.vi, ren: !!g?.resolve.en }).toEqual({ id: r.id, vi: true, en: true, rvi: true, ren: true });
      expect(describeRule(r.id).source).toBe(r.source);
    }
    const groups = groupFindingsByRule([
      { ruleId: 'yearly-evaluation', severity: 'warning', open: true },
      { ruleId: 'one-power-one-holder', severity: 'warning', open: true },
      { ruleId: 'one-power-one-holder', severity: 'violation', open: true },
      { ruleId: 'no-pass-on', severity: 'violation', open: false },
    ]);
    expect(groups.map((g) => [g.rule.id, g.severity, g.openCount, g.items.length])).toEqual([
      ['one-power-one-holder', 'violation', 2, 2], ['yearly-evaluation', 'warning', 1, 1], ['no-pass-on', 'violation', 0, 1],
    ]);
    expect(groups[0].rule.title.vi).toBe('Một nhiệm vụ, quyền hạn chỉ một cơ quan nắm giữ');
  });
});
