import { describe, expect, it } from '@jest/globals';
import { decision, eventsTo, validCommand } from '../testing/fixtures.js';
import { WORKFLOWS } from '../workflows/registry.js';
import type { Command } from './commands.js';
import type { DecisionKind, Stage } from './types.js';
import { checkProposingBodyActs, PROPOSAL_OWNER_COMMANDS } from './rules/index.js';

/** The fixtures' proposal is Sở Tài chính's (proposerBodyId 'so-tai-chinh'); its delegate is a commune's UBND. */
const asBody = <C extends Command>(c: C, bodyId: string): C => ({ ...c, actor: { ...c.actor, bodyId } });

/** Every stage of each workflow in which a command the proposer runs on its own proposal is allowed. */
const rows = WORKFLOWS.flatMap((wf) =>
  wf.transitions
    .filter((t) => PROPOSAL_OWNER_COMMANDS.includes(t.command))
    .flatMap((t) => t.from.map((stage) => [wf.id, t.command, stage, wf.version] as [DecisionKind, (typeof PROPOSAL_OWNER_COMMANDS)[number], Stage, number])),
);

describe('only the proposing body acts on its proposal (proposing-body-acts-on-its-proposal, 403)', () => {
  it.each(rows)('%s: %s in %s (v%s) by a proposer of the delegate body → body-not-allowed', (kind, command, stage, v) => {
    const inStage = decision.given(eventsTo(kind, stage, v));
    const delegate = inStage.state.content.delegateBodyId;
    const refusal = inStage.when(asBody(validCommand(command, kind, 'proposer', v), delegate)).thenRefuses('proposing-body-acts-on-its-proposal');
    expect(refusal).toEqual({
      kind: 'body-not-allowed', command, stage, bodyId: delegate, allowedBodyIds: ['so-tai-chinh'],
      rule: expect.objectContaining({ id: 'proposing-body-acts-on-its-proposal', source: expect.stringContaining('04/NQ-CP') }),
    });
  });

  it.each(rows)('%s: %s in %s (v%s) by a proposer of a third body → body-not-allowed', (kind, command, stage, v) => {
    decision.given(eventsTo(kind, stage, v)).when(asBody(validCommand(command, kind, 'proposer', v), 'so-y-te'))
      .thenRefuses('body-not-allowed', { bodyId: 'so-y-te' });
  });

  it.each(rows)('%s: %s in %s (v%s) by the proposing body → accepted', (kind, command, stage, v) => {
    decision.given(eventsTo(kind, stage, v)).when(asBody(validCommand(command, kind, 'proposer', v), 'so-tai-chinh')).thenAccepts();
  });

  it('covers update-draft, submit, resubmit and withdraw in both workflows', () => {
    for (const kind of ['phan-cap', 'uy-quyen'] as const) {
      expect(new Set(rows.filter((r) => r[0] === kind && r[3] === 1).map((r) => r[1]))).toEqual(new Set(['update-draft', 'submit', 'resubmit', 'withdraw']));
      expect(new Set(rows.filter((r) => r[0] === kind && r[3] === 2).map((r) => r[1]))).toEqual(new Set(['update-draft', 'request-consultation', 'record-opinion', 'submit', 'resubmit', 'withdraw']));
    }
  });

  it('leaves the delegate its own duty: a proposer of the delegate body files the implementation report', () => {
    const issued = decision.given(eventsTo('uy-quyen', 'issued'));
    issued.when(asBody(validCommand('file-report', 'uy-quyen', 'proposer'), issued.state.content.delegateBodyId)).thenAccepts();
  });

  it('a wrong stage is still 409 and a wrong role still 403 role-not-allowed: the body is checked after both', () => {
    decision.given(eventsTo('phan-cap', 'issued')).when(asBody(validCommand('withdraw', 'phan-cap', 'proposer'), 'x'))
      .thenRefuses('command-not-allowed-in-stage');
    decision.given(eventsTo('phan-cap', 'draft')).when(asBody(validCommand('submit', 'phan-cap', 'reviewer'), 'x'))
      .thenRefuses('role-not-allowed');
  });

  it('answers the same for a decision as read, so allowedActions never offers what the decider refuses', () => {
    const draft = decision.given(eventsTo('uy-quyen', 'draft')).state;
    expect(checkProposingBodyActs('submit', { bodyId: 'so-tai-chinh' }, draft)).toBeUndefined();
    expect(checkProposingBodyActs('submit', { bodyId: draft.content.delegateBodyId }, draft)).toMatchObject({ kind: 'body-not-allowed' });
    expect(checkProposingBodyActs('assign-reviewer', { bodyId: 'anyone' }, draft)).toBeUndefined();
  });
});
