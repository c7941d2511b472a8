/**
 * Statutory public holidays (ngày nghỉ lễ, tết), Labour Code 2019 (Bộ luật Lao động số 45/2019/QH14)
 * Art. 112, and the default rules used for a year whose official schedule is not loaded.
 */
import { addDays, dayNumber, isoDate, isWeekend, viDate, weekday, weekdayName, type IsoDate, type Text } from './dates.js';
import { lunarToSolar, solarToLunar } from './lunar.js';

export type HolidayId = 'new-year' | 'tet' | 'hung-kings' | 'reunification' | 'labour' | 'national-day';

export const HOLIDAY_NAMES: Record<HolidayId, Text> = {
  'new-year': { vi: 'Tết Dương lịch', en: "New Year's Day" },
  tet: { vi: 'Tết Nguyên đán', en: 'Lunar New Year' },
  'hung-kings': { vi: 'Giỗ Tổ Hùng Vương', en: 'Hung Kings Commemoration Day' },
  reunification: { vi: 'Ngày Chiến thắng 30/4', en: 'Reunification Day (30 April)' },
  labour: { vi: 'Ngày Quốc tế Lao động 1/5', en: "International Workers' Day (1 May)" },
  'national-day': { vi: 'Quốc khánh 2/9', en: 'National Day (2 September)' },
};

export interface Holiday {
  date: IsoDate;
  id: HolidayId;
  name: Text;
}

export const LABOUR_CODE_SOURCE = 'Bộ luật Lao động 2019, Điều 112; Nghị định 145/2020/NĐ-CP';

/** The last day of the lunar year before Tết of `year` (29 or 30 tháng Chạp). */
export function lunarNewYearsEve(year: number): IsoDate {
  return addDays(lunarToSolar(year, 1, 1), -1);
}

/** Giỗ Tổ Hùng Vương: 10th day of the 3rd lunar month. */
export function hungKingsDay(year: number): IsoDate {
  return lunarToSolar(year, 3, 10);
}

/**
 * The day next to 2/9 that a default schedule takes (the Prime Minister picks 1/9 or 3/9 each year):
 * the one that joins a weekend (Monday 1/9 or Friday 3/9), else 1/9 if it is a weekday, else 3/9.
 */
export function defaultNationalDayAdjacent(year: number): IsoDate {
  const first = isoDate(year, 9, 1);
  const third = isoDate(year, 9, 3);
  if (weekday(first) === 1) return first;
  if (weekday(third) === 5) return third;
  return isWeekend(first) ? third : first;
}

/**
 * The statutory holidays of a Gregorian year by the default rules: 1/1; Tết (the last day of the lunar
 * year and the 1st–4th of the 1st lunar month); 10/3 lunar; 30/4; 1/5; 2/9 and one adjacent day.
 * Sorted by date.
 */
