import { Injectable } from '@nestjs/common';
import { DecisionStore } from '@app/delegation';
import { Clock } from '@app/kernel';
import { runChecks } from '../rules/index.js';
import { CheckContextLoader } from './check-context.loader.js';

export interface CheckOutcome {
  decisionId: string;
  raised: number;
  resolved: number;
  version: number;
}

const SYSTEM = { userId: 'system', role: 'system', bodyId: 'system' } as const;

/**
 * Runs every accountability check that applies to a decision and records what they found through the
 * decision's own decider (`record-findings`): FindingRaised for a new finding, FindingResolved for one
 * that no longer holds. Running it again on the same state writes nothing. A person's command that
 * lands first is not lost: the pipeline decides again on the new state.
 */
@Injectable()
export class CheckDecisionProcessor {
  constructor(
    private readonly store: DecisionStore,
    private readonly contexts: CheckContextLoader,
    private readonly clock: Clock,
  ) {}

  async run({ decisionId, reason }: { decisionId: string; reason: string }): Promise<CheckOutcome> {
    const { state } = await this.store.load(decisionId);
    if (!state.exists) return { decisionId, raised: 0, resolved: 0, version: 0 };
    const { findings, checkedRuleIds } = runChecks(await this.contexts.load(state));
    const now = this.clock.now().toISOString();
    const outcome = await this.store.execute({
      streamId: decisionId,
      command: { type: 'record-findings', actor: SYSTEM, now, data: { found: findings, checkedRuleIds } },
      commandType: 'record-findings',
      payloadHash: '',
      metadata: { actorId: 'system', actorRole: 'system', actorBodyId: 'system', occurredAt: now, correlationId: `check:${decisionId}:${reason}` },
    });
    if (!outcome.ok) throw new Error(`Checks of ${decisionId} refused: ${JSON.stringify(outcome.refusal)}`);
    const raised = outcome.events.filter((e) => e.type === 'FindingRaised').length;
    return { decisionId, raised, resolved: outcome.events.length - raised, version: outcome.version };
  }
}
