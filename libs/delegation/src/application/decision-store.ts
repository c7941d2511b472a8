import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore, type AppendResult, type CommandRef, type EventMetadata, type StoredEvent } from '@app/event-store';
import { EVENT_SCHEMA_VERSIONS, type DecisionEvent } from '../domain/events.js';
import { evolve, foldDecision } from '../domain/evolve.js';
import { upcast } from '../domain/upcasters.js';
import { type DecisionState } from '../domain/state.js';
import { DecisionProjector, type EventWithMeta } from '../projections/decision-projections.js';

export const DECISION_STREAM = 'decision';

export const toDomainEvent = (e: StoredEvent): DecisionEvent => ({ type: e.type, data: e.data }) as DecisionEvent;
const withMeta = (e: StoredEvent): EventWithMeta => ({ event: toDomainEvent(e), occurredAt: e.occurredAt, version: e.streamVersion });

export interface LoadedDecision {
  state: DecisionState;
  events: StoredEvent[];
}

/**
 * A decision's stream: loaded by folding its events (one query), at its head or as of a past version
 * or instant; appended to at the version it was loaded at, with its read models in the same transaction.
 */
@Injectable()
export class DecisionStore {
  readonly log: EventStore;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly projector: DecisionProjector,
  ) {
    this.log = new EventStore(db, upcast);
  }

  async load(id: string, asOf: { toVersion?: number; toInstant?: string } = {}): Promise<LoadedDecision> {
    const events = await this.log.readStream(id, asOf);
    return { state: fold(id, events), events };
  }

  /** Appends `decided` to a decision loaded at `loaded.state.version`; throws WrongExpectedVersionError on a race. */
  async append(
    loaded: LoadedDecision,
    decided: DecisionEvent[],
    metadata: EventMetadata,
    command?: { ref: CommandRef; result: (state: DecisionState) => unknown },
  ): Promise<AppendResult & { state: DecisionState }> {
    const { state, events } = loaded;
    const added = decided.map((event, i) => ({ event, occurredAt: metadata.occurredAt, version: state.version + i + 1 }));
    const next = added.reduce((s, e) => evolve(s, e.event, e), state);
    const appended = await this.log.append({
      streamId: state.id,
      streamType: DECISION_STREAM,
      expectedVersion: state.version,
      events: decided.map((e) => ({ type: e.type, schemaVersion: EVENT_SCHEMA_VERSIONS[e.type], data: e.data })),
      metadata,
      command: command?.ref,
      result: command ? () => command.result(next) : undefined,
      inTransaction: (m) => this.projector.project(m, next, [...events.map(withMeta), ...added]),
    });
    return { ...appended, state: next };
  }

  rebuildProjections(): Promise<number> {
    return rebuildDecisionProjections(this.db, this.projector);
  }

  /** Re-projects one decision (e.g. when today moves on, its report and evaluation deadlines do too). */
  async reproject(id: string): Promise<void> {
    const events = await this.log.readStream(id);
    await this.db.transaction((m) => this.projector.project(m, fold(id, events), events.map(withMeta)));
  }
}

/** Rewrites every decision's read models from the log, in one transaction; returns how many decisions. */
export async function rebuildDecisionProjections(db: DataSource, projector: DecisionProjector): Promise<number> {
  const log = new EventStore(db, upcast);
  const ids: Array<{ stream_id: string }> = await db.query(
    `SELECT DISTINCT stream_id FROM events WHERE stream_type = $1`,
    [DECISION_STREAM],
  );
  await db.transaction(async (m) => {
    await m.query('TRUNCATE decision_list, power_holdings, deadlines, findings');
    for (const { stream_id } of ids) {
      const events = await log.readStream(stream_id);
      await projector.project(m, fold(stream_id, events), events.map(withMeta));
    }
  });
  return ids.length;
}

const fold = (id: string, events: StoredEvent[]): DecisionState => foldDecision(id, events.map(withMeta));
