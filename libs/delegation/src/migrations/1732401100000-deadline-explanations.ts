import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * A deadline keeps the working days it counts and its notes; how its date was computed (each day,
 * with its reason) is explained when it is read. The rows are rebuilt from the log at start-up
 * (projection `deadlines`, version 3).
 */
export class DeadlineExplanations1732401100000 implements MigrationInterface {
  name = 'DeadlineExplanations1732401100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE deadlines ADD COLUMN working_days int, ADD COLUMN notes jsonb NOT NULL DEFAULT '[]'::jsonb, DROP COLUMN explanation`);
    // Reminders look for open deadlines by day, per decision they are listed by due day.
    await q.query(`CREATE INDEX IF NOT EXISTS deadlines_decision_due_idx ON deadlines (decision_id, due_on)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS deadlines_decision_due_idx`);
    await q.query(`ALTER TABLE deadlines DROP COLUMN working_days, DROP COLUMN notes, ADD COLUMN explanation jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }
}
