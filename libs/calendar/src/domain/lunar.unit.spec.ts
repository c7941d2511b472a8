import { describe, expect, it } from '@jest/globals';
import { leapMonthOf, lunarMonthLength, lunarToSolar, solarToLunar, tet } from '../index.js';

describe('Vietnamese lunar calendar (UTC+7)', () => {
  it.each([
    [2024, '2024-02-10'],
    [2025, '2025-01-29'],
    [2026, '2026-02-17'],
    [2027, '2027-02-06'],
    [2023, '2023-01-22'],
    [2020, '2020-01-25'],
  ])('Tết %i is %s', (year, date) => {
    expect(tet(year)).toBe(date);
    expect(lunarToSolar(year, 1, 1)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 1, day: 1, leap: false });
  });

  it.each([
    // year, Vietnam (UTC+7), China (UTC+8)
    [1985, '1985-01-21', '1985-02-20'],
    [2007, '2007-02-17', '2007-02-18'],
    [2030, '2030-02-02', '2030-02-03'],
  ])('Tết %i differs from the Chinese New Year: %s in Vietnam, %s in China', (year, vn, cn) => {
    expect(tet(year)).toBe(vn);
    expect(tet(year, 8)).toBe(cn);
    expect(solarToLunar(vn)).toMatchObject({ year, month: 1, day: 1 });
    expect(solarToLunar(vn, 8)).not.toMatchObject({ month: 1, day: 1 });
  });

  it.each([
    [2024, '2024-04-18'],
    [2025, '2025-04-07'],
    [2026, '2026-04-26'],
    [2027, '2027-04-16'],
  ])('Giỗ Tổ Hùng Vương (10/3 lunar) %i is %s', (year, date) => {
    expect(lunarToSolar(year, 3, 10)).toBe(date);
    expect(solarToLunar(date)).toEqual({ year, month: 3, day: 10, leap: false });
  });

  it('handles leap months', () => {
    expect(leapMonthOf(2023)).toBe(2); // tháng 2 nhuận Quý Mão
    expect(leapMonthOf(2025)).toBe(6); // tháng 6 nhuận Ất Tỵ
    expect(leapMonthOf(2024)).toBe(0);
    expect(lunarToSolar(2023, 2, 1, true)).toBe('2023-03-22');
    expect(solarToLunar('2023-03-22')).toEqual({ year: 2023, month: 2, day: 1, leap: true });
    expect(lunarToSolar(2025, 6, 1, true)).toBe('2025-07-25');
    expect(() => lunarToSolar(2024, 5, 1, true)).toThrow(RangeError);
  });

  it('knows the last day of the lunar year', () => {
    expect(solarToLunar('2024-02-09')).toEqual({ year: 2023, month: 12, day: 30, leap: false });
    expect(solarToLunar('2025-01-28')).toEqual({ year: 2024, month: 12, day: 29, leap: false });
    expect(lunarMonthLength(2024, 12)).toBe(29);
    expect(() => lunarToSolar(2024, 12, 30)).toThrow(RangeError);
  });

  it('round-trips every day of 2020–2030', () => {
    for (let t = Date.UTC(2020, 0, 1); t <= Date.UTC(2030, 11, 31); t += 86_400_000) {
      const date = new Date(t).toISOString().slice(0, 10);
      const l = solarToLunar(date);
      expect(lunarToSolar(l.year, l.month, l.day, l.leap)).toBe(date);
    }
  });
});
