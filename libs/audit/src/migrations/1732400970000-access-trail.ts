import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The auditors' own trail: who read history, compared versions, verified or exported what, and when. */
export class AccessTrail1732400970000 implements MigrationInterface {
  name = 'AccessTrail1732400970000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE access_trail (
      id bigserial PRIMARY KEY,
      at timestamptz NOT NULL,
      user_id text NOT NULL,
      role text NOT NULL,
      body_id text NOT NULL,
      action text NOT NULL CHECK (action IN ('read-history','read-past-state','compare','verify','export','read-findings')),
      target text NOT NULL,
      detail jsonb NOT NULL DEFAULT '{}',
      ip text)`);
    await q.query(`CREATE INDEX access_trail_at_idx ON access_trail (at DESC, id DESC)`);
    await q.query(`CREATE INDEX access_trail_user_idx ON access_trail (user_id, at DESC)`);
    await q.query(`CREATE INDEX access_trail_target_idx ON access_trail (target, at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE access_trail`);
  }
}
