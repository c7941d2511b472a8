import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The decision list carries what a board, a table and a work list show and sort by without a request per
 * decision: the case number, the issuing document's number, a search column (folded: no diacritics),
 * the current open deadline, and whom the decision waits on (role and body, or the assigned user).
 * Filled by projection `decision_list` v2, rebuilt from the log at start-up.
 */
export class DecisionListWork1732402020000 implements MigrationInterface {
  name = 'DecisionListWork1732402020000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE decision_list
      ADD COLUMN case_number text, ADD COLUMN document_number text, ADD COLUMN search_text text NOT NULL DEFAULT '',
      ADD COLUMN deadline_id text, ADD COLUMN deadline_due_on date,
      ADD COLUMN waiting_role text, ADD COLUMN waiting_body_id text, ADD COLUMN waiting_user_id text`);
    // Lists are read per province, newest change first, or by deadline, case number or title.
    await q.query(`CREATE INDEX decision_list_province_updated_idx ON decision_list (province_id, updated_at DESC, id DESC)`);
    await q.query(`CREATE INDEX decision_list_province_deadline_idx ON decision_list (province_id, deadline_due_on, id)`);
    await q.query(`CREATE INDEX decision_list_province_case_idx ON decision_list (province_id, case_number, id)`);
    await q.query(`CREATE INDEX decision_list_waiting_idx ON decision_list (waiting_role, waiting_body_id)`);
    await q.query(`CREATE INDEX decision_list_waiting_user_idx ON decision_list (waiting_user_id) WHERE waiting_user_id IS NOT NULL`);
    await q.query(`CREATE INDEX decision_list_reviewer_idx ON decision_list (reviewer_id) WHERE reviewer_id IS NOT NULL`);
  }

  async down(q: QueryRunner): Promise<void> {
    for (const i of ['province_updated', 'province_deadline', 'province_case', 'waiting', 'waiting_user', 'reviewer']) {
      await q.query(`DROP INDEX IF EXISTS decision_list_${i}_idx`);
    }
    await q.query(`ALTER TABLE decision_list DROP COLUMN case_number, DROP COLUMN document_number, DROP COLUMN search_text,
      DROP COLUMN deadline_id, DROP COLUMN deadline_due_on, DROP COLUMN waiting_role, DROP COLUMN waiting_body_id, DROP COLUMN waiting_user_id`);
  }
}
