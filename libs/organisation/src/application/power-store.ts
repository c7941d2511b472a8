import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { QueryFailedError, type DataSource, type EntityManager } from 'typeorm';
import { EventStore, WrongExpectedVersionError, type EventMetadata, type StoredEvent } from '@app/event-store';
import { POWER_CODE_UNIQUE } from '../domain/power-rules.js';
import { POWER_EVENT_SCHEMA_VERSIONS, POWER_STREAM_TYPE, powerStreamId, upcastPowerEvent, type PowerCommand, type PowerEvent } from '../domain/power-events.js';
import { decidePower, type PowerRefusal } from '../domain/power-decide.js';
import { foldPower, powerVersionsOf, type PowerState } from '../domain/power-state.js';
import { type KnownBody } from '../domain/decide.js';
import { SECTORS } from '../domain/sectors.js';

export const toPowerEvent = (e: StoredEvent): PowerEvent => ({ type: e.type, data: e.data }) as PowerEvent;

export interface LoadedPower {
  state: PowerState;
  events: StoredEvent[];
}

export type PowerCommandOutcome =
  | { ok: true; powerId: string; version: number; retired: boolean; events: StoredEvent[] }
  | { ok: false; refusal: PowerRefusal };

/**
 * A power's stream (`power:<id>`, stream type `power`) in the shared event log. Each append rewrites
 * the power's rows in `power_versions` and its row in `powers` (the current view the reference data,
 * the checks and the registry read), in the same transaction.
 */
@Injectable()
export class PowerStore {
  readonly log: EventStore;

  constructor(@InjectDataSource() private readonly db: DataSource) {
    this.log = new EventStore(db, upcastPowerEvent);
  }

  async load(powerId: string): Promise<LoadedPower> {
    const events = await this.log.readStream(powerStreamId(powerId));
    return { state: foldPower(powerId, events.map(toPowerEvent)), events };
  }

  async exists(powerId: string): Promise<boolean> {
    return (await this.log.streamVersion(powerStreamId(powerId))) > 0;
  }

  /**
   * Loads, decides against the bodies, sectors and codes the command names, appends; retries a lost
   * race twice. With `provinceId`, only bodies of that province can be named as legal holder.
   */
  async execute(powerId: string, command: PowerCommand, metadata: EventMetadata, opts: { provinceId?: string } = {}): Promise<PowerCommandOutcome> {
    for (let attempt = 1; ; attempt++) {
      const { state, events } = await this.load(powerId);
      const set = command.type === 'define' ? command.data : command.type === 'revise' ? command.data.changes : {};
      const bodies = await this.knownBodies(set.legalHolderBodyId ? [set.legalHolderBodyId] : [], opts.provinceId);
      const codeUsedBy = set.code ? await this.codeUsedBy(set.code) : undefined;
      const decided = decidePower(command, state, {
        body: (id) => bodies.get(id),
        sectorExists: (s) => Object.prototype.hasOwnProperty.call(SECTORS, s),
        codeUsedBy: (code) => (code === set.code ? codeUsedBy : undefined),
      });
      if (!decided.ok) return decided;
      try {
        const appended = await this.log.append({
          streamId: powerStreamId(powerId),
          streamType: POWER_STREAM_TYPE,
          expectedVersion: state.version,
          events: decided.events.map((e) => ({ type: e.type, schemaVersion: POWER_EVENT_SCHEMA_VERSIONS[e.type], data: e.data })),
          metadata,
          inTransaction: (m, added) => projectPower(m, powerId, [...events, ...added].map(toPowerEvent)),
        });
        const next = foldPower(powerId, [...events, ...appended.events].map(toPowerEvent));
        return { ok: true, powerId, version: next.version, retired: next.retired, events: appended.events };
      } catch (e) {
        // Two commands racing for one code: the unique index of `powers` settles it.
        if (e instanceof QueryFailedError && (e.driverError as { code?: string })?.code === '23505' && set.code) {
          return { ok: false, refusal: { kind: 'code-taken', rule: POWER_CODE_UNIQUE, code: set.code, byPowerId: (await this.codeUsedBy(set.code)) ?? '?' } };
        }
        if (!(e instanceof WrongExpectedVersionError) || attempt >= 3) throw e;
      }
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

/** The inline projection of one power: its versions and its current row. Replaying the stream rewrites both identically. */
export async function projectPower(m: EntityManager, powerId: string, events: readonly PowerEvent[]): Promise<void> {
  const state = foldPower(powerId, events);
  if (!state.exists || !state.current) return;
  await m.query(`DELETE FROM power_versions WHERE power_id = $1`, [powerId]);
  for (const v of powerVersionsOf(events)) {
    await m.query(
      `INSERT INTO power_versions (power_id, version, valid_from, valid_to, code, title_vi, title_en, sector, legal_holder_body_id, legal_source, delegable, procedure_codes, retired)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13)`,
      [powerId, v.version, v.validFrom, v.validTo, v.code, v.titleVi, v.titleEn, v.sector, v.legalHolderBodyId, v.legalSource, v.delegable, v.procedureCodes, v.retired],
    );
  }
  const c = state.current;
  await m.query(
    `INSERT INTO powers (id, code, title_vi, title_en, sector, legal_holder_body_id, legal_source, delegable, procedure_codes, version, retired)
     VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11)
     ON CONFLICT (id) DO UPDATE SET code=$2, title_vi=$3, title_en=$4, sector=$5, legal_holder_body_id=$6, legal_source=$7,
       delegable=$8, procedure_codes=$9, version=$10, retired=$11`,
    [powerId, c.code, c.titleVi, c.titleEn, c.sector, c.legalHolderBodyId, c.legalSource, c.delegable, c.procedureCodes, state.version, state.retired],
  );
}
