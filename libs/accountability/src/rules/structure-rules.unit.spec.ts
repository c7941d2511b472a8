import { describe, expect, it } from '@jest/globals';
import { CONDITION_FIXED } from '../reconcile.js';
import { apply, context, decisionState, other, raiseThenFix } from '../testing/fixtures.js';
import { AT_MOST_TWO_LEVELS } from './at-most-two-levels.js';
import { NO_PASS_ON } from './no-pass-on.js';
import { ONE_POWER_ONE_HOLDER } from './one-power-one-holder.js';
import { PERMITTED_PAIR_AND_DELEGABLE, PERMITTED_PAIRS } from './permitted-pair-and-delegable.js';

const resolvedOnly = (ruleId: string, ...keys: string[]) =>
  keys.map((key) => ({ type: 'FindingResolved', data: { findingId: `${ruleId}:${key}`, ruleId, reason: CONDITION_FIXED } }));

describe('at-most-two-levels', () => {
  const rule = AT_MOST_TWO_LEVELS;
  const submitted = decisionState('phan-cap', 'submitted');
  const district = other('o-1', { delegateBodyId: 'phong-kt-ht-cang-long', validFrom: '2024-01-01' });

  it('applies from submission on, not to drafts', () => {
    expect(rule.appliesTo(submitted)).toBe(true);
    expect(rule.appliesTo(decisionState('phan-cap', 'draft'))).toBe(false);
  });

  it('passes with the province holding the power and one commune managing it', () => {
    expect(rule.evaluate(context(submitted))).toEqual([]);
    // Another commune is the same level: still two levels.
    expect(rule.evaluate(context(submitted, { others: [other('o-2')] }))).toEqual([]);
  });

  it('finds a third level when a district office still manages the power', () => {
    const found = rule.evaluate(context(submitted, { others: [district] }));
    expect(found).toEqual([
      expect.objectContaining({
        ruleId: 'at-most-two-levels',
        key: 'levels:xay-dung.cap-phep',
        severity: 'violation',
        details: expect.objectContaining({ levels: ['province', 'district', 'commune'] }),
      }),
    ]);
  });

  it('ignores proposals that are not approved yet, and resolves once the district delegation ended', () => {
    expect(rule.evaluate(context(submitted, { others: [{ ...district, stage: 'in-appraisal' }] }))).toEqual([]);
    const { raised, rerun } = raiseThenFix(rule, context(submitted, { others: [district] }), (s) =>
      context(s, { others: [{ ...district, validTo: '2025-07-01' }] }),
    );
    expect(raised).toHaveLength(1);
    expect(rerun).toEqual(resolvedOnly(rule.id, 'levels:xay-dung.cap-phep'));
  });
});

describe('one-power-one-holder', () => {
  const rule = ONE_POWER_ONE_HOLDER;
  const uq = decisionState('uy-quyen', 'issued');
  const competing = other('o-2', { delegateBodyId: 'ubnd-xa-hoa-thuan', validFrom: '2025-09-01' });

  it('passes when the others hold other powers, the same delegate, another province or other days', () => {
    const ok = [
      other('o-a', { powerIds: ['dat-dai.dang-ky'] }),
      other('o-b', { delegateBodyId: 'so-xay-dung' }),
      other('o-c', { delegateBodyId: 'ubnd-xa-vinh-long' }),
      other('o-d', { validFrom: '2024-01-01', validTo: '2026-01-01' }),
      other('o-e', { validFrom: '2027-01-01' }),
      other('o-f', { stage: 'draft' }),
    ];
    expect(rule.evaluate(context(uq, { others: ok }))).toEqual([]);
  });

  it('finds a second holder of the same power over overlapping days, one finding per (other, power)', () => {
    const both = { ...competing, powerIds: ['xay-dung.cap-phep', 'dat-dai.dang-ky'] };
    const wide = decisionState('uy-quyen', 'in-appraisal', { content: { powerIds: ['dat-dai.dang-ky', 'xay-dung.cap-phep'] } });
    expect(rule.evaluate(context(wide, { others: [both] })).map((f) => f.key)).toEqual([
      'overlap:o-2:dat-dai.dang-ky',
      'overlap:o-2:xay-dung.cap-phep',
    ]);
    expect(rule.evaluate(context(uq, { others: [competing] }))[0]).toMatchObject({
      severity: 'violation',
      details: { otherId: 'o-2', otherDelegateBodyId: 'ubnd-xa-hoa-thuan' },
    });
  });

  it('resolves when the other delegation is revoked before this one starts', () => {
    const { raised, rerun } = raiseThenFix(rule, context(uq, { others: [competing] }), (s) =>
      context(s, { others: [{ ...competing, validTo: '2025-12-01' }] }),
    );
    expect(raised.map((e) => e.type)).toEqual(['FindingRaised']);
    expect(rerun).toEqual(resolvedOnly(rule.id, 'overlap:o-2:xay-dung.cap-phep'));
  });
});

