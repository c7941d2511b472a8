import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The decisions that name a body as delegator are looked up when the body changes (recheck-body intents). */
export class DecisionListDelegatorIndex1732401300000 implements MigrationInterface {
  name = 'DecisionListDelegatorIndex1732401300000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE INDEX IF NOT EXISTS decision_list_delegator_body_id_idx ON decision_list (delegator_body_id)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP INDEX IF EXISTS decision_list_delegator_body_id_idx`);
  }
}
