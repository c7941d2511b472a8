/**
 * Working days (ngày làm việc) for counting time limits: Monday–Friday, minus the days off of the
 * year's official schedule (or, without one, the statutory holidays and their compensatory days),
 * plus the Saturdays worked in exchange (ngày làm bù).
 *
 * Periods follow the Civil Code 2015 Art. 147–148: the day the period starts from is not counted;
 * a period ending on a day off ends at the end of the next working day (so counting only working days
 * always ends on one).
 */
import {
  dayNumber, fromDayNumber, isIsoDate, isWeekend, viDate, weekdayName, yearOf, type IsoDate, type Text,
} from './dates.js';
import {
  classifyDayOff, LABOUR_CODE_SOURCE, statutoryDaysOff, statutoryHolidays, type DayOff, type HolidayId,
} from './holidays.js';
import type { YearSchedule } from './schedules.js';

export type DayCategory = 'working' | 'make-up' | 'weekend' | 'holiday' | 'day-off';

export interface DayKind {
  working: boolean;
  reason: Text;
  /** working: an ordinary weekday; make-up: a weekend day worked (làm bù); weekend; holiday: a statutory
   * holiday itself; day-off: a compensatory, swapped or otherwise announced day off. */
  kind: DayCategory;
  holiday?: HolidayId;
}

export interface DeadlineStep {
  date: IsoDate;
  counted: boolean;
  reason: Text;
}

export interface Deadline {
  from: IsoDate;
  workingDays: number;
  due: IsoDate;
  /** Every day after `from` up to `due`, whether it counted, and why (not). */
  explanation: DeadlineStep[];
  summary: Text;
}

/** A field of a schedule that breaks the rules, in the shape of the API's field errors. */
export interface ScheduleProblem {
  field: string;
  constraint: string;
  reason: Text;
}

/** How a year's calendar was obtained. */
export interface YearInfo {
  year: number;
  /** official: an announced schedule; statutory: computed from the Labour Code rules. */
  basis: 'official' | 'statutory';
  source: string;
  daysOff: DayOff[];
  makeUpWorkingDays: IsoDate[];
  /** The document each day off and make-up day of an official year comes from. */
  sourceOf: Record<IsoDate, string>;
  notes?: string;
}

export const MIN_YEAR = 1900;
export const MAX_YEAR = 2199;

/**
 * The rules a year's schedule must keep: a whole year in range; real dates within that year, no
 * duplicates; days off are weekdays; make-up working days are Saturdays or Sundays.
 */
