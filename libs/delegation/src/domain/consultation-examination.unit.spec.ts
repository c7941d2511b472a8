import { describe, expect, it } from '@jest/globals';
import type { Recorded } from '@app/event-store/testing';
import { AFTER_PERIOD, cmd, decision, ID, validCommand, validData } from '../testing/fixtures.js';
import { PHAN_CAP_V1, PHAN_CAP_V2, UY_QUYEN_V2 } from '../workflows/registry.js';
import type { WorkflowDefinition } from '../workflows/definition.js';
import type { Command } from './commands.js';
import { decide } from './decide.js';
import type { DecisionEvent } from './events.js';
import { foldDecision } from './evolve.js';
import type { DecisionKind } from './types.js';

const at = (day: string) => `${day}T02:00:00.000Z`;

function play(commands: Command[]) {
  const stream: Array<Recorded<DecisionEvent>> = [];
  for (const c of commands)
    for (const event of decision.given(stream).when(c).thenAccepts()) stream.push({ event, meta: { occurredAt: c.now, version: stream.length + 1 } });
  return { stream, state: decision.given(stream).state, types: stream.map((e) => e.event.type) };
}

const proposeV2 = (kind: DecisionKind) => cmd('propose', { ...validData('propose', kind), workflowVersion: 2 }, 'proposer');
const consult = cmd('request-consultation', { bodyIds: ['so-tu-phap', 'so-xay-dung'], dueOn: '2026-05-04', subject: 'Dự thảo Nghị quyết phân cấp' }, 'proposer');
const opinion = (bodyId: string, now = at('2026-04-27')) => cmd('record-opinion', { bodyId, opinion: 'agree', summary: 'Thống nhất' }, 'proposer', now);

