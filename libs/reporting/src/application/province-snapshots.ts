import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DECISION_PROJECTIONS, DecisionReferences, DecisionStore, type DecisionEvent } from '@app/delegation';
import type { StageRow } from '../indicators/timeliness.js';
import type { DecisionSnapshot } from '../quarterly/content.js';

const deadlines = DECISION_PROJECTIONS.find((p) => p.name === 'deadlines')!;

/**
 * Every decision of a province as it stood at a stable position of the log (the events of the
 * transactions below `xmin`): its folded state, its events and its stage deadlines, computed by the
 * same pure functions the read models use. One query for the events; folding is in memory.
 */
@Injectable()
export class ProvinceSnapshots {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly decisions: DecisionStore,
    private readonly references: DecisionReferences,
  ) {}

  async of(provinceId: string, xmin: string): Promise<DecisionSnapshot[]> {
    const ids: Array<{ id: string }> = await this.db.query(`SELECT id::text AS id FROM decision_list WHERE province_id = $1 ORDER BY id`, [provinceId]);
    const events = await this.decisions.log.readStreamsBelow(ids.map((r) => r.id), xmin);
    const byStream = new Map<string, typeof events>();
    for (const e of events) {
      if (!byStream.has(e.streamId)) byStream.set(e.streamId, []);
      byStream.get(e.streamId)!.push(e);
    }
    const snapshots: DecisionSnapshot[] = [];
    const pipeline = this.decisions.pipeline;
    for (const [streamId, stored] of byStream) {
      const view = pipeline.fold(streamId, stored.map((e) => pipeline.toEvent(e)));
      if (!view.state.exists) continue;
      const ctx = await this.references.context(view);
      const stages: StageRow[] = deadlines.rows(view, ctx)
        .filter((r) => r.kind === 'stage')
        .map((r) => ({
          decisionId: String(r.decision_id), bodyId: (r.responsible_body_id as string | null) ?? null, userId: (r.responsible_user_id as string | null) ?? null,
          startsOn: String(r.starts_on), dueOn: String(r.due_on), closedOn: (r.closed_on as string | null) ?? null, status: r.status as StageRow['status'],
        }));
      snapshots.push({ state: view.state, events: view.events.map((e) => ({ event: e.event as DecisionEvent, occurredAt: e.meta.occurredAt, state: e.state })), stages });
    }
    return snapshots;
  }

  /** The stable position now (see EventStore.stableXmin). */
  now(): Promise<string> {
    return this.decisions.log.stableXmin();
  }
}
