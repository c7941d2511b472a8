import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BUILT_IN_SCHEDULES, statutoryDaysOff, validateYearSchedule, WorkingCalendar } from '../index.js';

const calendar = new WorkingCalendar([...BUILT_IN_SCHEDULES]);

describe('addWorkingDays', () => {
  it('skips Tết 2026: 10 working days from 10/2/2026 end on 3/3/2026', () => {
    const d = calendar.addWorkingDays('2026-02-10', 10);
    expect(d.due).toBe('2026-03-03');
    expect(d.explanation[0]).toEqual({ date: '2026-02-11', counted: true, reason: { vi: 'Ngày làm việc thứ 1', en: 'Working day 1' } });
    expect(d.explanation).toHaveLength(21); // every day from 11/2 to 3/3
    expect(d.explanation.filter((s) => !s.counted).map((s) => s.date)).toEqual([
      '2026-02-14', '2026-02-15', '2026-02-16', '2026-02-17', '2026-02-18', '2026-02-19', '2026-02-20',
      '2026-02-21', '2026-02-22', '2026-02-28', '2026-03-01',
    ]);
    expect(d.explanation.find((s) => s.date === '2026-02-17')?.reason).toEqual({ vi: 'Tết Nguyên đán', en: 'Lunar New Year' });
    expect(d.explanation.at(-1)).toMatchObject({ date: '2026-03-03', counted: true });
    expect(d.summary.vi).toContain('03/03/2026');
    expect(d.summary.vi).toContain('không tính ngày bắt đầu');
    expect(d.summary.en).toContain('skipped 6 weekend day(s) and 5 holiday(s)'); // 14,15,21,22,28/2,1/3; 16–20/2
  });

  it('counts a make-up Saturday (26/4/2025)', () => {
    const d = calendar.addWorkingDays('2025-04-23', 5);
    expect(d.due).toBe('2025-04-29');
    expect(d.explanation.find((s) => s.date === '2025-04-26')).toMatchObject({ counted: true });
    expect(d.explanation.find((s) => s.date === '2025-04-26')?.reason.vi).toMatch(/^Ngày làm bù/);
    expect(calendar.isWorkingDay('2025-04-26')).toBe(true);
    expect(calendar.isWorkingDay('2026-08-22')).toBe(true);
    expect(calendar.addWorkingDays('2026-08-21', 1).due).toBe('2026-08-22');
  });

  it('does not count the start day, and n = 0 is the start day', () => {
    expect(calendar.addWorkingDays('2025-03-10', 1).due).toBe('2025-03-11');
    expect(calendar.addWorkingDays('2025-03-07', 1).due).toBe('2025-03-10'); // Friday → Monday
    expect(calendar.addWorkingDays('2025-03-08', 0)).toMatchObject({ due: '2025-03-08', explanation: [] });
    expect(() => calendar.addWorkingDays('2025-03-08', -1)).toThrow(RangeError);
    expect(() => calendar.addWorkingDays('2025-02-30', 1)).toThrow(RangeError);
  });

  it('workingDaysBetween excludes the start and includes the end', () => {
    expect(calendar.workingDaysBetween('2026-02-10', '2026-03-03')).toBe(10);
    expect(calendar.workingDaysBetween('2026-03-03', '2026-02-10')).toBe(-10);
    expect(calendar.workingDaysBetween('2026-03-03', '2026-03-03')).toBe(0);
  });
});

