import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Identity and access: account timestamps and token_version (bumped by a password, role or body
 * change, or deactivation, to revoke issued tokens), the failed-login log, and the province of each
 * decision in the list read model (its delegator body's), which AccessScope filters on.
 */
export class IdentityAndAccess1732400600000 implements MigrationInterface {
  name = 'IdentityAndAccess1732400600000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE users
      ADD COLUMN created_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN updated_at timestamptz NOT NULL DEFAULT now(),
      ADD COLUMN token_version int NOT NULL DEFAULT 0`);
    await q.query(`CREATE INDEX users_body_idx ON users (body_id)`);
    await q.query(`CREATE TABLE failed_logins (
      id bigserial PRIMARY KEY, username text, ip text, at timestamptz NOT NULL DEFAULT now(), reason text NOT NULL)`);
    await q.query(`CREATE INDEX failed_logins_at_idx ON failed_logins (at DESC)`);
    await q.query(`CREATE INDEX failed_logins_username_idx ON failed_logins (username, at DESC)`);
    await q.query(`ALTER TABLE decision_list ADD COLUMN province_id text`);
    await q.query(`UPDATE decision_list d SET province_id = b.province_id FROM bodies b WHERE b.id = d.delegator_body_id`);
    await q.query(`CREATE INDEX decision_list_province_idx ON decision_list (province_id, updated_at DESC)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decision_list DROP COLUMN province_id`);
    await q.query(`DROP TABLE failed_logins`);
    await q.query(`DROP INDEX users_body_idx`);
    await q.query(`ALTER TABLE users DROP COLUMN token_version, DROP COLUMN updated_at, DROP COLUMN created_at`);
  }
}