export function validateYearSchedule(s: YearSchedule): ScheduleProblem[] {
  const problems: ScheduleProblem[] = [];
  if (!Number.isInteger(s.year) || s.year < MIN_YEAR || s.year > MAX_YEAR) {
    problems.push({
      field: 'year',
      constraint: 'yearRange',
      reason: { vi: `năm phải từ ${MIN_YEAR} đến ${MAX_YEAR}`, en: `year must be between ${MIN_YEAR} and ${MAX_YEAR}` },
    });
  }
  if (typeof s.source !== 'string' || s.source.trim() === '') {
    problems.push({ field: 'source', constraint: 'isNotEmpty', reason: { vi: 'phải ghi văn bản nguồn', en: 'the source document is required' } });
  }
  const seen = new Set<string>();
  const check = (list: unknown, field: 'daysOff' | 'makeUpWorkingDays') => {
    if (!Array.isArray(list)) {
      problems.push({ field, constraint: 'isArray', reason: { vi: 'phải là một mảng', en: 'must be an array' } });
      return;
    }
    list.forEach((d: unknown, i) => {
      const f = `${field}[${i}]`;
      if (!isIsoDate(d)) {
        problems.push({ field: f, constraint: 'isLocalDate', reason: { vi: 'phải là ngày hợp lệ theo định dạng YYYY-MM-DD', en: 'must be a real date written YYYY-MM-DD' } });
        return;
      }
      if (yearOf(d) !== s.year) {
        problems.push({ field: f, constraint: 'sameYear', reason: { vi: `ngày ${viDate(d)} không thuộc năm ${s.year}`, en: `${d} is not in ${s.year}` } });
      }
      if (seen.has(d)) {
        problems.push({ field: f, constraint: 'unique', reason: { vi: `ngày ${viDate(d)} bị lặp`, en: `${d} is listed twice` } });
      }
      seen.add(d);
      const wd = weekdayName(d);
      if (field === 'daysOff' && isWeekend(d)) {
        problems.push({
          field: f,
          constraint: 'notWeekend',
          reason: { vi: `ngày ${viDate(d)} là ${wd.vi}, vốn đã là ngày nghỉ hằng tuần`, en: `${d} is a ${wd.en}, already a weekly day off` },
        });
      }
      if (field === 'makeUpWorkingDays' && !isWeekend(d)) {
        problems.push({
          field: f,
          constraint: 'isWeekend',
          reason: { vi: `ngày làm bù phải là Thứ Bảy hoặc Chủ nhật; ${viDate(d)} là ${wd.vi}`, en: `a make-up working day must be a Saturday or Sunday; ${d} is a ${wd.en}` },
        });
      }
    });
  };
  check(s.daysOff, 'daysOff');
  check(s.makeUpWorkingDays, 'makeUpWorkingDays');
  if (s.entrySources !== undefined) {
    if (typeof s.entrySources !== 'object' || s.entrySources === null || Array.isArray(s.entrySources)) {
      problems.push({ field: 'entrySources', constraint: 'isObject', reason: { vi: 'phải là một đối tượng { ngày: văn bản }', en: 'must be an object { date: document }' } });
    } else {
      for (const [d, doc] of Object.entries(s.entrySources)) {
        const f = `entrySources.${d}`;
        if (!seen.has(d)) {
          problems.push({ field: f, constraint: 'listedDay', reason: { vi: `ngày ${d} không có trong daysOff hay makeUpWorkingDays`, en: `${d} is listed in neither daysOff nor makeUpWorkingDays` } });
        }
        if (typeof doc !== 'string' || doc.trim() === '' || doc.length > 500) {
          problems.push({ field: f, constraint: 'isDocument', reason: { vi: 'phải ghi văn bản (1–500 ký tự)', en: 'must name the document (1–500 characters)' } });
        }
      }
    }
  }
  return problems;
}

interface Year {
  info: YearInfo;
  off: Map<IsoDate, DayOff>;
  makeUp: Set<IsoDate>;
  /** Statutory holiday dates (by the default rules, or as the schedule chose), for naming weekends. */
  holidays: Map<IsoDate, { name: Text; id: HolidayId }>;
}

const WORKING: Text = { vi: 'Ngày làm việc', en: 'Working day' };

export class WorkingCalendar {
  private readonly schedules = new Map<number, YearSchedule>();
  private readonly years = new Map<number, Year>();
  private readonly workingDays = new Map<number, boolean>();

  /** Later schedules for the same year replace earlier ones (built-in data first, then loaded rows). */
  constructor(schedules: readonly YearSchedule[] = []) {
    for (const s of schedules) {
      const problems = validateYearSchedule(s);
      if (problems.length > 0) {
        throw new RangeError(`Invalid schedule for ${s.year}: ${problems.map((p) => `${p.field}: ${p.reason.en}`).join('; ')}`);
      }
      this.schedules.set(s.year, s);
    }
  }

  /** The years that have an official schedule. */
  officialYears(): number[] {
    return [...this.schedules.keys()].sort((a, b) => a - b);
  }

  /**
   * The years from `from` to `to` (inclusive) with no official schedule yet: working days counted in
   * them follow the Labour Code's default rules and may move once the year's schedule is announced.
   */
  unannouncedYears(from: IsoDate, to: IsoDate): number[] {
    const out: number[] = [];
    for (let y = yearOf(from); y <= yearOf(to); y++) if (!this.schedules.has(y)) out.push(y);
    return out;
  }

