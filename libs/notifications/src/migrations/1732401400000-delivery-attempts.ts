import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The delivery ledger records an attempt before it is made: `sending` with the time it started (and
 * the e-mail's Message-ID), then `sent` with the far side's answer (the SMTP server's reply, the
 * webhook's status), or `failed`. A `sending` row that stays is an attempt whose outcome nobody
 * recorded (a worker killed mid-send): the dispatcher reconciles it (notification-dispatcher.ts).
 */
export class NotificationDeliveryAttempts1732401400000 implements MigrationInterface {
  name = 'NotificationDeliveryAttempts1732401400000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_status_check`);
    await q.query(`ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check
      CHECK (status IN ('sending','sent','failed'))`);
    await q.query(`ALTER TABLE notification_deliveries
      ADD COLUMN attempted_at timestamptz,
      ADD COLUMN message_id text,
      ADD COLUMN response text,
      ADD COLUMN reconciled int NOT NULL DEFAULT 0`);
    // The attempts in doubt, for an operator: SELECT * FROM notification_deliveries WHERE status = 'sending'.
    await q.query(`CREATE INDEX notification_deliveries_sending_idx ON notification_deliveries (attempted_at) WHERE status = 'sending'`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX notification_deliveries_sending_idx`);
    await q.query(`DELETE FROM notification_deliveries WHERE status = 'sending'`);
    await q.query(`ALTER TABLE notification_deliveries DROP COLUMN reconciled, DROP COLUMN response, DROP COLUMN message_id, DROP COLUMN attempted_at`);
    await q.query(`ALTER TABLE notification_deliveries DROP CONSTRAINT notification_deliveries_status_check`);
    await q.query(`ALTER TABLE notification_deliveries ADD CONSTRAINT notification_deliveries_status_check CHECK (status IN ('sent','failed'))`);
  }
}
