import type { MigrationInterface, QueryRunner } from 'typeorm';
import { CalendarEntrySources1732402220000 } from './1732402220000-calendar-entry-sources.js';

/** Official yearly schedules of days off loaded by admins; they override the built-in ones. */
export class CalendarYears1732400200000 implements MigrationInterface {
  name = 'CalendarYears1732400200000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`CREATE TABLE calendar_years (
      year int PRIMARY KEY,
      source text NOT NULL,
      days_off date[] NOT NULL,
      make_up_working_days date[] NOT NULL,
      notes text,
      updated_by text NOT NULL,
      updated_at timestamptz NOT NULL DEFAULT now())`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE calendar_years`);
  }
}

export const CALENDAR_MIGRATIONS = [CalendarYears1732400200000, CalendarEntrySources1732402220000];
