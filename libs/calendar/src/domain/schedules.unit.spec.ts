import { describe, expect, it } from '@jest/globals';
import { BUILT_IN_SCHEDULES, WorkingCalendar } from '../index.js';

/**
 * The expected tables are written from the published announcements as whole breaks (first day to last
 * day, weekends included), independently of the data in schedules.ts, which lists weekdays only.
 */
const BREAKS: Record<number, { breaks: Array<[string, string]>; makeUp: string[] }> = {
  2024: {
    breaks: [
      ['2024-01-01', '2024-01-01'], // Tết Dương lịch (Monday)
      ['2024-02-08', '2024-02-14'], // Tết Giáp Thìn, 7 days
      ['2024-04-18', '2024-04-18'], // Giỗ Tổ (Thursday)
      ['2024-04-27', '2024-05-01'], // 30/4–1/5, 5 days
      ['2024-08-31', '2024-09-03'], // Quốc khánh, 4 days
    ],
    makeUp: ['2024-05-04'],
  },
  2025: {
    breaks: [
      ['2025-01-01', '2025-01-01'],
      ['2025-01-25', '2025-02-02'], // Tết Ất Tỵ, 9 days
      ['2025-04-05', '2025-04-07'], // Giỗ Tổ Monday 7/4, with the weekend before
      ['2025-04-30', '2025-05-04'], // 30/4–1/5, 5 days
      ['2025-08-30', '2025-09-02'], // Quốc khánh, 4 days
    ],
    makeUp: ['2025-04-26'],
  },
  2026: {
    breaks: [
      ['2026-01-01', '2026-01-04'], // Tết Dương lịch, Friday 2/1 swapped with Saturday 10/1
      ['2026-02-14', '2026-02-22'], // Tết Bính Ngọ, 9 days
      ['2026-04-25', '2026-04-27'], // Giỗ Tổ Sunday 26/4, compensated Monday 27/4
      ['2026-04-30', '2026-05-03'], // 30/4–1/5, 4 days
      ['2026-08-29', '2026-09-02'], // Quốc khánh, 5 days
    ],
    makeUp: ['2026-01-10', '2026-08-22'],
  },
};

function expectedTable(year: number): Map<string, boolean> {
  const { breaks, makeUp } = BREAKS[year];
  const table = new Map<string, boolean>();
  for (let t = Date.UTC(year, 0, 1); t < Date.UTC(year + 1, 0, 1); t += 86_400_000) {
    const d = new Date(t);
    const iso = d.toISOString().slice(0, 10);
    const weekend = d.getUTCDay() === 0 || d.getUTCDay() === 6;
    const inBreak = breaks.some(([a, b]) => iso >= a && iso <= b);
    table.set(iso, makeUp.includes(iso) || (!weekend && !inBreak));
  }
  return table;
}

describe('official schedules, day by day', () => {
  const calendar = new WorkingCalendar([...BUILT_IN_SCHEDULES]);

  for (const year of [2024, 2025, 2026]) {
    it(`${year}: every date of the year is working or not as published`, () => {
      const table = expectedTable(year);
      const actual = new Map([...table.keys()].map((d) => [d, calendar.isWorkingDay(d)]));
      const mismatches = [...table].filter(([d, w]) => actual.get(d) !== w).map(([d, w]) => `${d}: expected ${w ? 'working' : 'off'}`);
      expect(mismatches).toEqual([]);
      expect(table.size).toBe(year === 2024 ? 366 : 365);
    });
  }

  it('counts the working days of each year', () => {
    // 2024: 262 weekdays − 12 days off + 1 make-up Saturday; 2025: 261 − 12 + 1; 2026: 261 − 13 + 2.
    expect(calendar.workingDaysBetween('2023-12-31', '2024-12-31')).toBe(251);
    expect(calendar.workingDaysBetween('2024-12-31', '2025-12-31')).toBe(250);
    expect(calendar.workingDaysBetween('2025-12-31', '2026-12-31')).toBe(250);
  });

  it('names why a day is off or worked', () => {
    expect(calendar.dayKind('2025-04-26')).toMatchObject({ working: true, kind: 'make-up', reason: { vi: 'Ngày làm bù (Thứ Bảy)', en: 'Make-up working day (Saturday)' } });
    expect(calendar.dayKind('2026-08-22')).toMatchObject({ working: true, kind: 'make-up' });
    expect(calendar.dayKind('2026-02-17')).toMatchObject({ working: false, holiday: 'tet', reason: { vi: 'Tết Nguyên đán', en: 'Lunar New Year' } });
    expect(calendar.dayKind('2025-01-27')).toMatchObject({ working: false, holiday: 'tet' });
    expect(calendar.dayKind('2026-04-26')).toMatchObject({ working: false, kind: 'weekend', holiday: 'hung-kings', reason: { vi: 'Chủ nhật, trùng Giỗ Tổ Hùng Vương' } });
    expect(calendar.dayKind('2026-04-27')).toMatchObject({ working: false, kind: 'day-off', holiday: 'hung-kings' });
    expect(calendar.dayKind('2026-04-27').reason).toEqual({ vi: 'Nghỉ bù Giỗ Tổ Hùng Vương (ngày 26/04/2026 trùng Chủ nhật)', en: 'Compensatory day off: Hung Kings Commemoration Day fell on Sunday 2026-04-26' });
    expect(calendar.dayKind('2024-04-29').reason.vi).toBe('Ngày nghỉ hoán đổi dịp Ngày Chiến thắng 30/4 (theo lịch nghỉ chính thức năm 2024)');
    expect(calendar.dayKind('2025-05-02')).toMatchObject({ working: false, kind: 'day-off', holiday: 'labour' });
    expect(calendar.dayKind('2026-08-31')).toMatchObject({ working: false, kind: 'day-off', holiday: 'national-day' });
    expect(calendar.dayKind('2025-09-01')).toMatchObject({ working: false, kind: 'holiday', holiday: 'national-day' });
    expect(calendar.dayKind('2024-04-18')).toMatchObject({ working: false, kind: 'holiday', reason: { vi: 'Giỗ Tổ Hùng Vương' } });
    expect(calendar.dayKind('2025-03-08')).toEqual({ working: false, kind: 'weekend', reason: { vi: 'Thứ Bảy', en: 'Saturday' } });
    expect(calendar.dayKind('2025-03-10')).toEqual({ working: true, kind: 'working', reason: { vi: 'Ngày làm việc', en: 'Working day' } });
  });

  it('lets a loaded schedule replace a built-in one', () => {
    const replaced = new WorkingCalendar([
      ...BUILT_IN_SCHEDULES,
      { year: 2026, source: 'Thông báo thử nghiệm', daysOff: ['2026-03-02'], makeUpWorkingDays: ['2026-03-07'] },
    ]);
    expect(replaced.isWorkingDay('2026-03-02')).toBe(false);
    expect(replaced.isWorkingDay('2026-03-07')).toBe(true);
    expect(replaced.isWorkingDay('2026-01-02')).toBe(true); // the built-in swap is gone with the built-in year
    expect(replaced.isWorkingDay('2026-01-10')).toBe(false);
    expect(replaced.isWorkingDay('2026-02-17')).toBe(true); // the replacement lists no Tết: as loaded
    expect(replaced.year(2026).basis).toBe('official');
    expect(replaced.year(2027).basis).toBe('statutory');
  });
});
