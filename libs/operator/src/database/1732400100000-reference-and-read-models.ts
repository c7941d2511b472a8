import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Reference data (bodies, powers, users) and the read models projected from the event log. */
export class ReferenceAndReadModels1732400100000 implements MigrationInterface {
  name = 'ReferenceAndReadModels1732400100000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE bodies (
      id text PRIMARY KEY, name_vi text NOT NULL, name_en text NOT NULL,
      level text NOT NULL CHECK (level IN ('province','district','commune')),
      type text NOT NULL, parent_id text REFERENCES bodies(id), province_id text NOT NULL, territory text)`);
    await q.query(`CREATE TABLE powers (
      id text PRIMARY KEY, code text NOT NULL UNIQUE, title_vi text NOT NULL, title_en text NOT NULL,
      sector text NOT NULL, legal_holder_body_id text NOT NULL REFERENCES bodies(id), legal_source text NOT NULL,
      delegable boolean NOT NULL, procedure_codes text[] NOT NULL DEFAULT '{}')`);
    await q.query(`CREATE TABLE users (
      id text PRIMARY KEY, username text NOT NULL UNIQUE, display_name text NOT NULL, password_hash text NOT NULL,
      role text NOT NULL, body_id text NOT NULL REFERENCES bodies(id), active boolean NOT NULL DEFAULT true)`);
    await q.query(`CREATE TABLE decision_list (
      id uuid PRIMARY KEY, version int NOT NULL, kind text NOT NULL, stage text NOT NULL, title text NOT NULL,
      delegator_body_id text NOT NULL, delegate_body_id text NOT NULL, proposer_body_id text NOT NULL,
      sector text NOT NULL, power_ids text[] NOT NULL, workflow_version int NOT NULL,
      period_from date, period_to date, reviewer_id text,
      stage_entered_at timestamptz NOT NULL, created_at timestamptz NOT NULL, updated_at timestamptz NOT NULL)`);
    for (const c of ['kind', 'stage', 'delegate_body_id', 'sector']) {
      await q.query(`CREATE INDEX decision_list_${c}_idx ON decision_list (${c})`);
    }
    await q.query(`CREATE INDEX decision_list_updated_idx ON decision_list (updated_at DESC, id)`);
    await q.query(`CREATE TABLE power_holdings (
      decision_id uuid NOT NULL, seq int NOT NULL, power_id text NOT NULL, holder_body_id text NOT NULL,
      delegator_body_id text NOT NULL, kind text NOT NULL, valid_from date NOT NULL, valid_to date,
      PRIMARY KEY (decision_id, seq))`);
    await q.query(`CREATE INDEX power_holdings_power_idx ON power_holdings (power_id, valid_from)`);
    await q.query(`CREATE INDEX power_holdings_holder_idx ON power_holdings (holder_body_id, valid_from)`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const t of ['power_holdings', 'decision_list', 'users', 'powers', 'bodies']) await q.query(`DROP TABLE ${t}`);
  }
}
