import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { BUILT_IN_SCHEDULES, type YearSchedule } from '../domain/schedules.js';
import { validateYearSchedule, WorkingCalendar } from '../domain/working-calendar.js';
import { problems } from '@app/kernel';

/** A row of `calendar_years`, dates as `YYYY-MM-DD`. */
export interface LoadedYear extends YearSchedule {
  updatedBy: string;
  updatedAt: string;
}

export interface YearListing {
  year: number;
  source: string;
  /** Shipped with the application (schedules.ts). */
  builtIn: boolean;
  /** Loaded by an admin into `calendar_years` (it overrides a built-in schedule). */
  loaded: boolean;
  daysOff: number;
  makeUpWorkingDays: number;
  updatedBy?: string;
  updatedAt?: string;
}

/** Rows older than this are re-read, so that a schedule saved through another instance shows up. */
const CACHE_TTL_MS = 60_000;

const SELECT_YEARS = `SELECT year, source, notes, updated_by, updated_at, entry_sources,
    ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(days_off) AS d ORDER BY d) AS days_off,
    ARRAY(SELECT to_char(d, 'YYYY-MM-DD') FROM unnest(make_up_working_days) AS d ORDER BY d) AS make_up_working_days
  FROM calendar_years`;

interface Row {
  year: number;
  source: string;
  notes: string | null;
  updated_by: string;
  updated_at: Date | string;
  days_off: string[];
  make_up_working_days: string[];
  entry_sources: Record<string, string> | null;
}

const toLoaded = (r: Row): LoadedYear => ({
  year: Number(r.year),
  source: r.source,
  daysOff: r.days_off,
  makeUpWorkingDays: r.make_up_working_days,
  ...(r.entry_sources && Object.keys(r.entry_sources).length ? { entrySources: r.entry_sources } : {}),
  ...(r.notes ? { notes: r.notes } : {}),
  updatedBy: r.updated_by,
  updatedAt: new Date(r.updated_at).toISOString(),
});

@Injectable()
export class CalendarService {
  private readonly logger = new Logger(CalendarService.name);
  private cached?: { at: number; calendar: Promise<WorkingCalendar> };

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The working-day calendar: the built-in schedules, overridden by the years loaded by admins. */
  calendar(): Promise<WorkingCalendar> {
    const now = Date.now();
    if (!this.cached || now - this.cached.at > CACHE_TTL_MS) {
      const calendar = this.build();
      this.cached = { at: now, calendar };
      calendar.catch(() => {
        if (this.cached?.calendar === calendar) this.cached = undefined;
      });
    }
    return this.cached.calendar;
  }

  /** Forgets the cached calendar: the next call reads the loaded years again (as after CACHE_TTL_MS). */
  invalidate(): void {
    this.cached = undefined;
  }

  async loadedYears(): Promise<LoadedYear[]> {
    const rows: Row[] = await this.db.query(`${SELECT_YEARS} ORDER BY year`);
    return rows.map(toLoaded);
  }

  async loadedYear(year: number): Promise<LoadedYear | undefined> {
    const rows: Row[] = await this.db.query(`${SELECT_YEARS} WHERE year = $1`, [year]);
    return rows[0] && toLoaded(rows[0]);
  }

  /** Built-in and loaded years, marking which. */
  async listYears(): Promise<YearListing[]> {
    const loaded = new Map((await this.loadedYears()).map((y) => [y.year, y]));
    const builtIn = new Map(BUILT_IN_SCHEDULES.map((s) => [s.year, s]));
    const years = [...new Set([...builtIn.keys(), ...loaded.keys()])].sort((a, b) => a - b);
    return years.map((year) => {
      const l = loaded.get(year);
      const s = l ?? builtIn.get(year)!;
      return {
        year,
        source: s.source,
        builtIn: builtIn.has(year),
        loaded: !!l,
        daysOff: s.daysOff.length,
        makeUpWorkingDays: s.makeUpWorkingDays.length,
        ...(l ? { updatedBy: l.updatedBy, updatedAt: l.updatedAt } : {}),
      };
    });
  }

  /** Stores (or replaces) a year's official schedule; a broken rule is a 400 naming the field. */
  async saveYear(schedule: YearSchedule, userId: string): Promise<LoadedYear> {
    const clean: YearSchedule = {
      year: schedule.year,
      source: schedule.source.normalize('NFC').trim(),
      daysOff: [...new Set(schedule.daysOff)].sort(),
      makeUpWorkingDays: [...new Set(schedule.makeUpWorkingDays)].sort(),
      ...(schedule.entrySources && Object.keys(schedule.entrySources).length
        ? { entrySources: Object.fromEntries(Object.entries(schedule.entrySources).map(([d, doc]) => [d, typeof doc === 'string' ? doc.normalize('NFC').trim() : doc])) }
        : {}),
      ...(schedule.notes?.trim() ? { notes: schedule.notes.normalize('NFC').trim() } : {}),
    };
    const errors = validateYearSchedule({ ...schedule, source: clean.source, entrySources: clean.entrySources });
    if (errors.length > 0) throw problems.validation(errors);
    await this.db.query(
      `INSERT INTO calendar_years (year, source, days_off, make_up_working_days, entry_sources, notes, updated_by, updated_at)
       VALUES ($1, $2, $3::date[], $4::date[], $5::jsonb, $6, $7, now())
       ON CONFLICT (year) DO UPDATE SET source = EXCLUDED.source, days_off = EXCLUDED.days_off,
         make_up_working_days = EXCLUDED.make_up_working_days, entry_sources = EXCLUDED.entry_sources, notes = EXCLUDED.notes,
         updated_by = EXCLUDED.updated_by, updated_at = EXCLUDED.updated_at`,
      [clean.year, clean.source, clean.daysOff, clean.makeUpWorkingDays, JSON.stringify(clean.entrySources ?? {}), clean.notes ?? null, userId],
    );
    this.cached = undefined;
    return (await this.loadedYear(clean.year))!;
  }

  private async build(): Promise<WorkingCalendar> {
    const loaded = (await this.loadedYears()).filter((y) => {
      const errors = validateYearSchedule(y);
      // Rows are validated on save; one written around the API must not take the calendar down.
      if (errors.length > 0) this.logger.error(`calendar_years ${y.year} ignored: ${errors.map((e) => `${e.field} ${e.reason.en}`).join('; ')}`);
      return errors.length === 0;
    });
    return new WorkingCalendar([...BUILT_IN_SCHEDULES, ...loaded]);
  }
}
