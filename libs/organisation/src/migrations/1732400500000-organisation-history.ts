import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Bodies with a history: `body_versions` holds each body's attributes over [valid_from, valid_to),
 * projected from its `body:<id>` stream in the event log (the `bodies` table stays the current view).
 */
export class OrganisationHistory1732400500000 implements MigrationInterface {
  name = 'OrganisationHistory1732400500000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE body_versions (
      body_id text NOT NULL, valid_from date NOT NULL, valid_to date,
      name_vi text NOT NULL, name_en text NOT NULL, level text NOT NULL, type text NOT NULL,
      parent_id text, province_id text NOT NULL, territory text,
      status text NOT NULL CHECK (status IN ('active','merged','abolished')), successor_id text,
      PRIMARY KEY (body_id, valid_from),
      CHECK (valid_to IS NULL OR valid_to > valid_from))`);
    await q.query(`CREATE INDEX body_versions_period_idx ON body_versions (valid_from, valid_to)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE body_versions`);
  }
}
