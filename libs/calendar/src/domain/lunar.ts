/**
 * The Vietnamese lunisolar calendar (âm lịch), computed astronomically for UTC+7.
 *
 * Method (Hồ Ngọc Đức, "Thuật toán tính âm lịch"; written here from the published description):
 * - a lunar month starts on the civil day (at the given time zone) that contains a new moon;
 * - month 11 is the month that contains the winter solstice (major solar term, sun at 270°);
 * - a lunar year with 13 months (between two months 11 there are 13 new moons) repeats the first
 *   month after month 11 that contains no major solar term (trung khí): that month is the leap month.
 * New moons and the sun's longitude use the truncated series of Jean Meeus, "Astronomical Algorithms"
 * (1998), which is the accuracy the published Vietnamese calendars use; valid roughly 1800–2199.
 *
 * Vietnam has used UTC+7 since 1968 (UTC+8 before); China computes at UTC+8, which is why the two
 * calendars differ in some years (e.g. Tết 1985: 21/1 in Vietnam, 20/2 in China). The `timeZone`
 * parameter exists so that this difference can be shown; the default is Vietnam's UTC+7.
 */
import { dayNumber, fromDayNumber, type IsoDate } from './dates.js';

export interface LunarDate {
  /** The lunar year (the year that its month 1 day 1, Tết, starts). */
  year: number;
  /** 1..12 */
  month: number;
  /** 1..30 */
  day: number;
  /** True for the repeated (leap, nhuận) month. */
  leap: boolean;
}

export const VIETNAM_TIME_ZONE = 7;

const JDN_UNIX_EPOCH = 2440588; // Julian Day Number of 1970-01-01
const SYNODIC_MONTH = 29.530588853;
const NEW_MOON_EPOCH = 2415021.076998695; // the new moon of 1900-01-01, Julian Day (k = 0)
const RAD = Math.PI / 180;

const jdnOf = (date: IsoDate) => dayNumber(date) + JDN_UNIX_EPOCH;
const dateOfJdn = (jdn: number) => fromDayNumber(jdn - JDN_UNIX_EPOCH);

/** Julian Day (Terrestrial → Universal time corrected) of the k-th new moon after 1900-01-01. */
function newMoonJd(k: number): number {
  const t = k / 1236.85; // Julian centuries since 1900-01-01
  const t2 = t * t;
  const t3 = t2 * t;
  const sin = (deg: number) => Math.sin(deg * RAD);
  let jd = 2415020.75933 + 29.53058868 * k + 0.0001178 * t2 - 0.000000155 * t3;
  jd += 0.00033 * sin(166.56 + 132.87 * t - 0.009173 * t2);
  const m = 359.2242 + 29.10535608 * k - 0.0000333 * t2 - 0.00000347 * t3; // sun's mean anomaly
  const mp = 306.0253 + 385.81691806 * k + 0.0107306 * t2 + 0.00001236 * t3; // moon's mean anomaly
  const f = 21.2964 + 390.67050646 * k - 0.0016528 * t2 - 0.00000239 * t3; // moon's argument of latitude
  const correction =
    (0.1734 - 0.000393 * t) * sin(m) +
    0.0021 * sin(2 * m) -
    0.4068 * sin(mp) +
    0.0161 * sin(2 * mp) -
    0.0004 * sin(3 * mp) +
    0.0104 * sin(2 * f) -
    0.0051 * sin(m + mp) -
    0.0074 * sin(m - mp) +
    0.0004 * sin(2 * f + m) -
    0.0004 * sin(2 * f - m) -
    0.0006 * sin(2 * f + mp) +
    0.001 * sin(2 * f - mp) +
    0.0005 * sin(m + 2 * mp);
  const deltaT =
    t < -11
      ? 0.001 + 0.000839 * t + 0.0002261 * t2 - 0.00000845 * t3 - 0.000000081 * t * t3
      : -0.000278 + 0.000265 * t + 0.000262 * t2;
  return jd + correction - deltaT;
}

/** The Julian Day Number of the civil day (at `tz`) containing the k-th new moon. */
function newMoonDay(k: number, tz: number): number {
  return Math.floor(newMoonJd(k) + 0.5 + tz / 24);
}

/** The sun's apparent longitude in radians, 0..2π, at Julian Day `jd` (UT). */
function sunLongitude(jd: number): number {
  const t = (jd - 2451545.0) / 36525; // Julian centuries since J2000.0
  const t2 = t * t;
  const m = 357.5291 + 35999.0503 * t - 0.0001559 * t2 - 0.00000048 * t * t2; // mean anomaly
  const l0 = 280.46645 + 36000.76983 * t + 0.0003032 * t2; // mean longitude
  const c =
    (1.9146 - 0.004817 * t - 0.000014 * t2) * Math.sin(m * RAD) +
    (0.019993 - 0.000101 * t) * Math.sin(2 * m * RAD) +
    0.00029 * Math.sin(3 * m * RAD); // equation of centre
  const l = (l0 + c) * RAD;
  return l - 2 * Math.PI * Math.floor(l / (2 * Math.PI));
}

/** Which of the 12 thirty-degree sectors (0..11) the sun is in at the start of civil day `jdn` at `tz`. */
function solarSector(jdn: number, tz: number): number {
  return Math.floor((sunLongitude(jdn - 0.5 - tz / 24) / Math.PI) * 6);
}

