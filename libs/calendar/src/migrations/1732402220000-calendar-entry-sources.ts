import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The document each listed day of a loaded year comes from, where it is not the year's own source. */
export class CalendarEntrySources1732402220000 implements MigrationInterface {
  name = 'CalendarEntrySources1732402220000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calendar_years ADD COLUMN entry_sources jsonb NOT NULL DEFAULT '{}'::jsonb`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`ALTER TABLE calendar_years DROP COLUMN entry_sources`);
  }
}