describe('phân cấp v2: consultation, then the HĐND committee examination', () => {
  it('starts on v2 when the proposal names it, and on v1 otherwise', () => {
    expect(play([proposeV2('phan-cap')]).state.workflow).toEqual({ id: 'phan-cap', version: 2 });
    expect(play([validCommand('propose', 'phan-cap')]).state.workflow).toEqual({ id: 'phan-cap', version: 1 });
  });

  it('closes the consultation at its deadline with the missing answer recorded, and goes on through examination to the vote', () => {
    const { state, types, stream } = play([
      proposeV2('phan-cap'),
      consult,
      opinion('so-tu-phap'),
      cmd('close-consultation', {}, 'system', at('2026-05-05')),
      validCommand('update-draft', 'phan-cap'),
      validCommand('submit', 'phan-cap'),
      validCommand('assign-reviewer', 'phan-cap'),
      validCommand('appraise', 'phan-cap'),
      validCommand('record-legal-appraisal', 'phan-cap'),
      validCommand('submit-to-council', 'phan-cap'),
      cmd('record-examination', { committee: 'Ban Pháp chế HĐND tỉnh', reportNumber: '25/BC-HĐND', conclusion: 'ready', summary: 'Đủ điều kiện' }, 'council-office'),
      validCommand('record-council-vote', 'phan-cap'),
    ]);
    expect(types).toEqual([
      'ProposalDrafted', 'ConsultationRequested', 'OpinionReceived', 'ConsultationClosed', 'DraftUpdated', 'ProposalSubmitted',
      'ReviewerAssigned', 'AppraisalCompleted', 'LegalAppraisalRecorded', 'SubmittedToCouncil', 'ExaminationCompleted', 'CouncilVoteRecorded',
    ]);
    expect(stream[3]!.event).toEqual({ type: 'ConsultationClosed', data: { round: 1, closedBy: 'deadline', answered: ['so-tu-phap'], missing: ['so-xay-dung'] } });
    expect(state.consultation).toMatchObject({ round: 1, closed: { closedBy: 'deadline', missing: ['so-xay-dung'] } });
    expect(state.examination).toMatchObject({ conclusion: 'ready', reportNumber: '25/BC-HĐND' });
    expect(state.stage).toBe('approved');
    expect(foldDecision(ID, stream.map(({ event, meta }) => ({ event, ...meta })))).toEqual(state);
  });

  it('stays in consultation until the last answer, which closes it with nothing missing', () => {
    const one = play([proposeV2('phan-cap'), consult, opinion('so-xay-dung')]);
    expect(one.state.stage).toBe('in-consultation');
    const both = play([proposeV2('phan-cap'), consult, opinion('so-xay-dung'), opinion('so-tu-phap')]);
    expect(both.types.slice(-2)).toEqual(['OpinionReceived', 'ConsultationClosed']);
    expect(both.stream.at(-1)!.event.data).toEqual({ round: 1, closedBy: 'all-answered', answered: ['so-tu-phap', 'so-xay-dung'], missing: [] });
    expect(both.state.stage).toBe('consulted');
  });

  it('refuses to close before the due date is over, an opinion from a body not asked or asked already, and a bad request', () => {
    const open = play([proposeV2('phan-cap'), consult, opinion('so-tu-phap')]).stream;
    decision.given(open).when(cmd('close-consultation', {}, 'system', '2026-05-04T16:59:00.000Z')).thenRefuses('consultation-closes-after-deadline');
    decision.given(open).when(opinion('so-noi-vu')).thenRefuses('opinion-from-a-consulted-body', { field: 'bodyId' });
    decision.given(open).when(opinion('so-tu-phap')).thenRefuses('opinion-from-a-consulted-body');
    const drafted = play([proposeV2('phan-cap')]).stream;
    decision.given(drafted).when(cmd('request-consultation', { bodyIds: ['so-tai-chinh'], dueOn: '2026-05-04', subject: 'x' }, 'proposer'))
      .thenRefuses('consultation-names-bodies', { field: 'bodyIds' });
    decision.given(drafted).when(cmd('request-consultation', { bodyIds: ['a', 'a'], dueOn: '2026-05-04', subject: 'x' }, 'proposer'))
      .thenRefuses('consultation-names-bodies');
    decision.given(drafted).when(cmd('request-consultation', { bodyIds: ['so-tu-phap'], dueOn: '2026-04-20', subject: 'x' }, 'proposer'))
      .thenRefuses('consultation-due-after-request', { field: 'dueOn' });
    // v2 asks for the consultation before submission: submit from the draft is not a step of it.
    decision.given(drafted).when(validCommand('submit', 'phan-cap')).thenRefuses('command-not-allowed-in-stage', { command: 'submit', stage: 'draft', allowedStages: ['consulted'] });
    // Another body's proposer may not consult on this proposal.
    decision.given(drafted).when({ ...consult, actor: { ...consult.actor, bodyId: 'ubnd-xa-long-duc' } }).thenRefuses('body-not-allowed');
  });

  it('sends a draft the committee finds not ready back to the UBND, with its reasons', () => {
    const before = play([
      proposeV2('phan-cap'), consult, opinion('so-tu-phap'), opinion('so-xay-dung'),
      ...(['submit', 'assign-reviewer', 'appraise', 'record-legal-appraisal', 'submit-to-council'] as const).map((t) => validCommand(t, 'phan-cap')),
    ]);
    expect(before.state.stage).toBe('in-examination');
    const notReady = { committee: 'Ban Pháp chế HĐND tỉnh', reportNumber: '26/BC-HĐND', conclusion: 'not-ready' as const, summary: 'Chưa đủ điều kiện' };
    decision.given(before.stream).when(cmd('record-examination', notReady, 'council-office')).thenRefuses('examination-not-ready-has-reasons', { field: 'reasons' });
    decision.given(before.stream).when(validCommand('record-council-vote', 'phan-cap')).thenRefuses('command-not-allowed-in-stage', { stage: 'in-examination' });
    const events = decision.given(before.stream).when(cmd('record-examination', { ...notReady, reasons: ['Thiếu đánh giá tác động'] }, 'council-office')).thenAccepts();
    const stream = [...before.stream, ...events.map((event, i) => ({ event, meta: { occurredAt: AFTER_PERIOD, version: before.stream.length + i + 1 } }))];
    expect(decision.given(stream).state.stage).toBe('appraised');
  });
});

