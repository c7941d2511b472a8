import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The writer's signature of each event (Ed25519, base64) and the id of the key that made it, written by
 * the append statement itself (see event-store.ts). Nullable: a row without one was not written by the
 * application, and the verifier says so. Adding columns leaves the append-only trigger as it is.
 */
export class EventSignatures1732402200000 implements MigrationInterface {
  name = 'EventSignatures1732402200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events ADD COLUMN signature text, ADD COLUMN key_id text`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE events DROP COLUMN signature, DROP COLUMN key_id`);
  }
}
