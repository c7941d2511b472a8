import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Hand-off notices (assigned, returned for revision, resubmitted, appraised, sent to council, vote
 * recorded, decided, issued, finding raised) beside the reminders, and each user's choice of channel
 * per kind: a row only where the user turned a channel off or on (no row: both on).
 */
export class HandoffNotifications1732402200000 implements MigrationInterface {
  name = 'HandoffNotifications1732402200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT IF EXISTS notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check CHECK (kind IN (
      'reminder','escalation','report-due','evaluation-due','period-ending',
      'submitted','assigned','revision-requested','resubmitted','appraised','legal-appraised','sent-to-council',
      'vote-recorded','decided','issued','finding-raised'))`);
    await q.query(`CREATE TABLE notification_preferences (
      user_id text NOT NULL,
      kind text NOT NULL,
      inbox boolean NOT NULL DEFAULT true,
      email boolean NOT NULL DEFAULT true,
      updated_at timestamptz NOT NULL,
      PRIMARY KEY (user_id, kind))`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE notification_preferences`);
    await q.query(`DELETE FROM notifications WHERE kind NOT IN ('reminder','escalation','report-due','evaluation-due','period-ending')`);
    await q.query(`ALTER TABLE notifications DROP CONSTRAINT notifications_kind_check`);
    await q.query(`ALTER TABLE notifications ADD CONSTRAINT notifications_kind_check
      CHECK (kind IN ('reminder','escalation','report-due','evaluation-due','period-ending'))`);
  }
}