describe('one-power-one-holder before the dates are known, and duplicates', () => {
  const rule = ONE_POWER_ONE_HOLDER;
  const uq = decisionState('uy-quyen', 'issued');

  it('warns, not violates, while the other side has no effective date yet; the violation comes once both are dated', () => {
    const undated = other('o-9', { stage: 'in-appraisal', validFrom: null });
    expect(rule.evaluate(context(uq, { others: [undated] }))).toEqual([
      expect.objectContaining({ key: 'possible-overlap:o-9:xay-dung.cap-phep', severity: 'warning', details: expect.objectContaining({ otherId: 'o-9' }) }),
    ]);
    const { raised, rerun } = raiseThenFix(rule, context(uq, { others: [undated] }), (s) =>
      context(s, { others: [{ ...undated, validFrom: '2025-09-01' }] }),
    );
    expect(raised).toHaveLength(1);
    expect(rerun.map((e) => [e.type, (e.data as { findingId: string }).findingId])).toEqual([
      ['FindingResolved', 'one-power-one-holder:possible-overlap:o-9:xay-dung.cap-phep'],
      ['FindingRaised', 'one-power-one-holder:overlap:o-9:xay-dung.cap-phep'],
    ]);
  });

  it('finds overlapping ủy quyền of one power to the same delegate, and not once their days part', () => {
    const same = decisionState('uy-quyen', 'issued');
    const twin = other('o-7', { kind: 'uy-quyen', delegateBodyId: same.content.delegateBodyId, validFrom: '2025-01-01' });
    expect(rule.evaluate(context(same, { others: [twin] }))).toEqual([
      expect.objectContaining({ key: 'duplicate:o-7:xay-dung.cap-phep', severity: 'warning', message: expect.objectContaining({ vi: expect.stringContaining('cùng cơ quan') }) }),
    ]);
    expect(rule.evaluate(context(same, { others: [{ ...twin, validTo: '2025-06-01' }] }))).toEqual([]);
    // A phân cấp to the same delegate is not a duplicate ủy quyền.
    expect(rule.evaluate(context(same, { others: [{ ...twin, kind: 'phan-cap' }] }))).toEqual([]);
  });
});

