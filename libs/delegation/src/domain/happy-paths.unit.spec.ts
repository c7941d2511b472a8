import { describe, expect, it } from '@jest/globals';
import type { Recorded } from '@app/event-store/testing';
import { AFTER_PERIOD, cmd, content, decision, ID, validCommand } from '../testing/fixtures.js';
import type { Command } from './commands.js';
import type { DecisionEvent } from './events.js';
import { foldDecision } from './evolve.js';

/**
 * Runs commands one after another, like the command handler does: each is decided against the
 * stream so far (the decider picks the workflow), its events stamped with the command's time.
 * Fails on any refusal.
 */
function play(commands: Command[]) {
  const stream: Array<Recorded<DecisionEvent>> = [];
  for (const c of commands) {
    for (const event of decision.given(stream).when(c).thenAccepts()) {
      stream.push({ event, meta: { occurredAt: c.now, version: stream.length + 1 } });
    }
  }
  const log = stream.map(({ event, meta }) => ({ event, ...meta }));
  return { state: decision.given(stream).state, log, types: log.map((e) => e.event.type) };
}

const at = (day: string) => `${day}T02:00:00.000Z`;

describe('phân cấp, from proposal to revocation', () => {
  const { state, log, types } = play([
    validCommand('propose', 'phan-cap'),
    cmd('update-draft', { changes: { sector: 'xây dựng, đô thị' } }, 'proposer'),
    validCommand('submit', 'phan-cap'),
    cmd('assign-reviewer', { reviewerId: 'u-an' }, 'reviewer-lead', at('2026-01-06')),
    cmd('request-revision', { reasons: ['Thiếu đánh giá năng lực cấp xã'] }, 'reviewer', at('2026-01-07')),
    cmd('resubmit', { changes: { justification: 'Đã đánh giá năng lực' }, response: 'Bổ sung mục 3' }, 'proposer', at('2026-01-08')),
    cmd('request-revision', { reasons: ['Bổ sung biên chế'], note: 'Lần 2' }, 'reviewer-lead', at('2026-01-09')),
    cmd('resubmit', { changes: { resources: { budgetVnd: 800_000_000, staffPositions: 3, facilities: [] } }, response: 'Tăng biên chế' }, 'proposer', at('2026-01-12')),
    cmd('assign-reviewer', { reviewerId: 'u-binh', note: 'Thay người' }, 'reviewer-lead', at('2026-01-13')),
    cmd('appraise', { opinion: 'favourable', reportNumber: '77/BC-SNV', summary: 'Đủ điều kiện' }, 'reviewer', at('2026-01-14')),
    cmd('record-legal-appraisal', { opinion: 'lawful', reportNumber: '12/BC-STP' }, 'legal-appraiser', at('2026-01-20')),
    validCommand('submit-to-council', 'phan-cap'),
    cmd('record-council-vote', { session: 'Kỳ họp chuyên đề', sessionDate: '2026-03-20', totalDelegates: 51, votesFor: 26, votesAgainst: 20, abstentions: 5 }, 'council-office'),
    validCommand('issue', 'phan-cap'),
    validCommand('amend', 'phan-cap'),
    validCommand('revoke', 'phan-cap'),
  ]);

  it('records each step as one event, in order', () => {
    expect(types).toEqual([
      'ProposalDrafted', 'DraftUpdated', 'ProposalSubmitted', 'ReviewerAssigned',
      'RevisionRequested', 'ProposalResubmitted', 'RevisionRequested', 'ProposalResubmitted',
      'ReviewerAssigned', 'AppraisalCompleted', 'LegalAppraisalRecorded', 'SubmittedToCouncil',
      'CouncilVoteRecorded', 'DecisionIssued', 'DecisionAmended', 'DecisionRevoked',
    ]);
  });

  it('numbers revision rounds, and the resubmission answers its round', () => {
    const rounds = log.filter((e) => e.event.type === 'RevisionRequested' || e.event.type === 'ProposalResubmitted');
    expect(rounds.map((e) => (e.event.data as { round: number }).round)).toEqual([1, 1, 2, 2]);
    expect(state.revisionRound).toBe(2);
  });

  it('passes with 26 of 51 delegates (more than half of all), and ends revoked with the changes applied', () => {
    expect(log[12]!.event).toMatchObject({ type: 'CouncilVoteRecorded', data: { outcome: 'approved' } });
    expect(state.stage).toBe('revoked');
    expect(state.version).toBe(16);
    expect(state.content.sector).toBe('xây dựng, đô thị');
    expect(state.content.resources.staffPositions).toBe(3);
    expect(state.content.conditions).toEqual(['Báo cáo hằng quý', 'Công khai kết quả']);
    expect(state.amendments).toEqual([expect.objectContaining({ amendment: 1, documentNumber: '20/2026/QĐ-UBND' })]);
    expect(state.issuance?.effectiveTo).toBeUndefined();
    expect(state.reviewerId).toBe('u-binh');
  });

  it('folds the stored log to the same state', () => {
    expect(foldDecision(ID, log)).toEqual(state);
  });
});