describe('ủy quyền v2: consultation before submission', () => {
  it('consults, then follows the ủy quyền path to the decision', () => {
    const { state } = play([
      proposeV2('uy-quyen'),
      cmd('request-consultation', { bodyIds: ['so-tu-phap'], dueOn: '2026-05-04', subject: 'Dự thảo Quyết định ủy quyền' }, 'proposer'),
      opinion('so-tu-phap'),
      ...(['submit', 'assign-reviewer', 'appraise', 'decide'] as const).map((t) => validCommand(t, 'uy-quyen')),
    ]);
    expect(state).toMatchObject({ stage: 'approved', workflow: { id: 'uy-quyen', version: 2 } });
    expect(UY_QUYEN_V2.stages['in-examination']).toBeUndefined();
  });
});

describe('the vote step of the definition decides the majority and the quorum', () => {
  const given = play((['propose', 'submit', 'assign-reviewer', 'appraise', 'record-legal-appraisal', 'submit-to-council'] as const).map((t) => validCommand(t, 'phan-cap'))).state;
  const withVote = (vote: NonNullable<WorkflowDefinition['transitions'][number]['vote']>): WorkflowDefinition => ({
    ...PHAN_CAP_V1,
    transitions: PHAN_CAP_V1.transitions.map((t) => (t.command === 'record-council-vote' ? { ...t, vote } : t)),
  });
  const tally = (votesFor: number, votesAgainst: number, abstentions: number) =>
    cmd('record-council-vote', { session: 'Kỳ họp 9', sessionDate: '2026-03-20', totalDelegates: 60, votesFor, votesAgainst, abstentions, reasons: ['Không đủ'] }, 'council-office');
  const outcome = (wf: WorkflowDefinition, c: Command) => {
    const r = decide(c, given, wf);
    return r.ok ? (r.events[0]!.data as { outcome: string }).outcome : r.refusal;
  };

  it('more than half of all delegates (v1), two thirds of all, more than half of those present', () => {
    expect(outcome(PHAN_CAP_V1, tally(31, 0, 0))).toBe('approved');
    expect(outcome(PHAN_CAP_V1, tally(30, 0, 0))).toBe('rejected');
    expect(outcome(withVote({ majority: 'two-thirds-of-all-delegates' }), tally(39, 0, 0))).toBe('rejected');
    expect(outcome(withVote({ majority: 'two-thirds-of-all-delegates' }), tally(40, 0, 0))).toBe('approved');
    expect(outcome(withVote({ majority: 'more-than-half-of-present' }), tally(21, 10, 9))).toBe('approved');
    expect(outcome(withVote({ majority: 'more-than-half-of-present' }), tally(20, 10, 10))).toBe('rejected');
  });

  it('refuses a tally below the quorum, naming the rule', () => {
    const wf = withVote({ majority: 'more-than-half-of-all-delegates', quorum: { ofAllDelegates: { numerator: 2, denominator: 3 } } });
    expect(outcome(wf, tally(31, 8, 0))).toMatchObject({ kind: 'rule-violated', rule: { id: 'council-quorum' } });
    expect(outcome(wf, tally(31, 9, 0))).toBe('approved');
  });
});

describe('v1 has no consultation or examination', () => {
  it('refuses them in every stage', () => {
    const drafted = play([validCommand('propose', 'phan-cap')]).stream;
    decision.given(drafted).when(consult).thenRefuses('command-not-allowed-in-stage', { command: 'request-consultation', stage: 'draft', allowedStages: [] });
    expect(PHAN_CAP_V2.transitions.find((t) => t.command === 'record-examination')?.kind).toBe('examination');
  });
});
