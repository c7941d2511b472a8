import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The work a stream's workflow asks for (run the checks, send a reminder at a time), written by the
 * same statement as the events that ask for it, each under a deterministic id. The dispatcher leases
 * what is due, hands it to the queue, and deletes it: a lease that runs out (a crashed dispatcher) is
 * taken again, and the job ids keep a repeat from doing anything twice.
 */
export class Intents1732401200000 implements MigrationInterface {
  name = 'Intents1732401200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE intents (
      id text PRIMARY KEY, kind text NOT NULL, stream_id text NOT NULL, payload jsonb NOT NULL,
      run_at timestamptz, leased_until timestamptz, created_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await q.query(`CREATE INDEX intents_due_idx ON intents (run_at NULLS FIRST, created_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE intents`);
  }
}