describe('ủy quyền, from proposal to expiry', () => {
  const { state, types } = play([
    validCommand('propose', 'uy-quyen'),
    validCommand('submit', 'uy-quyen'),
    validCommand('assign-reviewer', 'uy-quyen'),
    validCommand('appraise', 'uy-quyen'),
    validCommand('decide', 'uy-quyen'),
    validCommand('issue', 'uy-quyen'),
    cmd('expire', {}, 'system', AFTER_PERIOD),
  ]);

  it('skips legal appraisal and HĐND, and expires when the period is over', () => {
    expect(types).toEqual([
      'ProposalDrafted', 'ProposalSubmitted', 'ReviewerAssigned', 'AppraisalCompleted',
      'DecisionMade', 'DecisionIssued', 'DelegationExpired',
    ]);
    expect(state.stage).toBe('expired');
    expect(state.issuance?.effectiveTo).toBe(content('uy-quyen').period!.to);
    expect(state.expiredOn).toBe('2026-12-31');
    expect(state.stageEnteredAt).toBe(AFTER_PERIOD);
  });
});

describe('rejections keep their reasons', () => {
  it('HĐND rejects when votes for are half of all delegates, though most of those present', () => {
    const { state } = play([
      ...['propose', 'submit', 'assign-reviewer', 'appraise', 'record-legal-appraisal', 'submit-to-council'].map((t) =>
        validCommand(t as Command['type'], 'phan-cap'),
      ),
      cmd('record-council-vote', { session: 'Kỳ họp 9', sessionDate: '2026-03-20', totalDelegates: 50, votesFor: 25, votesAgainst: 3, abstentions: 0, reasons: ['Chưa đủ số phiếu tán thành'] }, 'council-office'),
    ]);
    expect(state.stage).toBe('rejected');
    expect(state.councilVote?.outcome).toBe('rejected');
    expect(state.rejectionReasons).toEqual(['Chưa đủ số phiếu tán thành']);
  });

  it('UBND refuses an ủy quyền with reasons; the proposer withdraws another', () => {
    const base = ['propose', 'submit', 'assign-reviewer', 'appraise'].map((t) => validCommand(t as Command['type'], 'uy-quyen'));
    const refused = play([...base, cmd('decide', { outcome: 'rejected', decidedBy: 'chairman', reasons: ['Vượt năng lực'] }, 'committee-office')]);
    expect(refused.state).toMatchObject({ stage: 'rejected', rejectionReasons: ['Vượt năng lực'] });
    const withdrawn = play([...base, validCommand('withdraw', 'uy-quyen')]);
    expect(withdrawn.state).toMatchObject({ stage: 'withdrawn', withdrawal: { reason: 'Không còn nhu cầu' } });
  });
});
