import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CommandPipeline, EventStore, EventSigningKeys, type EventMetadata, type StoredEvent } from '@app/event-store';
import type { KnownBody } from '../domain/decide.js';
import { powerDecider } from '../domain/power-decider.js';
import type { PowerRefusal } from '../domain/power-decide.js';
import {
  POWER_EVENT_SCHEMA_VERSIONS, POWER_STREAM_TYPE, powerStreamId, upcastPowerEvent, type PowerCommand, type PowerEvent,
} from '../domain/power-events.js';
import { POWER_CODE_UNIQUE } from '../domain/power-rules.js';
import { evolvePower, initialPowerState, type PowerState } from '../domain/power-state.js';
import { SECTORS } from '../domain/sectors.js';
import { POWER_PROJECTIONS } from '../projections/power.projections.js';
import type { CommandOptions } from './body-store.js';

export const toPowerEvent = (e: StoredEvent): PowerEvent => ({ type: e.type, data: e.data }) as PowerEvent;

export type PowerCommandOutcome =
  | { ok: true; powerId: string; version: number; retired: boolean; events: StoredEvent[]; duplicate: boolean }
  | { ok: false; refusal: PowerRefusal };

const isCodeRace = (e: unknown) => {
  const err = e as { code?: string; constraint?: string };
  return err.code === '23505' && err.constraint === 'powers_code_key';
};

/**
 * A power's stream (`power:<id>`, stream type `power`) on the one command pipeline; each append writes
 * the rows of `powers` (the current view) and `power_versions` it changes, in the same transaction.
 */
@Injectable()
export class PowerStore {
  readonly log: EventStore;
  readonly pipeline: CommandPipeline<PowerEvent, PowerState>;

  constructor(@InjectDataSource() private readonly db: DataSource, keys: EventSigningKeys) {
    this.log = new EventStore(db, upcastPowerEvent, keys);
    this.pipeline = new CommandPipeline(this.log, {
      streamType: POWER_STREAM_TYPE,
      initialState: initialPowerState,
      evolve: (state, event) => evolvePower(state, event),
      schemaVersion: (type) => POWER_EVENT_SCHEMA_VERSIONS[type],
      projections: POWER_PROJECTIONS,
      // A revised or retired power changes what the checks of the decisions naming it find (e.g. delegable).
      intents: (_before, after, added) => added.some((e) => e.type !== 'PowerDefined')
        ? [{ id: `power-changed:${after.state.id}:${after.version}`, kind: 'recheck-power', streamId: after.streamId, payload: { powerId: after.state.id, version: after.version } }]
        : [],
    }, { toEvent: toPowerEvent });
  }

  /** A power's events as stored (with who changed it, when). */
  history(powerId: string): Promise<StoredEvent[]> {
    return this.log.readStream(powerStreamId(powerId));
  }

  async exists(powerId: string): Promise<boolean> {
    return (await this.pipeline.load(powerStreamId(powerId))).version > 0;
  }

  /**
   * Decides against the bodies, sectors and codes the command names (looked up first) and appends.
   * With `provinceId`, only bodies of that province can be named as legal holder.
   */
  async execute(
    powerId: string,
    command: PowerCommand,
    metadata: EventMetadata,
    opts: CommandOptions & { provinceId?: string } = {},
  ): Promise<PowerCommandOutcome> {
    const set = command.type === 'define' ? command.data : command.type === 'revise' ? command.data.changes : {};
    const bodies = await this.knownBodies(set.legalHolderBodyId ? [set.legalHolderBodyId] : [], opts.provinceId);
    const codeUsedBy = set.code ? await this.codeUsedBy(set.code) : undefined;
    const decider = powerDecider({
      body: (id) => bodies.get(id),
      sectorExists: (s) => Object.prototype.hasOwnProperty.call(SECTORS, s),
      codeUsedBy: (code) => (code === set.code ? codeUsedBy : undefined),
    });
    try {
      const outcome = await this.pipeline.handle(decider.decide, {
        streamId: powerStreamId(powerId),
        command,
        expectedVersion: opts.expectedVersion,
        commandId: opts.commandId,
        commandType: `power.${command.type}`,
        payloadHash: JSON.stringify(command),
        metadata,
      });
      if (!outcome.ok) return outcome;
      return { ok: true, powerId, version: outcome.version, retired: outcome.state.retired, events: outcome.events, duplicate: outcome.duplicate };
    } catch (e) {
      // Two commands racing for one code: the unique index of `powers` settles it.
      if (!isCodeRace(e) || !set.code) throw e;
      return { ok: false, refusal: { kind: 'code-taken', rule: POWER_CODE_UNIQUE, code: set.code, byPowerId: (await this.codeUsedBy(set.code)) ?? '?' } };
    }
  }

  private async knownBodies(ids: string[], provinceId?: string): Promise<Map<string, KnownBody>> {
    if (!ids.length) return new Map();
    const rows: Array<{ id: string; status: KnownBody['status']; ended_on: string | null }> = await this.db.query(
      `SELECT id, status, to_char(ended_on, 'YYYY-MM-DD') AS ended_on FROM bodies WHERE id = ANY($1) AND ($2::text IS NULL OR province_id = $2)`,
      [ids, provinceId ?? null],
    );
    return new Map(rows.map((r) => [r.id, { status: r.status, endedOn: r.ended_on }]));
  }

  private async codeUsedBy(code: string): Promise<string | undefined> {
    const [row]: Array<{ id: string }> = await this.db.query(`SELECT id FROM powers WHERE code = $1`, [code]);
    return row?.id;
  }
}