describe('statutory rules, for a year without an official schedule', () => {
  it('2027: Tết 6/2 is a Saturday, so 6–7/2 are compensated on 10–11/2', () => {
    expect(statutoryDaysOff(2027).map((d) => d.date)).toEqual([
      '2027-01-01', // Friday
      '2027-02-05', '2027-02-08', '2027-02-09', '2027-02-10', '2027-02-11', // Tết 5–9/2 + nghỉ bù 10–11/2
      '2027-04-16', // Giỗ Tổ, Friday
      '2027-04-30', '2027-05-03', // 30/4 Friday; 1/5 Saturday → Monday 3/5
      '2027-09-02', '2027-09-03', // Thursday 2/9 and Friday 3/9
    ]);
    expect(calendar.dayKind('2027-02-06')).toMatchObject({ working: false, kind: 'weekend', holiday: 'tet' });
    expect(calendar.dayKind('2027-02-10')).toMatchObject({ working: false, kind: 'day-off', holiday: 'tet' });
    expect(calendar.dayKind('2027-02-10').reason.vi).toBe('Nghỉ bù Tết Nguyên đán (ngày 06/02/2027 trùng Thứ Bảy)');
    expect(calendar.dayKind('2027-05-03').reason.en).toBe("Compensatory day off: International Workers' Day (1 May) fell on Saturday 2027-05-01");
    expect(calendar.isWorkingDay('2027-02-12')).toBe(true);
    expect(calendar.year(2027)).toMatchObject({ basis: 'statutory', makeUpWorkingDays: [] });
  });

  it('2028: 1/1 on Saturday → Monday 3/1; 2/9 on Saturday → 1/9 and Monday 4/9', () => {
    const days = statutoryDaysOff(2028).map((d) => d.date);
    expect(days).toContain('2028-01-03');
    expect(days).toContain('2028-09-01');
    expect(days).toContain('2028-09-04');
    expect(calendar.isWorkingDay('2028-01-03')).toBe(false);
    expect(calendar.isWorkingDay('2028-01-04')).toBe(true);
  });

  it('every statutory year has 11 holidays, each on a weekday off or compensated', () => {
    for (let y = 2027; y <= 2040; y++) expect(statutoryDaysOff(y)).toHaveLength(11);
  });
});

describe('validateYearSchedule', () => {
  it('rejects weekend days off, weekday make-ups, other years, bad dates and duplicates', () => {
    const problems = validateYearSchedule({
      year: 2027,
      source: 'x',
      daysOff: ['2027-02-06', '2026-12-31', '2027-02-30', '2027-02-08', '2027-02-08'],
      makeUpWorkingDays: ['2027-02-08', '2027-02-13'],
    });
    expect(problems.map((p) => `${p.field}:${p.constraint}`)).toEqual([
      'daysOff[0]:notWeekend', 'daysOff[1]:sameYear', 'daysOff[2]:isLocalDate', 'daysOff[4]:unique',
      'makeUpWorkingDays[0]:unique', 'makeUpWorkingDays[0]:isWeekend',
    ]);
    for (const s of BUILT_IN_SCHEDULES) expect(validateYearSchedule(s)).toEqual([]);
    expect(() => new WorkingCalendar([{ year: 2027, source: 's', daysOff: ['2027-02-06'], makeUpWorkingDays: [] }])).toThrow(RangeError);
  });
});

describe('properties (2024–2027)', () => {
  const start = Date.UTC(2024, 0, 1) / 86_400_000;
  const end = Date.UTC(2027, 11, 31) / 86_400_000;
  const dates = fc.integer({ min: start, max: end }).map((n) => new Date(n * 86_400_000).toISOString().slice(0, 10));

  it('addWorkingDays lands on a working day n working days later, and explains every day', () => {
    fc.assert(
      fc.property(dates, fc.integer({ min: 0, max: 60 }), (from, n) => {
        const d = calendar.addWorkingDays(from, n);
        expect(calendar.workingDaysBetween(from, d.due)).toBe(n);
        if (n > 0) {
          expect(calendar.isWorkingDay(d.due)).toBe(true);
          expect(d.due > from).toBe(true);
          expect(d.explanation.filter((s) => s.counted)).toHaveLength(n);
          expect(d.explanation.at(-1)?.date).toBe(d.due);
        } else {
          expect(d.due).toBe(from);
        }
        for (const s of d.explanation) expect(calendar.isWorkingDay(s.date)).toBe(s.counted);
      }),
      { numRuns: 500 },
    );
  });
});
