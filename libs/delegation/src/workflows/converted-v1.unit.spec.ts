import { describe, expect, it } from '@jest/globals';
import { type Command, type CommandType, WORKFLOW_COMMAND_TYPES } from '../domain/commands.js';
import { decide } from '../domain/decide.js';
import type { DecisionEvent } from '../domain/events.js';
import { evolve } from '../domain/evolve.js';
import { initialDecisionState } from '../domain/initial-state.js';
import type { DecisionState } from '../domain/state.js';
import { type DecisionKind, ROLES } from '../domain/types.js';
import { AFTER_PERIOD, cmd, ID, validCommand } from '../testing/fixtures.js';
import { LEGACY_PHAN_CAP_V1 } from '../testing/legacy-workflows/phan-cap.v1.js';
import { LEGACY_UY_QUYEN_V1 } from '../testing/legacy-workflows/uy-quyen.v1.js';
import type { WorkflowDefinition } from './definition.js';
import { stageAfter } from './from-document.js';
import { PHAN_CAP_V1, UY_QUYEN_V1 } from './registry.js';

/**
 * The v1 pair was TypeScript until it became data (definitions/*.json). These tests prove the
 * documents say what the constants said, and that every decision the unit specs play (the happy paths,
 * the rejections, withdrawals, expiry) replays to the same state, with every refusal on the way the same.
 */
const PAIRS: Array<[DecisionKind, WorkflowDefinition, WorkflowDefinition]> = [
  ['phan-cap', LEGACY_PHAN_CAP_V1, PHAN_CAP_V1],
  ['uy-quyen', LEGACY_UY_QUYEN_V1, UY_QUYEN_V1],
];

const at = (day: string) => `${day}T02:00:00.000Z`;
const v = (kind: DecisionKind, ...types: CommandType[]) => types.map((t) => validCommand(t, kind));

/** The command sequences of happy-paths, decide-rules, proposing-body and reassign specs, by kind. */
function scenarios(kind: DecisionKind): Array<[string, Command[]]> {
  if (kind === 'phan-cap') {
    const toCouncil = v(kind, 'propose', 'submit', 'assign-reviewer', 'appraise', 'record-legal-appraisal', 'submit-to-council');
    return [
      ['proposal to revocation', [
        validCommand('propose', kind),
        cmd('update-draft', { changes: { sector: 'xây dựng, đô thị' } }, 'proposer'),
        validCommand('submit', kind),
        cmd('assign-reviewer', { reviewerId: 'u-an' }, 'reviewer-lead', at('2026-01-06')),
        cmd('request-revision', { reasons: ['Thiếu đánh giá năng lực cấp xã'] }, 'reviewer', at('2026-01-07')),
        cmd('resubmit', { changes: { justification: 'Đã đánh giá năng lực' }, response: 'Bổ sung mục 3' }, 'proposer', at('2026-01-08')),
        cmd('request-revision', { reasons: ['Bổ sung biên chế'], note: 'Lần 2' }, 'reviewer-lead', at('2026-01-09')),
        cmd('resubmit', { changes: { resources: { budgetVnd: 800_000_000, staffPositions: 3, facilities: [] } }, response: 'Tăng biên chế' }, 'proposer', at('2026-01-12')),
        cmd('assign-reviewer', { reviewerId: 'u-binh', note: 'Thay người' }, 'reviewer-lead', at('2026-01-13')),
        cmd('appraise', { opinion: 'favourable', reportNumber: '77/BC-SNV', summary: 'Đủ điều kiện' }, 'reviewer', at('2026-01-14')),
        cmd('record-legal-appraisal', { opinion: 'lawful', reportNumber: '12/BC-STP' }, 'legal-appraiser', at('2026-01-20')),
        validCommand('submit-to-council', kind),
        cmd('record-council-vote', { session: 'Kỳ họp chuyên đề', sessionDate: '2026-03-20', totalDelegates: 51, votesFor: 26, votesAgainst: 20, abstentions: 5 }, 'council-office'),
        ...v(kind, 'issue', 'file-report', 'record-evaluation', 'reassign', 'amend', 'revoke'),
      ]],
      ['HĐND rejects with half of all delegates', [
        ...toCouncil,
        cmd('record-council-vote', { session: 'Kỳ họp 9', sessionDate: '2026-03-20', totalDelegates: 50, votesFor: 25, votesAgainst: 3, abstentions: 0, reasons: ['Chưa đủ số phiếu tán thành'] }, 'council-office'),
      ]],
      ['Sở Nội vụ appraises unfavourably', [...v(kind, 'propose', 'submit', 'assign-reviewer'), cmd('appraise', { opinion: 'unfavourable', reportNumber: '9/BC-SNV', summary: 'Không đạt', reasons: ['Trùng thẩm quyền'] }, 'reviewer')]],
      ['Sở Tư pháp finds it unlawful', [...v(kind, 'propose', 'submit', 'assign-reviewer', 'appraise'), cmd('record-legal-appraisal', { opinion: 'unlawful', reportNumber: '3/BC-STP', reasons: ['Trái Luật'] }, 'legal-appraiser')]],
      ['withdrawn while awaiting the council', [...toCouncil, validCommand('withdraw', kind)]],
    ];
  }
  const appraised = v(kind, 'propose', 'submit', 'assign-reviewer', 'appraise');
  return [
    ['proposal to expiry', [...appraised, ...v(kind, 'decide', 'issue', 'file-report', 'amend'), cmd('expire', {}, 'system', AFTER_PERIOD)]],
    ['UBND refuses', [...appraised, cmd('decide', { outcome: 'rejected', decidedBy: 'chairman', reasons: ['Vượt năng lực'] }, 'committee-office')]],
    ['withdrawn after appraisal', [...appraised, validCommand('withdraw', kind)]],
    ['revision, then revoked', [...v(kind, 'propose', 'submit', 'assign-reviewer', 'request-revision', 'resubmit', 'appraise', 'decide', 'issue', 'revoke')]],
  ];
}