export function statutoryHolidays(year: number): Holiday[] {
  const h = (date: IsoDate, id: HolidayId): Holiday => ({ date, id, name: HOLIDAY_NAMES[id] });
  const eve = lunarNewYearsEve(year);
  const list: Holiday[] = [
    h(isoDate(year, 1, 1), 'new-year'),
    ...[0, 1, 2, 3, 4].map((i) => h(addDays(eve, i), 'tet')),
    h(hungKingsDay(year), 'hung-kings'),
    h(isoDate(year, 4, 30), 'reunification'),
    h(isoDate(year, 5, 1), 'labour'),
    h(defaultNationalDayAdjacent(year), 'national-day'),
    h(isoDate(year, 9, 2), 'national-day'),
  ];
  return list.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** One day off in a year's schedule, with why. */
export interface DayOff {
  date: IsoDate;
  reason: Text;
  /** The holiday it belongs to, when there is one. */
  holiday?: HolidayId;
  /** holiday: the holiday itself; day-off: a compensatory (nghỉ bù) or swapped (hoán đổi) day. */
  kind: 'holiday' | 'day-off';
}

/**
 * The default schedule of a year with no official one: every statutory holiday, and for each holiday
 * that falls on a Saturday or Sunday a compensatory day off (nghỉ bù) on the next working day
 * (Labour Code Art. 111.3 / 112.3). Returns the days off that are weekdays (weekends are off anyway).
 */
export function statutoryDaysOff(year: number): DayOff[] {
  const holidays = statutoryHolidays(year);
  const taken = new Set(holidays.map((x) => x.date));
  const out: DayOff[] = [];
  for (const x of holidays) {
    if (!isWeekend(x.date)) {
      out.push({ date: x.date, reason: x.name, holiday: x.id, kind: 'holiday' });
      continue;
    }
    let d = addDays(x.date, 1);
    while (isWeekend(d) || taken.has(d)) d = addDays(d, 1);
    taken.add(d);
    const wd = weekdayName(x.date);
    out.push({
      date: d,
      holiday: x.id,
      kind: 'day-off',
      reason: {
        vi: `Nghỉ bù ${x.name.vi} (ngày ${viDate(x.date)} trùng ${wd.vi})`,
        en: `Compensatory day off: ${x.name.en} fell on ${wd.en} ${x.date}`,
      },
    });
  }
  return out.sort((a, b) => (a.date < b.date ? -1 : a.date > b.date ? 1 : 0));
}

/** Tết season: from the 23rd of the 12th lunar month (ông Công ông Táo) to the 10th of the 1st. */
function inTetSeason(date: IsoDate): boolean {
  const l = solarToLunar(date);
  return (l.month === 12 && !l.leap && l.day >= 23) || (l.month === 1 && !l.leap && l.day <= 10);
}

/**
 * The holiday a date is, by the statutory rules, or undefined; the Tết season (23 tháng Chạp to
 * mùng 10) counts as Tết. With `bothNationalDayNeighbours`, 1/9 and 3/9 count as National Day too
 * (used to name the days off of an official schedule, which picks one of them).
 */
export function holidayOn(date: IsoDate, options: { bothNationalDayNeighbours?: boolean } = {}): Holiday | undefined {
  const year = Number(date.slice(0, 4));
  const md = date.slice(5);
  const h = (id: HolidayId): Holiday => ({ date, id, name: HOLIDAY_NAMES[id] });
  if (md === '01-01') return h('new-year');
  if (md === '04-30') return h('reunification');
  if (md === '05-01') return h('labour');
  if (md === '09-02' || (options.bothNationalDayNeighbours && (md === '09-01' || md === '09-03'))) return h('national-day');
  if (date === hungKingsDay(year)) return h('hung-kings');
  if (md < '03-05' && inTetSeason(date)) return h('tet');
  return undefined;
}

/**
 * Why a weekday is off in an official schedule: the holiday itself; or, next to the nearest holiday
 * within a week, a compensatory day (nghỉ bù, when that holiday fell on a weekend before it) or a
 * swapped day (hoán đổi); or just "by the official schedule".
 */
export function classifyDayOff(date: IsoDate): DayOff {
  const year = Number(date.slice(0, 4));
  const own = holidayOn(date, { bothNationalDayNeighbours: true });
  if (own) return { date, reason: own.name, holiday: own.id, kind: 'holiday' };
  const n = dayNumber(date);
  let best: Holiday | undefined;
  let bestDistance = Infinity;
  for (const y of [year - 1, year, year + 1]) {
    if (y < 1800 || y > 2199) continue;
    for (const x of statutoryHolidays(y)) {
      const distance = Math.abs(dayNumber(x.date) - n);
      if (distance < bestDistance) [best, bestDistance] = [x, distance];
    }
  }
  if (best && bestDistance <= 7) {
    if (isWeekend(best.date) && best.date < date) {
      const wd = weekdayName(best.date);
      return {
        date,
        holiday: best.id,
        kind: 'day-off',
        reason: {
          vi: `Nghỉ bù ${best.name.vi} (ngày ${viDate(best.date)} trùng ${wd.vi})`,
          en: `Compensatory day off: ${best.name.en} fell on ${wd.en} ${best.date}`,
        },
      };
    }
    return {
      date,
      holiday: best.id,
      kind: 'day-off',
      reason: {
        vi: `Ngày nghỉ hoán đổi dịp ${best.name.vi} (theo lịch nghỉ chính thức năm ${year})`,
        en: `Swapped day off around ${best.name.en} (official schedule for ${year})`,
      },
    };
  }
  return {
    date,
    kind: 'day-off',
    reason: { vi: `Ngày nghỉ theo lịch nghỉ chính thức năm ${year}`, en: `Day off in the official schedule for ${year}` },
  };
}