  /** A year's days off with their reasons, official or computed from the statutory rules. */
  year(year: number): YearInfo {
    return this.load(year).info;
  }

  isWorkingDay(date: IsoDate): boolean {
    return this.isWorkingDayNumber(dayNumber(date));
  }

  /** The day `n` working days after `from` (as addWorkingDays, without explaining each day). */
  dueAfter(from: IsoDate, n: number): IsoDate {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`The number of working days must be an integer ≥ 0, not ${n}`);
    let day = dayNumber(from);
    for (let counted = 0; counted < n; ) if (this.isWorkingDayNumber(++day)) counted++;
    return fromDayNumber(day);
  }

  /** The working day `n` working days before `date` (the day a reminder goes out); `n = 0` gives `date`. */
  workingDaysBefore(date: IsoDate, n: number): IsoDate {
    let day = dayNumber(date);
    for (let left = n; left > 0; ) if (this.isWorkingDayNumber(--day)) left--;
    return fromDayNumber(day);
  }

  /**
   * Whether a day (days since 1970-01-01) is a working day, remembered per day: deadlines count days
   * by the thousand, and a date string per day counted cost more than the counting.
   */
  private isWorkingDayNumber(n: number): boolean {
    let working = this.workingDays.get(n);
    if (working === undefined) {
      const date = fromDayNumber(n);
      const y = this.load(yearOf(date));
      working = y.makeUp.has(date) || (!y.off.has(date) && !isWeekend(date));
      this.workingDays.set(n, working);
    }
    return working;
  }

  dayKind(date: IsoDate): DayKind {
    const y = this.load(yearOf(date));
    if (y.makeUp.has(date)) {
      const wd = weekdayName(date);
      return { working: true, kind: 'make-up', reason: { vi: `Ngày làm bù (${wd.vi})`, en: `Make-up working day (${wd.en})` } };
    }
    const off = y.off.get(date);
    if (off) return { working: false, kind: off.kind, reason: off.reason, ...(off.holiday ? { holiday: off.holiday } : {}) };
    if (isWeekend(date)) {
      const wd = weekdayName(date);
      const h = y.holidays.get(date);
      return h
        ? { working: false, kind: 'weekend', holiday: h.id, reason: { vi: `${wd.vi}, trùng ${h.name.vi}`, en: `${wd.en}, also ${h.name.en}` } }
        : { working: false, kind: 'weekend', reason: wd };
    }
    return { working: true, kind: 'working', reason: WORKING };
  }

  /**
   * The day `n` working days after `from` (the start day itself is not counted), with every day in
   * between explained. `n = 0` gives `from` itself.
   */
  addWorkingDays(from: IsoDate, n: number): Deadline {
    if (!Number.isInteger(n) || n < 0) throw new RangeError(`The number of working days must be an integer ≥ 0, not ${n}`);
    let day = dayNumber(from);
    const explanation: DeadlineStep[] = [];
    let counted = 0;
    while (counted < n) {
      day++;
      const date = fromDayNumber(day);
      const k = this.dayKind(date);
      if (k.working) counted++;
      explanation.push({
        date,
        counted: k.working,
        reason: k.working
          ? k.kind === 'make-up'
            ? { vi: `${k.reason.vi}: tính là ngày làm việc thứ ${counted}`, en: `${k.reason.en}: working day ${counted}` }
            : { vi: `Ngày làm việc thứ ${counted}`, en: `Working day ${counted}` }
          : k.reason,
      });
    }
    const due = fromDayNumber(day);
    const skipped = explanation.filter((s) => !s.counted);
    const weekends = skipped.filter((s) => isWeekend(s.date)).length;
    const holidays = skipped.length - weekends;
    const makeUps = explanation.filter((s) => s.counted && isWeekend(s.date)).length;
    const viParts = [`${weekends} ngày nghỉ cuối tuần`, `${holidays} ngày nghỉ lễ, tết, nghỉ bù`];
    const enParts = [`${weekends} weekend day(s)`, `${holidays} holiday(s) or day(s) off in lieu`];
    const viExtra = makeUps > 0 ? `; tính ${makeUps} ngày làm bù` : '';
    const enExtra = makeUps > 0 ? `; ${makeUps} make-up working day(s) counted` : '';
    return {
      from,
      workingDays: n,
      due,
      explanation,
      summary:
        n === 0
          ? { vi: `Thời hạn 0 ngày làm việc: hạn là chính ngày ${viDate(from)}.`, en: `A limit of 0 working days: due on ${from} itself.` }
          : {
              vi: `Hạn ${n} ngày làm việc kể từ ngày ${viDate(from)} (không tính ngày bắt đầu) là ${weekdayName(due).vi}, ngày ${viDate(due)}; bỏ qua ${viParts.join(' và ')}${viExtra}.`,
              en: `${n} working day(s) from ${from} (the start day not counted) end on ${weekdayName(due).en} ${due}; skipped ${enParts.join(' and ')}${enExtra}.`,
            },
    };
  }

  /**
   * Working days after `from` up to and including `to` (the start day not counted); negative when
   * `to` is before `from`.
   */
  workingDaysBetween(from: IsoDate, to: IsoDate): number {
    const a = dayNumber(from);
    const b = dayNumber(to);
    if (b < a) return -this.workingDaysBetween(to, from);
    let count = 0;
    for (let d = a + 1; d <= b; d++) if (this.isWorkingDayNumber(d)) count++;
    return count;
  }

  /** The first working day on or after `date` (Civil Code Art. 148: a period ending on a day off). */
  nextWorkingDayOnOrAfter(date: IsoDate): IsoDate {
    let d = dayNumber(date);
    while (!this.isWorkingDay(fromDayNumber(d))) d++;
    return fromDayNumber(d);
  }

  private load(year: number): Year {
    const cached = this.years.get(year);
    if (cached) return cached;
    if (!Number.isInteger(year) || year < MIN_YEAR || year > MAX_YEAR) {
      throw new RangeError(`The working calendar covers ${MIN_YEAR}–${MAX_YEAR}, not ${year}`);
    }
    const schedule = this.schedules.get(year);
    // Statutory holiday dates name the weekend days they fall on (the adjacent National Day a default
    // schedule picks is always a weekday, so the choice of an official schedule does not matter here).
    const holidays = new Map(statutoryHolidays(year).map((h) => [h.date, { name: h.name, id: h.id }]));
    let info: YearInfo;
    if (schedule) {
      info = {
        year,
        basis: 'official',
        source: schedule.source,
        daysOff: [...schedule.daysOff].sort().map(classifyDayOff),
        makeUpWorkingDays: [...schedule.makeUpWorkingDays].sort(),
        sourceOf: Object.fromEntries([...schedule.daysOff, ...schedule.makeUpWorkingDays].map((d) => [d, schedule.entrySources?.[d] ?? schedule.source])),
        ...(schedule.notes ? { notes: schedule.notes } : {}),
      };
    } else {
      info = {
        year,
        basis: 'statutory',
        source: LABOUR_CODE_SOURCE,
        daysOff: statutoryDaysOff(year),
        makeUpWorkingDays: [],
        sourceOf: {},
        notes: 'Tính theo quy tắc mặc định của Bộ luật Lao động (chưa có thông báo chính thức cho năm này).',
      };
    }
    const off = new Map(info.daysOff.map((d) => [d.date, d]));
    const y: Year = { info, off, makeUp: new Set(info.makeUpWorkingDays), holidays };
    this.years.set(year, y);
    return y;
  }
}
