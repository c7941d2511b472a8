import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  CommandPipeline, EventStore, EventSigningKeys, rebuildProjections, type CommandEnvelope, type CommandOutcome, type StoredEvent, type StreamSpec,
} from '@app/event-store';
import type { Command } from '../domain/commands.js';
import { decisionDecider } from '../domain/decider.js';
import type { Refusal } from '../domain/errors.js';
import { EVENT_SCHEMA_VERSIONS, type DecisionEvent } from '../domain/events.js';
import type { DecisionState } from '../domain/state.js';
import { upcast } from '../domain/upcasters.js';
import { decisionIntents } from '../intents.js';
import { deadlinesProjection } from '../projections/deadlines.projection.js';
import { decisionListProjection } from '../projections/decision-list.projection.js';
import type { DecisionProjectionContext } from '../projections/decision-view.js';
import { findingsProjection } from '../projections/findings.projection.js';
import { powerHoldingsProjection } from '../projections/power-holdings.projection.js';
import { DecisionReferences } from './decision-references.js';
import { decisionInScope, type AccessScope } from './decision-scope.js';

export const DECISION_STREAM = 'decision';

export const toDomainEvent = (e: StoredEvent): DecisionEvent => ({ type: e.type, data: e.data }) as DecisionEvent;

/** The decision read models, each a function of the stream (projections/*.projection.ts). */
export const DECISION_PROJECTIONS = [decisionListProjection, powerHoldingsProjection, deadlinesProjection, findingsProjection];

export function decisionStreamSpec(
  context: (view: Parameters<NonNullable<StreamSpec<DecisionEvent, DecisionState, DecisionProjectionContext>['context']>>[0]) => Promise<DecisionProjectionContext>,
): StreamSpec<DecisionEvent, DecisionState, DecisionProjectionContext> {
  return {
    streamType: DECISION_STREAM,
    initialState: decisionDecider.initialState,
    evolve: decisionDecider.evolve,
    schemaVersion: (type) => EVENT_SCHEMA_VERSIONS[type],
    projections: DECISION_PROJECTIONS,
    context,
    intents: decisionIntents,
  };
}

export type DecisionOutcome = CommandOutcome<DecisionState, Refusal>;

/**
 * The decisions' streams on the one command pipeline (libs/event-store/src/handle-command.ts): loaded
 * from the process cache plus what was appended since, decided by the pure decider, appended with
 * their read models in one transaction.
 */
@Injectable()
export class DecisionStore {
  readonly log: EventStore;
  readonly pipeline: CommandPipeline<DecisionEvent, DecisionState, DecisionProjectionContext>;

  constructor(@InjectDataSource() private readonly db: DataSource, private readonly references: DecisionReferences, keys: EventSigningKeys) {
    this.log = new EventStore(db, upcast, keys);
    this.pipeline = new CommandPipeline(this.log, decisionStreamSpec((view) => references.context(view)), { toEvent: toDomainEvent });
  }

  /** A decision at its head, or as it was at a past version or instant. */
  async load(id: string, asOf: { toVersion?: number; toInstant?: string } = {}): Promise<{ state: DecisionState; version: number }> {
    const view = await this.pipeline.loadAsOf(id, asOf);
    return { state: view.state, version: view.version };
  }

  /**
   * Like load, for a caller with a scope: a decision outside it (by its state now, whatever the version
   * asked for) does not exist for them. One query, or none beyond the cached head.
   */
  async loadVisible(id: string, scope: AccessScope, asOf: { toVersion?: number; toInstant?: string } = {}): Promise<{ state: DecisionState; version: number } | undefined> {
    const head = await this.pipeline.load(id);
    if (!(await this.visible(head.state, scope))) return undefined;
    const view = this.pipeline.asOf(head, asOf);
    return { state: view.state, version: view.version };
  }

  /** Whether a decision is in a scope: the same condition the read tables are filtered with. */
  async visible(state: DecisionState, scope: AccessScope): Promise<boolean> {
    if (!state.exists) return false;
    const provinceId = await this.references.provinceOf(state.content.delegatorBodyId);
    return decisionInScope(scope, { provinceId, proposerBodyId: state.proposerBodyId, delegateBodyId: state.content.delegateBodyId });
  }

  execute(envelope: CommandEnvelope<Command, DecisionState>): Promise<DecisionOutcome> {
    return this.pipeline.handle(decisionDecider.decide, envelope);
  }

  /** Rewrites every decision read model from the log, in one transaction; returns how many decisions. */
  rebuildProjections(): Promise<number> {
    return this.log.sql.transaction(async (tx) => {
      await tx.query(`TRUNCATE ${DECISION_PROJECTIONS.map((p) => p.table).join(', ')}`);
      const n = await rebuildProjections(tx, this.pipeline);
      this.pipeline.forget();
      return n;
    });
  }
}
