import type { MigrationInterface, QueryRunner } from 'typeorm';
import { MerkleTree1732402300000 } from '../merkle/1732402300000-merkle-tree.js';

/**
 * The hash chain over the event log, written by HashChainer (a LogFollower) after commit.
 *
 * log_seq numbers the rows 1, 2, 3… in the log's commit-safe order (see log-reader.ts);
 * log_hash chains each event to the previous row, stream_hash to the previous event of its stream.
 * transaction_id (the event's xid8, copied) lets the verifier place an unchained event in that
 * order. The events table itself is untouched: appends stay as cheap as before.
 */
export class EventHashChain1732400050000 implements MigrationInterface {
  name = 'EventHashChain1732400050000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE event_hashes (
      log_seq bigint PRIMARY KEY CHECK (log_seq >= 1),
      global_position bigint NOT NULL CONSTRAINT event_hashes_global_position_uq UNIQUE,
      transaction_id xid8 NOT NULL,
      stream_id text NOT NULL,
      stream_version int NOT NULL,
      stream_hash text NOT NULL,
      log_hash text NOT NULL,
      chained_at timestamptz NOT NULL DEFAULT now(),
      CONSTRAINT event_hashes_stream_uq UNIQUE (stream_id, stream_version))`);
    await q.query(`CREATE INDEX event_hashes_log_order_idx ON event_hashes (transaction_id, global_position)`);
    // Like the events: rows are only ever added (an attacker with DDL rights can disable this,
    // which is what the published checkpoints are for).
    await q.query(`CREATE FUNCTION event_hashes_refuse_change() RETURNS trigger LANGUAGE plpgsql AS $$
      BEGIN RAISE EXCEPTION 'event_hashes are append-only'; END $$`);
    await q.query(`CREATE TRIGGER event_hashes_append_only BEFORE UPDATE OR DELETE ON event_hashes
      FOR EACH ROW EXECUTE FUNCTION event_hashes_refuse_change()`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE event_hashes`);
    await q.query(`DROP FUNCTION event_hashes_refuse_change()`);
    await q.query(`DELETE FROM follower_checkpoints WHERE name = 'hash-chain'`);
  }
}

/** Add to the app's DataSource `migrations` after EVENT_STORE_MIGRATIONS. */
export const CHAIN_MIGRATIONS = [EventHashChain1732400050000, MerkleTree1732402300000];
