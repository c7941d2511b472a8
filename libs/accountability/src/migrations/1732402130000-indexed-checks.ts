import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The indexes the accountability checks ask their questions through (CheckContextLoader, DueChecks), so
 * that a check reads what it is about and the daily pass finds the decisions a day can change, and the
 * record of the daily pass. Indexes only: no read model changes shape, nothing is rebuilt.
 */
export class IndexedChecks1732402130000 implements MigrationInterface {
  name = 'IndexedChecks1732402130000';

  async up(q: QueryRunner): Promise<void> {
    // Who else is given one of these powers (live delegations only: drafts and ended ones compete for nothing).
    await q.query(`CREATE INDEX IF NOT EXISTS decision_list_live_power_ids_idx ON decision_list USING gin (power_ids)
      WHERE stage NOT IN ('draft', 'rejected', 'withdrawn', 'revoked', 'expired')`);
    // A delegate's stages and reports by status and due day (delegate-capacity's 12 months).
    await q.query(`CREATE INDEX IF NOT EXISTS deadlines_record_idx ON deadlines (responsible_body_id, status, due_on) INCLUDE (kind)
      WHERE kind IN ('stage', 'report')`);
    // Validities that start or end on a day; ủy quyền periods that end; bodies that cease.
    await q.query(`CREATE INDEX IF NOT EXISTS power_holdings_valid_from_idx ON power_holdings (valid_from)`);
    await q.query(`CREATE INDEX IF NOT EXISTS power_holdings_valid_to_idx ON power_holdings (valid_to) WHERE valid_to IS NOT NULL`);
    await q.query(`CREATE INDEX IF NOT EXISTS decision_list_issued_period_to_idx ON decision_list (period_to)
      WHERE stage = 'issued' AND kind = 'uy-quyen'`);
    await q.query(`CREATE INDEX IF NOT EXISTS bodies_ended_on_idx ON bodies (ended_on) WHERE ended_on IS NOT NULL`);
    // The last day the daily pass checked, and the digest of what the checks read besides the log.
    await q.query(`CREATE TABLE IF NOT EXISTS check_passes (
      name text PRIMARY KEY, last_day date NOT NULL, digest text NOT NULL, passed_at timestamptz NOT NULL)`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS check_passes`);
    for (const i of ['bodies_ended_on_idx', 'decision_list_issued_period_to_idx', 'power_holdings_valid_to_idx', 'power_holdings_valid_from_idx', 'deadlines_record_idx', 'decision_list_live_power_ids_idx']) {
      await q.query(`DROP INDEX IF EXISTS ${i}`);
    }
  }
}