describe('permitted-pair-and-delegable', () => {
  const rule = PERMITTED_PAIR_AND_DELEGABLE;
  const keys = (kind: 'phan-cap' | 'uy-quyen', content: object) =>
    rule.evaluate(context(decisionState(kind, 'submitted', { content }))).map((f) => [f.key, f.details?.['reason'] ?? f.severity]);

  it('passes the pairs Art. 13.1 and 14.1 name', () => {
    expect(keys('phan-cap', {})).toEqual([]);
    expect(keys('phan-cap', { delegateBodyId: 'so-xay-dung' })).toEqual([]);
    expect(keys('phan-cap', { delegateBodyId: 'ttpt-quy-dat' })).toEqual([]);
    expect(keys('phan-cap', { delegatorBodyId: 'chu-tich-ubnd-tinh', delegateBodyId: 'chu-tich-ubnd-xa-long-duc' })).toEqual([]);
    expect(keys('uy-quyen', {})).toEqual([]);
    expect(keys('uy-quyen', { delegateBodyId: 'chu-tich-ubnd-tinh' })).toEqual([]);
    expect(keys('uy-quyen', { delegateBodyId: 'ubnd-xa-long-duc' })).toEqual([]);
    expect(keys('uy-quyen', { delegatorBodyId: 'chu-tich-ubnd-tinh', delegateBodyId: 'so-xay-dung' })).toEqual([]);
  });

  it('finds pairs the law does not permit', () => {
    expect(keys('phan-cap', { delegatorBodyId: 'ubnd-xa-long-duc', delegateBodyId: 'ubnd-tinh' })).toEqual([['pair', 'upwards']]);
    expect(keys('phan-cap', { delegateBodyId: 'chu-tich-ubnd-tinh' })).toEqual([['pair', 'not-permitted']]);
    expect(keys('uy-quyen', { delegatorBodyId: 'chu-tich-ubnd-tinh', delegateBodyId: 'ubnd-xa-long-duc' })).toEqual([['pair', 'not-permitted']]);
    expect(keys('uy-quyen', { delegatorBodyId: 'ubnd-xa-long-duc', delegateBodyId: 'chu-tich-ubnd-tinh' })).toEqual([['pair', 'upwards']]);
    expect(keys('phan-cap', { delegateBodyId: 'ubnd-xa-vinh-long' })).toEqual([['pair', 'other-province']]);
    expect(keys('uy-quyen', { delegateBodyId: 'ubnd-tinh' })).toEqual([['pair', 'same-body']]);
    expect(keys('uy-quyen', { delegateBodyId: 'so-khong-co' })).toEqual([['pair-unknown', 'warning']]);
  });

  it('finds a power the catalogue marks as not delegable', () => {
    const found = rule.evaluate(context(decisionState('phan-cap', 'submitted', { content: { powerIds: ['xay-dung.cap-phep', 'quy-hoach.phe-duyet'] } })));
    expect(found).toEqual([expect.objectContaining({ key: 'non-delegable:quy-hoach.phe-duyet', severity: 'violation' })]);
    expect(found[0]!.message.vi).toContain('Phê duyệt quy hoạch tỉnh');
  });

  it('resolves when the resubmitted proposal names a permitted delegate and drops the power', () => {
    const bad = decisionState('phan-cap', 'in-appraisal', {
      content: { delegateBodyId: 'chu-tich-ubnd-tinh', powerIds: ['xay-dung.cap-phep', 'quy-hoach.phe-duyet'] },
      then: [{ type: 'RevisionRequested', data: { round: 1, reasons: ['Sai thẩm quyền'] } }],
    });
    const { raised, rerun } = raiseThenFix(rule, context(bad), (s) =>
      context(apply(s, [{ type: 'ProposalResubmitted', data: { round: 1, response: 'Sửa', changes: { delegateBodyId: 'ubnd-xa-long-duc', powerIds: ['xay-dung.cap-phep'] } } }])),
    );
    expect(raised).toHaveLength(2);
    expect(rerun).toEqual(resolvedOnly(rule.id, 'non-delegable:quy-hoach.phe-duyet', 'pair'));
  });

  it('has a table entry for each delegator kind it permits, with no body delegating to its own kind and level upwards', () => {
    for (const kind of ['phan-cap', 'uy-quyen'] as const)
      for (const [from, tos] of Object.entries(PERMITTED_PAIRS[kind])) {
        const rank = (k: string) => ['province', 'district', 'commune'].indexOf(k.split('@')[1]!);
        for (const to of tos ?? []) {
          expect(to).not.toBe(from);
          expect(rank(to)).toBeGreaterThanOrEqual(rank(from));
        }
      }
  });
});

describe('no-pass-on', () => {
  const rule = NO_PASS_ON;
  // UBND xã Long Đức received the power by phân cấp and now authorises its chairman to exercise it.
  const onward = decisionState('uy-quyen', 'submitted', { content: { delegatorBodyId: 'ubnd-xa-long-duc', delegateBodyId: 'chu-tich-ubnd-xa-long-duc' } });
  const received = other('o-5', { delegateBodyId: 'ubnd-xa-long-duc', validFrom: '2025-09-01' });

  it('passes when the delegator holds the power by law, or received other powers', () => {
    expect(rule.evaluate(context(onward))).toEqual([]);
    expect(rule.evaluate(context(onward, { others: [{ ...received, powerIds: ['dat-dai.dang-ky'] }] }))).toEqual([]);
    expect(rule.evaluate(context(onward, { others: [{ ...received, stage: 'approved' }] }))).toEqual([]);
  });

  it('finds a received power delegated onwards', () => {
    expect(rule.evaluate(context(onward, { others: [received] }))).toEqual([
      expect.objectContaining({ key: 'pass-on:o-5:xay-dung.cap-phep', severity: 'violation', details: expect.objectContaining({ receivedBy: 'o-5' }) }),
    ]);
  });

  it('resolves when the received delegation is revoked', () => {
    const { rerun } = raiseThenFix(rule, context(onward, { others: [received] }), (s) => context(s, { others: [{ ...received, stage: 'revoked' }] }));
    expect(rerun).toEqual(resolvedOnly(rule.id, 'pass-on:o-5:xay-dung.cap-phep'));
  });
});
