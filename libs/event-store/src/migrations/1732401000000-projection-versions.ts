import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Which version of each projection built its table. A projection whose code computes other rows bumps
 * its version; at start-up its table is rebuilt from the log once (see projections/rebuild.ts).
 */
export class ProjectionVersions1732401000000 implements MigrationInterface {
  name = 'ProjectionVersions1732401000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE projection_versions (
      name text PRIMARY KEY, version int NOT NULL, rebuilt_at timestamptz NOT NULL DEFAULT clock_timestamp())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE projection_versions`);
  }
}
