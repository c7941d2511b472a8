import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The dispatcher takes the intents due by a horizon (now + the reminder window), oldest first. Its old
 * condition, `run_at IS NULL OR run_at <= horizon`, bounds no index scan: PostgreSQL walked the whole of
 * `intents_due_idx` (run_at NULLS FIRST, created_at) and filtered every row, and the table holds every
 * reminder not yet due, for years ahead. On a simulated ten-year log (npm run bench -- scale) at 46k
 * waiting reminders that was 100 ms a poll, run every second, and it grows with the log. Ordered by
 * `coalesce(run_at, '-infinity')` (the same order: what runs at once first), the horizon is the end of
 * an index range, so a poll reads only what it takes.
 */
export class IntentsDueBound1732402310000 implements MigrationInterface {
  name = 'IntentsDueBound1732402310000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX intents_due_at_idx ON intents ((coalesce(run_at, '-infinity'::timestamptz)), created_at)`);
    await q.query(`DROP INDEX intents_due_idx`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX intents_due_idx ON intents (run_at NULLS FIRST, created_at)`);
    await q.query(`DROP INDEX intents_due_at_idx`);
  }
}
