import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CommandPipeline, EventStore, EventSigningKeys, type EventMetadata, type StoredEvent } from '@app/event-store';
import { bodyDecider } from '../domain/body-decider.js';
import type { BodyCommand } from '../domain/commands.js';
import type { BodyRefusal, KnownBody } from '../domain/decide.js';
import { BODY_EVENT_SCHEMA_VERSIONS, BODY_STREAM_TYPE, bodyStreamId, upcastBodyEvent, type BodyEvent } from '../domain/events.js';
import { initialBodyState, evolveBody, type BodyState } from '../domain/state.js';
import { BODY_PROJECTIONS } from '../projections/body.projections.js';

export const toBodyEvent = (e: StoredEvent): BodyEvent => ({ type: e.type, data: e.data }) as BodyEvent;

export type BodyCommandOutcome =
  | { ok: true; bodyId: string; version: number; status: BodyState['status']; events: StoredEvent[]; duplicate: boolean }
  | { ok: false; refusal: BodyRefusal };

/** What the client asked for about versions and repeats (If-Match, Idempotency-Key). */
export interface CommandOptions {
  expectedVersion?: number;
  commandId?: string;
}

/**
 * A body's stream (`body:<id>`, stream type `body`) on the one command pipeline; each append writes
 * the rows of `bodies` (the current view) and `body_versions` it changes, in the same transaction.
 */
@Injectable()
export class BodyStore {
  readonly log: EventStore;
  readonly pipeline: CommandPipeline<BodyEvent, BodyState>;

  constructor(@InjectDataSource() private readonly db: DataSource, keys: EventSigningKeys) {
    this.log = new EventStore(db, upcastBodyEvent, keys);
    this.pipeline = new CommandPipeline(this.log, {
      streamType: BODY_STREAM_TYPE,
      initialState: initialBodyState,
      evolve: (state, event) => evolveBody(state, event),
      schemaVersion: (type) => BODY_EVENT_SCHEMA_VERSIONS[type],
      projections: BODY_PROJECTIONS,
      // A body that changed (merged, abolished, renamed, re-parented) changes no decision's stream, yet
      // the decisions that name it must be checked again (e.g. delegate-body-reorganised).
      intents: (_before, after, added) => added.some((e) => e.type !== 'BodyEstablished')
        ? [{ id: `body-changed:${after.state.id}:${after.version}`, kind: 'recheck-body', streamId: after.streamId, payload: { bodyId: after.state.id, version: after.version } }]
        : [],
    }, { toEvent: toBodyEvent });
  }

  /** A body's events as stored (with who changed it, when). */
  history(bodyId: string): Promise<StoredEvent[]> {
    return this.log.readStream(bodyStreamId(bodyId));
  }

  async exists(bodyId: string): Promise<boolean> {
    return (await this.pipeline.load(bodyStreamId(bodyId))).version > 0;
  }

  /** Decides against the bodies the command names (looked up first) and appends. */
  async execute(bodyId: string, command: BodyCommand, metadata: EventMetadata, options: CommandOptions = {}): Promise<BodyCommandOutcome> {
    const known = await this.knownBodies(referencedBodies(command));
    const outcome = await this.pipeline.handle(bodyDecider((id) => known.get(id)).decide, {
      streamId: bodyStreamId(bodyId),
      command,
      expectedVersion: options.expectedVersion,
      commandId: options.commandId,
      commandType: `body.${command.type}`,
      payloadHash: JSON.stringify(command),
      metadata,
    });
    if (!outcome.ok) return outcome;
    return { ok: true, bodyId, version: outcome.version, status: outcome.state.status, events: outcome.events, duplicate: outcome.duplicate };
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
