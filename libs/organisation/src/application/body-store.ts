import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource, EntityManager } from 'typeorm';
import { EventStore, WrongExpectedVersionError, type EventMetadata, type StoredEvent } from '@app/event-store';
import { BODY_EVENT_SCHEMA_VERSIONS, BODY_STREAM_TYPE, bodyStreamId, upcastBodyEvent, type BodyEvent } from '../domain/events.js';
import { bodyVersionsOf, foldBody, type BodyState } from '../domain/state.js';
import { decideBody, type BodyRefusal, type KnownBody } from '../domain/decide.js';
import { type BodyCommand } from '../domain/commands.js';

export const toBodyEvent = (e: StoredEvent): BodyEvent => ({ type: e.type, data: e.data }) as BodyEvent;

export interface LoadedBody {
  state: BodyState;
  events: StoredEvent[];
}

export type BodyCommandOutcome =
  | { ok: true; bodyId: string; version: number; status: BodyState['status']; events: StoredEvent[] }
  | { ok: false; refusal: BodyRefusal };

/**
 * A body's stream (`body:<id>`, stream type `body`) in the shared event log. Each append rewrites the
 * body's rows in `body_versions` and its row in `bodies` (the current view the checks read), in the
 * same transaction.
 */
@Injectable()
export class BodyStore {
  readonly log: EventStore;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.log = new EventStore(db, upcastBodyEvent);
  }

  async load(bodyId: string): Promise<LoadedBody> {
    const events = await this.log.readStream(bodyStreamId(bodyId));
    return { state: foldBody(bodyId, events.map(toBodyEvent)), events };
  }

  async exists(bodyId: string): Promise<boolean> {
    return (await this.log.streamVersion(bodyStreamId(bodyId))) > 0;
  }

  /** Loads, decides against the bodies the command names, appends; retries a lost race twice. */
  async execute(bodyId: string, command: BodyCommand, metadata: EventMetadata): Promise<BodyCommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      const { state, events } = await this.load(bodyId);
      const known = await this.knownBodies(referencedBodies(command));
      const decided = decideBody(command, state, (id) => known.get(id));
      if (!decided.ok) return decided;
      try {
        const appended = await this.log.append({
          streamId: bodyStreamId(bodyId),
          streamType: BODY_STREAM_TYPE,
          expectedVersion: state.version,
          events: decided.events.map((e) => ({ type: e.type, schemaVersion: BODY_EVENT_SCHEMA_VERSIONS[e.type], data: e.data })),
          metadata,
          inTransaction: (m, added) => projectBody(m, bodyId, [...events, ...added].map(toBodyEvent)),
        });
        const next = foldBody(bodyId, [...events, ...appended.events].map(toBodyEvent));
        return { ok: true, bodyId, version: next.version, status: next.status, events: appended.events };
      } catch (e) {
        if (!(e instanceof WrongExpectedVersionError) || attempt >= 3) throw e;
      }
    }
  }

  private async knownBodies(ids: string[]): Promise<Map<string, KnownBody>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; status: KnownBody['status']; ended_on: string | null }> = await this.db.query(
      `SELECT id, status, to_char(ended_on, 'YYYY-MM-DD') AS ended_on FROM bodies WHERE id = ANY($1)`,
      [ids],
    );
    return new Map(rows.map((r) => [r.id, { status: r.status, endedOn: r.ended_on }]));
  }
}

function referencedBodies(c: BodyCommand): string[] {
  switch (c.type) {
    case 'establish':
    case 'reparent':
      return c.data.parentId ? [c.data.parentId] : [];
    case 'merge':
      return [c.data.intoBodyId];
    case 'abolish':
      return c.data.successorId ? [c.data.successorId] : [];
    default:
      return [];
  }
}

/** The inline projection of one body: its history rows and its current row. Replaying the stream rewrites both identically. */
export async function projectBody(m: EntityManager, bodyId: string, events: readonly BodyEvent[]): Promise<void> {
  const state = foldBody(bodyId, events);
  if (!state.exists || !state.current) return;
  await m.query(`DELETE FROM body_versions WHERE body_id = $1`, [bodyId]);
  for (const v of bodyVersionsOf(events)) {
    await m.query(
      `INSERT INTO body_versions (body_id, valid_from, valid_to, name_vi, name_en, level, type, parent_id, province_id, territory, status, successor_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12)`,
      [bodyId, v.validFrom, v.validTo, v.nameVi, v.nameEn, v.level, v.type, v.parentId, v.provinceId, v.territory, v.status, v.successorId],
    );
  }
  const c = state.current;
  await m.query(
    `INSERT INTO bodies (id, name_vi, name_en, level, type, parent_id, province_id, territory, status, ended_on, successor_id)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
     ON CONFLICT (id) DO UPDATE SET name_vi=$2, name_en=$3, level=$4, type=$5, parent_id=$6, province_id=$7, territory=$8,
       status=$9, ended_on=$10, successor_id=$11`,
    [bodyId, c.nameVi, c.nameEn, c.level, c.type, c.parentId, c.provinceId, c.territory, state.status, state.endedOn ?? null, state.successorId ?? null],
  );
}
