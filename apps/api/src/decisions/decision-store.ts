import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { EventStore, type StoredEvent } from '@app/event-store';
import { foldDecision, upcast, type DecisionEvent, type DecisionState } from '@app/delegation';
import { projectDecision } from './decision-projections.js';

export const DECISION_STREAM = 'decision';

export const toDomainEvent = (e: StoredEvent): DecisionEvent => ({ type: e.type, data: e.data }) as DecisionEvent;

export interface LoadedDecision {
  state: DecisionState;
  events: StoredEvent[];
}

/** Loads a decision by folding its stream (one query), at its head or as of a past version or instant. */
@Injectable()
export class DecisionStore {
  readonly log: EventStore;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.log = new EventStore(db, upcast);
  }

  async load(id: string, asOf: { toVersion?: number; toInstant?: string } = {}): Promise<LoadedDecision> {
    const events = await this.log.readStream(id, asOf);
    return { state: fold(id, events), events };
  }

  rebuildProjections(): Promise<number> {
    return rebuildDecisionProjections(this.db);
  }
}

/** Rewrites every decision's read models from the log, in one transaction; returns how many decisions. */
export async function rebuildDecisionProjections(db: DataSource): Promise<number> {
  const log = new EventStore(db, upcast);
  const ids: Array<{ stream_id: string }> = await db.query(
    `SELECT DISTINCT stream_id FROM events WHERE stream_type = $1`,
    [DECISION_STREAM],
  );
  await db.transaction(async (m) => {
    await m.query('TRUNCATE decision_list, power_holdings');
    for (const { stream_id } of ids) {
      const events = await log.readStream(stream_id);
      await projectDecision(m, fold(stream_id, events), events.map(toDomainEvent));
    }
  });
  return ids.length;
}

const fold = (id: string, events: StoredEvent[]): DecisionState =>
  foldDecision(id, events.map((e) => ({ event: toDomainEvent(e), occurredAt: e.occurredAt, version: e.streamVersion })));
