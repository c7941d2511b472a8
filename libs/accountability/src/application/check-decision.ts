import { Injectable } from '@nestjs/common';
import { WrongExpectedVersionError } from '@app/event-store';
import { reconcileFindings } from '../reconcile.js';
import { runChecks } from '../rules/index.js';
import { Clock } from '@app/kernel';
import { DecisionStore } from '@app/delegation';
import { CheckContextLoader } from './check-context.loader.js';

export interface CheckOutcome {
  decisionId: string;
  raised: number;
  resolved: number;
  version: number;
}

/**
 * Runs every accountability check that applies to a decision and records the difference with what
 * its stream already says: FindingRaised for a new finding, FindingResolved for one that no longer
 * holds. Running it again on the same state writes nothing.
 */
@Injectable()
export class CheckDecisionProcessor {
  constructor(
    private readonly store: DecisionStore,
    private readonly contexts: CheckContextLoader,
    private readonly clock: Clock,
  ) {}

  async run({ decisionId, reason }: { decisionId: string; reason: string }): Promise<CheckOutcome> {
    for (let attempt = 1; ; attempt++) {
      const loaded = await this.store.load(decisionId);
      if (!loaded.state.exists) return { decisionId, raised: 0, resolved: 0, version: 0 };
      const { findings, checkedRuleIds } = runChecks(await this.contexts.load(loaded.state));
      const events = reconcileFindings(loaded.state, findings, checkedRuleIds);
      const raised = events.filter((e) => e.type === 'FindingRaised').length;
      if (!events.length) return { decisionId, raised: 0, resolved: 0, version: loaded.state.version };
      try {
        const done = await this.store.append(loaded, events, {
          actorId: 'system', actorRole: 'system', actorBodyId: 'system',
          occurredAt: this.clock.now().toISOString(), correlationId: `check:${decisionId}:${reason}`,
        });
        return { decisionId, raised, resolved: events.length - raised, version: done.toVersion };
      } catch (e) {
        // Someone acted on the decision meanwhile: check the new state instead.
        if (!(e instanceof WrongExpectedVersionError) || attempt >= 5) throw e;
      }
    }
  }
}
