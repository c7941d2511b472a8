import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The record of deadlines moved by a newly loaded year's official schedule of days off: the deadlines
 * table is a function of the log and the calendar, so this keeps what it said before.
 */
export class DeadlineChanges1732402210000 implements MigrationInterface {
  name = 'DeadlineChanges1732402210000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE deadline_changes (
      id bigserial PRIMARY KEY, deadline_id text NOT NULL, decision_id uuid NOT NULL, year int NOT NULL,
      due_before date NOT NULL, due_after date NOT NULL, remind_before date NOT NULL, remind_after date NOT NULL,
      changed_by text NOT NULL, changed_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
    await q.query(`CREATE INDEX deadline_changes_decision_idx ON deadline_changes (decision_id, changed_at)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE deadline_changes`);
  }
}
