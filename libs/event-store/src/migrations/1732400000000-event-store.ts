import type { MigrationInterface, QueryRunner } from 'typeorm';
import { ProjectionVersions1732401000000 } from './1732401000000-projection-versions.js';
import { Intents1732401200000 } from './1732401200000-intents.js';
import { Sequences1732402010000 } from './1732402010000-sequences.js';
import { EventSignatures1732402200000 } from './1732402200000-event-signatures.js';

/**
 * The event log, the idempotency ledger and follower checkpoints.
 * Names are unqualified so the connection's search_path picks the schema.
 */
export class EventStoreMigration1732400000000 implements MigrationInterface {
  name = 'EventStoreMigration1732400000000';

  async up(q: QueryRunner): Promise<void> {
    // transaction_id is assigned by the inserting statement itself, so it orders commits
    // safely for followers (see log-reader.ts); xid8 never wraps around.
    await q.query(`CREATE TABLE events (
      global_position bigserial PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
      stream_id text NOT NULL,
      stream_type text NOT NULL,
      stream_version int NOT NULL CHECK (stream_version >= 1),
      event_type text NOT NULL,
      schema_version int NOT NULL CHECK (schema_version >= 1),
      data jsonb NOT NULL,
      metadata jsonb NOT NULL,
      occurred_at timestamptz NOT NULL,
      recorded_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      CONSTRAINT events_stream_version_uq UNIQUE (stream_id, stream_version))`);
    await q.query(`CREATE INDEX events_stream_occurred_idx ON events (stream_id, occurred_at)`);
    await q.query(`CREATE INDEX events_log_order_idx ON events (transaction_id, global_position)`);
    // Facts are never edited: fix mistakes with new events, old shapes with upcasters.
    await q.query(`CREATE FUNCTION events_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'events are append-only'; END $$`);
    await q.query(`CREATE TRIGGER events_append_only BEFORE UPDATE OR DELETE ON events
      FOR EACH ROW EXECUTE FUNCTION events_refuse_change()`);
    await q.query(`CREATE TABLE processed_commands (
      command_id text CONSTRAINT processed_commands_pkey PRIMARY KEY,
      stream_id text NOT NULL,
      command_type text NOT NULL,
      payload_hash text NOT NULL,
      from_version int NOT NULL,
      to_version int NOT NULL,
      result jsonb,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await q.query(`CREATE TABLE follower_checkpoints (
      name text PRIMARY KEY,
      transaction_id xid8 NOT NULL DEFAULT '0',
      position bigint NOT NULL DEFAULT 0,
      updated_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE follower_checkpoints`);
    await q.query(`DROP TABLE processed_commands`);
    await q.query(`DROP TABLE events`);
    await q.query(`DROP FUNCTION events_refuse_change()`);
  }
}

/** Add to the app's DataSource `migrations` next to the other libraries' ones. */
export const EVENT_STORE_MIGRATIONS: Array<new () => MigrationInterface> = [
  EventStoreMigration1732400000000, ProjectionVersions1732401000000, Intents1732401200000, Sequences1732402010000, EventSignatures1732402200000,
];