describe.each(PAIRS)('%s v1 as data', (kind, legacy, data) => {
  it('has the stages (in order, with their limits), commands, roles, targets, labels, options and source of the TypeScript constant', () => {
    const { transitions, ...rest } = data;
    const { transitions: legacyTransitions, ...legacyRest } = legacy;
    expect(rest).toEqual(legacyRest);
    expect(Object.keys(data.stages)).toEqual(Object.keys(legacy.stages));
    expect(transitions.map(({ command, from, to, roles, label }) => ({ command, from, to, roles, label }))).toEqual(legacyTransitions);
  });

  it.each(scenarios(kind))('replays "%s" to the same events and states, refusing the same commands on the way', (_name, commands) => {
    let a: DecisionState = initialDecisionState(ID);
    let b: DecisionState = initialDecisionState(ID);
    let version = 0;
    const probe = (state: DecisionState, wf: WorkflowDefinition) =>
      WORKFLOW_COMMAND_TYPES.flatMap((t) => ROLES.map((r) => decide(validCommand(t, kind, r), state, wf)));
    for (const c of commands) {
      // Every command by every role in this state: the same events or the same refusal.
      expect(probe(b, data)).toEqual(probe(a, legacy));
      const ra = decide(c, a, legacy);
      const rb = decide(c, b, data);
      expect(rb).toEqual(ra);
      if (!ra.ok) throw new Error(`${c.type} refused: ${JSON.stringify(ra.refusal)}`);
      const ranIn = a.stage;
      for (const event of ra.events as DecisionEvent[]) {
        version += 1;
        a = evolve(a, event, { occurredAt: c.now, version });
        b = evolve(b, event, { occurredAt: c.now, version });
        // The definition's transitions, conditions included, lead where evolve() took the decision.
        if (c.type !== 'record-findings') expect(stageAfter(data, c.type, event.data as Record<string, unknown>, ranIn)).toBe(a.stage);
      }
      expect(b).toEqual(a);
    }
    expect(b.version).toBe(commands.length);
  });
});
