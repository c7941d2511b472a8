import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The deadline table (what is due when, for whom) and the findings read model; body lifecycle columns. */
export class DeadlinesAndFindings1732400400000 implements MigrationInterface {
  name = 'DeadlinesAndFindings1732400400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE deadlines (
      id text PRIMARY KEY, decision_id uuid NOT NULL, kind text NOT NULL, subject text NOT NULL,
      title_vi text NOT NULL, title_en text NOT NULL, starts_on date NOT NULL, due_on date NOT NULL,
      remind_on date NOT NULL, escalate_on date NOT NULL, responsible_role text NOT NULL,
      responsible_body_id text, responsible_user_id text,
      status text NOT NULL CHECK (status IN ('open','met','late','paused','cancelled')), closed_on date,
      explanation jsonb NOT NULL)`);
    await q.query(`CREATE INDEX deadlines_decision_idx ON deadlines (decision_id)`);
    await q.query(`CREATE INDEX deadlines_open_idx ON deadlines (remind_on) WHERE status = 'open'`);
    await q.query(`CREATE TABLE findings (
      decision_id uuid NOT NULL, finding_id text NOT NULL, rule_id text NOT NULL, rule_version int NOT NULL,
      key text NOT NULL, severity text NOT NULL, message_vi text NOT NULL, message_en text NOT NULL,
      details jsonb, open boolean NOT NULL, raised_at timestamptz NOT NULL, resolved_at timestamptz,
      resolution_vi text, resolution_en text, delegator_body_id text NOT NULL, delegate_body_id text NOT NULL,
      PRIMARY KEY (decision_id, finding_id))`);
    await q.query(`CREATE INDEX findings_open_idx ON findings (open, rule_id)`);
    await q.query(`ALTER TABLE bodies ADD COLUMN status text NOT NULL DEFAULT 'active'
      CHECK (status IN ('active','merged','abolished')), ADD COLUMN ended_on date, ADD COLUMN successor_id text`);
    await q.query(`CREATE TABLE legal_documents (
      number text PRIMARY KEY, title text NOT NULL, in_force_from date NOT NULL, in_force_until date)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE legal_documents`);
    await q.query(`ALTER TABLE bodies DROP COLUMN status, DROP COLUMN ended_on, DROP COLUMN successor_id`);
    await q.query(`DROP TABLE findings`);
    await q.query(`DROP TABLE deadlines`);
  }
}
