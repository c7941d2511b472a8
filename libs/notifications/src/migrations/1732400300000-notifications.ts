import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Notifications (one row per once-only key), each user's inbox, and the delivery ledger that makes
 * every e-mail and webhook call go out once. Also gives users an e-mail address and bodies a head
 * (người đứng đầu) to escalate to.
 */
export class Notifications1732400300000 implements MigrationInterface {
  name = 'Notifications1732400300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE notifications (
      id text PRIMARY KEY,
      kind text NOT NULL CHECK (kind IN ('reminder','escalation','report-due','evaluation-due','period-ending')),
      decision_id uuid NOT NULL,
      subject_vi text NOT NULL, subject_en text NOT NULL,
      body_vi text NOT NULL, body_en text NOT NULL,
      data jsonb NOT NULL DEFAULT '{}',
      created_at timestamptz NOT NULL)`);
    await q.query(`CREATE INDEX notifications_decision_idx ON notifications (decision_id, created_at)`);
    await q.query(`CREATE TABLE notification_inbox (
      notification_id text NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
      user_id text NOT NULL,
      read_at timestamptz,
      created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
      PRIMARY KEY (notification_id, user_id))`);
    await q.query(`CREATE INDEX notification_inbox_user_idx ON notification_inbox (user_id, created_at DESC, notification_id)`);
    await q.query(`CREATE INDEX notification_inbox_unread_idx ON notification_inbox (user_id) WHERE read_at IS NULL`);
    await q.query(`CREATE TABLE notification_deliveries (
      notification_id text NOT NULL REFERENCES notifications(id) ON DELETE CASCADE,
      channel text NOT NULL CHECK (channel IN ('email','webhook')),
      recipient text NOT NULL,
      status text NOT NULL CHECK (status IN ('sent','failed')),
      attempts int NOT NULL DEFAULT 0,
      last_error text,
      sent_at timestamptz,
      PRIMARY KEY (notification_id, channel, recipient))`);
    await q.query(`CREATE INDEX notification_deliveries_failed_idx ON notification_deliveries (notification_id) WHERE status = 'failed'`);
    await q.query(`ALTER TABLE users ADD COLUMN email text`);
    await q.query(`ALTER TABLE bodies ADD COLUMN head_name text, ADD COLUMN head_email text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE bodies DROP COLUMN head_email, DROP COLUMN head_name`);
    await q.query(`ALTER TABLE users DROP COLUMN email`);
    for (const t of ['notification_deliveries', 'notification_inbox', 'notifications']) await q.query(`DROP TABLE ${t}`);
  }
}

/** Add to the app's DataSource `migrations` after the reference-data migration (it alters users and bodies). */
export const NOTIFICATION_MIGRATIONS = [Notifications1732400300000];
