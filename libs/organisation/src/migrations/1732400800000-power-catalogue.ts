import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The powers catalogue with a history: `power_versions` holds each version of a power (one per event
 * of its `power:<id>` stream) over [valid_from, valid_to); `powers` stays the current view, now with
 * its stream version and whether it was retired.
 */
export class PowerCatalogue1732400800000 implements MigrationInterface {
  name = 'PowerCatalogue1732400800000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE powers ADD COLUMN version int NOT NULL DEFAULT 1, ADD COLUMN retired boolean NOT NULL DEFAULT false`);
    await q.query(`CREATE TABLE power_versions (
      power_id text NOT NULL, version int NOT NULL, valid_from date NOT NULL, valid_to date,
      code text NOT NULL, title_vi text NOT NULL, title_en text NOT NULL, sector text NOT NULL,
      legal_holder_body_id text NOT NULL, legal_source text NOT NULL, delegable boolean NOT NULL,
      procedure_codes text[] NOT NULL DEFAULT '{}', retired boolean NOT NULL DEFAULT false,
      PRIMARY KEY (power_id, version),
      CHECK (valid_to IS NULL OR valid_to >= valid_from))`);
    await q.query(`CREATE INDEX power_versions_period_idx ON power_versions (valid_from, valid_to)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE power_versions`);
    await q.query(`ALTER TABLE powers DROP COLUMN version, DROP COLUMN retired`);
  }
}