/** The first day (JDN) of lunar month 11 of the lunar year that ends in Gregorian year `year`. */
function month11Start(year: number, tz: number): number {
  const offset = jdnOf(`${String(year).padStart(4, '0')}-12-31`) - 2415021;
  const k = Math.floor(offset / SYNODIC_MONTH);
  const start = newMoonDay(k, tz);
  // If the sun has already passed 270° (sector 9) when that month starts, month 11 is the one before.
  return solarSector(start, tz) >= 9 ? newMoonDay(k - 1, tz) : start;
}

/** Index (1..) after month 11 of the first month without a major solar term: the leap month. */
function leapMonthOffset(a11: number, tz: number): number {
  const k = Math.floor((a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  let i = 1;
  let sector = solarSector(newMoonDay(k + i, tz), tz);
  let previous: number;
  do {
    previous = sector;
    i++;
    sector = solarSector(newMoonDay(k + i, tz), tz);
  } while (sector !== previous && i < 14);
  return i - 1;
}

function checkYear(year: number): void {
  if (!Number.isInteger(year) || year < 1800 || year > 2199) {
    throw new RangeError(`The lunar calendar is computed for 1800–2199 only, not ${year}`);
  }
}

/** The lunar date of a civil date (Vietnamese calendar by default: UTC+7). */
export function solarToLunar(date: IsoDate, timeZone: number = VIETNAM_TIME_ZONE): LunarDate {
  const jdn = jdnOf(date);
  const gYear = Number(date.slice(0, 4));
  checkYear(gYear);
  const k = Math.floor((jdn - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  let monthStart = newMoonDay(k + 1, timeZone);
  if (monthStart > jdn) monthStart = newMoonDay(k, timeZone);
  let a11 = month11Start(gYear, timeZone);
  let b11: number;
  let year: number;
  if (a11 >= monthStart) {
    year = gYear;
    b11 = a11;
    a11 = month11Start(gYear - 1, timeZone);
  } else {
    year = gYear + 1;
    b11 = month11Start(gYear + 1, timeZone);
  }
  const day = jdn - monthStart + 1;
  const diff = Math.floor((monthStart - a11) / 29);
  let leap = false;
  let month = diff + 11;
  if (b11 - a11 > 365) {
    const leapDiff = leapMonthOffset(a11, timeZone);
    if (diff >= leapDiff) {
      month = diff + 10;
      leap = diff === leapDiff;
    }
  }
  if (month > 12) month -= 12;
  if (month >= 11 && diff < 4) year -= 1;
  return { year, month, day, leap };
}

/** The leap month (1..12) of a lunar year, or 0 when it has none. */
export function leapMonthOf(lunarYear: number, timeZone: number = VIETNAM_TIME_ZONE): number {
  checkYear(lunarYear);
  const a11 = month11Start(lunarYear - 1, timeZone);
  const b11 = month11Start(lunarYear, timeZone);
  if (b11 - a11 <= 365) return 0;
  let leapMonth = leapMonthOffset(a11, timeZone) - 2;
  if (leapMonth <= 0) leapMonth += 12;
  return leapMonth;
}

function monthStartJdn(year: number, month: number, leap: boolean, tz: number): number {
  const [a11, b11] =
    month < 11 ? [month11Start(year - 1, tz), month11Start(year, tz)] : [month11Start(year, tz), month11Start(year + 1, tz)];
  let offset = month - 11;
  if (offset < 0) offset += 12;
  if (b11 - a11 > 365) {
    const leapOffset = leapMonthOffset(a11, tz);
    let leapMonth = leapOffset - 2;
    if (leapMonth < 0) leapMonth += 12;
    if (leap && month !== leapMonth) {
      throw new RangeError(`Lunar year ${year} has no leap month ${month}`);
    }
    if (leap || offset >= leapOffset) offset += 1;
  } else if (leap) {
    throw new RangeError(`Lunar year ${year} has no leap month`);
  }
  const k = Math.floor(0.5 + (a11 - NEW_MOON_EPOCH) / SYNODIC_MONTH);
  return newMoonDay(k + offset, tz);
}

/** Number of days (29 or 30) of a lunar month. */
export function lunarMonthLength(year: number, month: number, leap = false, timeZone: number = VIETNAM_TIME_ZONE): number {
  checkYear(year);
  const start = monthStartJdn(year, month, leap, timeZone);
  const k = Math.floor((start - NEW_MOON_EPOCH) / SYNODIC_MONTH + 0.5);
  // The next new moon after `start` begins the next month.
  for (const candidate of [k, k + 1, k + 2]) {
    const next = newMoonDay(candidate, timeZone);
    if (next > start + 1) return next - start;
  }
  throw new Error('unreachable');
}

/** The civil date of a lunar date (Vietnamese calendar by default: UTC+7). */
export function lunarToSolar(year: number, month: number, day: number, leap = false, timeZone: number = VIETNAM_TIME_ZONE): IsoDate {
  checkYear(year);
  if (!Number.isInteger(month) || month < 1 || month > 12) throw new RangeError(`Lunar month must be 1..12, not ${month}`);
  if (!Number.isInteger(day) || day < 1 || day > 30) throw new RangeError(`Lunar day must be 1..30, not ${day}`);
  const start = monthStartJdn(year, month, leap, timeZone);
  if (day > lunarMonthLength(year, month, leap, timeZone)) {
    throw new RangeError(`Lunar month ${month}${leap ? ' (leap)' : ''} of ${year} has no day ${day}`);
  }
  return dateOfJdn(start + day - 1);
}

/** Tết Nguyên đán (1st day of the 1st lunar month) of a lunar year. */
export function tet(lunarYear: number, timeZone: number = VIETNAM_TIME_ZONE): IsoDate {
  return lunarToSolar(lunarYear, 1, 1, false, timeZone);
}
