import { describe, expect, it } from '@jest/globals';
import { decision, eventsTo, given, stagesOf, validCommand } from '../testing/fixtures.js';
import { getWorkflow, WORKFLOWS } from '../workflows/registry.js';
import { COMMAND_TYPES, WORKFLOW_COMMAND_TYPES } from './commands.js';
import { decide } from './decide.js';
import { ROLES } from './types.js';

/**
 * The stage machine, exhaustively: every command in every stage of both workflows, and every role
 * for every command a stage allows. Expected results come from the workflow data itself.
 */
const stageRows = WORKFLOWS.flatMap((wf) =>
  stagesOf(wf).flatMap((stage) =>
    WORKFLOW_COMMAND_TYPES.filter((c) => c !== 'propose').map((command) => {
      const t = wf.transitions.find((x) => x.command === command);
      return { kind: wf.id, v: wf.version, stage, command, allowed: t?.from.includes(stage) ?? false, allowedStages: t?.from ?? [] };
    }),
  ),
);

describe('existence', () => {
  it.each(WORKFLOWS.flatMap((wf) => WORKFLOW_COMMAND_TYPES.filter((c) => c !== 'propose').map((c) => [wf.id, wf.version, c] as const)))(
    '%s v%s: %s on a decision that does not exist → decision-not-found',
    (kind, v, command) => {
      expect(decision.given([]).when(validCommand(command, kind, undefined, v)).thenRefuses('decision-not-found')).toEqual({ kind: 'decision-not-found' });
      // The decider refuses before any workflow is known; decide's own guard does too, whatever workflow it is handed.
      expect(decide(validCommand(command, kind, undefined, v), given([]), getWorkflow(kind, v)!)).toEqual({ ok: false, refusal: { kind: 'decision-not-found' } });
    },
  );

  it.each(WORKFLOWS.flatMap((wf) => stagesOf(wf).map((s) => [wf.id, wf.version, s] as const)))(
    '%s v%s: propose on an existing decision in %s → decision-already-exists',
    (kind, v, stage) => {
      const refusal = decision.given(eventsTo(kind, stage, v)).when(validCommand('propose', kind, undefined, v)).thenRefuses('decision-already-exists');
      expect(refusal).toEqual({ kind: 'decision-already-exists' });
    },
  );
});

describe('commands outside their stages → command-not-allowed-in-stage (409)', () => {
  it.each(stageRows.filter((r) => !r.allowed).map((r) => [r.kind, r.v, r.command, r.stage, r] as const))(
    '%s v%s: %s in %s',
    (kind, v, command, stage, row) => {
      // Run by admin, who holds no workflow role: the stage refusal must still come first.
      const inStage = decision.given(eventsTo(kind, stage, v));
      for (const role of ['admin', undefined] as const) {
        expect(inStage.when(validCommand(command, kind, role, v)).thenRefuses('command-not-allowed-in-stage')).toEqual({
          kind: 'command-not-allowed-in-stage', command, stage, allowedStages: row.allowedStages,
        });
      }
    },
  );
});

const allowedRows = stageRows.filter((r) => r.allowed);

describe('roles → role-not-allowed (403) or the transition', () => {
  it.each(allowedRows.flatMap((r) => ROLES.map((role) => [r.kind, r.v, r.command, r.stage, role] as const)))(
    '%s v%s: %s in %s by %s',
    (kind, v, command, stage, role) => {
      const t = getWorkflow(kind, v)!.transitions.find((x) => x.command === command)!;
      const when = decision.given(eventsTo(kind, stage, v)).when(validCommand(command, kind, role, v));
      if (!t.roles.includes(role)) {
        expect(when.thenRefuses('role-not-allowed')).toEqual({ kind: 'role-not-allowed', command, stage, role, allowedRoles: t.roles });
        return;
      }
      expect(when.thenAccepts()).toHaveLength(1);
      // Then: the new stage is one the definition promises for this transition.
      when.thenState((after) => expect(t.to).toContain(after.stage));
    },
  );

  it.each(WORKFLOWS.flatMap((wf) => ROLES.filter((r) => r !== 'proposer').map((r) => [wf.id, wf.version, r] as const)))(
    '%s v%s: propose by %s → role-not-allowed',
    (kind, v, role) => {
      expect(decision.given([]).when(validCommand('propose', kind, role, v)).thenRefuses('role-not-allowed')).toEqual({
        kind: 'role-not-allowed', command: 'propose', stage: 'draft', role, allowedRoles: ['proposer'],
      });
    },
  );
});

describe('the table covers the whole machine', () => {
  it('tries each workflow command in every stage', () => {
    expect(stageRows).toHaveLength(WORKFLOWS.reduce((n, wf) => n + stagesOf(wf).length * (WORKFLOW_COMMAND_TYPES.length - 1), 0));
    // phân cấp v1: 14 single-stage transitions (file-report, record-evaluation and reassign included) + assign-reviewer (2)
    // + withdraw (8 stages) = 24; ủy quyền v1: 13 + 2 + withdraw (6 stages) = 21.
    // v2 adds request-consultation, record-opinion, close-consultation and update-draft in "consulted" (+4), withdraw in
    // the two consultation stages (+2) and, for phân cấp, record-examination and withdraw in examination (+2).
    expect(COMMAND_TYPES).toHaveLength(24);
    expect(WORKFLOW_COMMAND_TYPES).toHaveLength(23);
    expect(allowedRows.filter((r) => r.kind === 'phan-cap' && r.v === 1)).toHaveLength(24);
    expect(allowedRows.filter((r) => r.kind === 'uy-quyen' && r.v === 1)).toHaveLength(21);
    expect(allowedRows.filter((r) => r.kind === 'phan-cap' && r.v === 2)).toHaveLength(24 + 6 + 2);
    expect(allowedRows.filter((r) => r.kind === 'uy-quyen' && r.v === 2)).toHaveLength(21 + 6);
  });
});
