import { describe, expect, it } from '@jest/globals';
import { HANDOFF_KIND_OF, renderHandoff } from './index.js';

const base = {
  decisionId: '0b9f6a3e-5a0c-4c39-9a57-1d2f0f6f0e11',
  title: 'Phân cấp cấp giấy phép xây dựng'.normalize('NFD'),
  caseNumber: 'PC-2026-0012',
  recipients: [{ userId: 'user-reviewer', name: 'Trần Thị Bình' }],
  now: '2026-03-02T02:00:00Z',
  actorName: 'Lê Văn Cường',
};
const DATA: Record<string, Record<string, unknown>> = {
  ProposalSubmitted: {},
  ReviewerAssigned: { reviewerId: 'user-reviewer', note: 'Gấp' },
  RevisionRequested: { round: 2, reasons: ['Làm rõ kinh phí', 'Bổ sung biên chế'] },
  ProposalResubmitted: { round: 1, changes: {}, response: 'Đã bổ sung' },
  AppraisalCompleted: { opinion: 'favourable', reportNumber: '45/BC-SNV', summary: 'Đủ điều kiện' },
  LegalAppraisalRecorded: { opinion: 'unlawful', reportNumber: '30/BC-STP' },
  SubmittedToCouncil: { submissionNumber: '120/TTr-UBND', submittedOn: '2026-03-13' },
  CouncilVoteRecorded: { session: 'Kỳ họp thứ 5', sessionDate: '2026-04-01', resolutionNumber: '05/2026/NQ-HĐND', totalDelegates: 50, votesFor: 40, votesAgainst: 5, abstentions: 5, outcome: 'approved' },
  DecisionMade: { outcome: 'rejected', decidedBy: 'chairman' },
  DecisionIssued: { documentNumber: '700/QĐ-UBND', signer: 'Lê Văn Hảo', signedOn: '2026-04-02', effectiveFrom: '2026-05-01' },
  FindingRaised: { findingId: 'x', ruleId: 'one-power-one-holder', severity: 'violation' },
};

describe('hand-off notices', () => {
  it('have one kind per hand-off event, an NFC subject with the case number, and both languages', () => {
    for (const [eventType, data] of Object.entries(DATA)) {
      const m = renderHandoff({
        ...base, id: `notify:${base.decisionId}:7`, eventType, version: 7, data,
        findings: [{ ruleId: 'one-power-one-holder', severity: 'violation', message: { vi: 'Một thẩm quyền hai chủ thể', en: 'One power, two holders' } }],
      });
      expect(m.kind).toBe(HANDOFF_KIND_OF[eventType]);
      expect(m.id).toBe(`notify:${base.decisionId}:7`);
      expect(m.subject.vi).toMatch(/^\[[^\]]+\] PC-2026-0012 «Phân cấp cấp giấy phép xây dựng»$/);
      expect(m.subject.en).toContain('PC-2026-0012');
      for (const t of [m.subject.vi, m.subject.en, m.body.vi, m.body.en]) expect(t).toBe(t.normalize('NFC'));
      expect(m.body.vi).toContain('Kính gửi: Trần Thị Bình');
      expect(m.data).toMatchObject({ eventType, version: 7, caseNumber: 'PC-2026-0012' });
    }
  });

  it('say what was asked and what happened', () => {
    const revision = renderHandoff({ ...base, id: 'n', eventType: 'RevisionRequested', version: 5, data: DATA.RevisionRequested });
    expect(revision.body.vi).toContain('Làm rõ kinh phí; Bổ sung biên chế');
    expect(revision.body.vi).toContain('(lần 2) (Lê Văn Cường)');
    const vote = renderHandoff({ ...base, id: 'n', eventType: 'CouncilVoteRecorded', version: 9, data: DATA.CouncilVoteRecorded });
    expect(vote.body.vi).toContain('đã thông qua');
    expect(vote.body.vi).toContain('40/50 đại biểu tán thành');
    expect(vote.body.vi).toContain('05/2026/NQ-HĐND');
    const issued = renderHandoff({ ...base, id: 'n', eventType: 'DecisionIssued', version: 11, data: DATA.DecisionIssued });
    expect(issued.body.vi).toContain('có hiệu lực từ ngày 01/05/2026');
    expect(issued.body.en).toContain('in effect from 1 May 2026');
    expect(() => renderHandoff({ ...base, id: 'n', eventType: 'DraftUpdated', version: 2, data: {} })).toThrow();
  });
});
