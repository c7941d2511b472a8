import { describe, expect, it } from 'vitest';
import { foldAccents, formatDate, formatDateTime, formatMoney, matchesQuery, quarterOf } from './format';

describe('format helpers', () => {
  it('writes dates dd/mm/yyyy, instants in Vietnam time', () => {
    expect(formatDate('2026-03-05')).toBe('05/03/2026');
    // 18:30 UTC on 4 March is 01:30 on 5 March in Hồ Chí Minh City.
    expect(formatDate('2026-03-04T18:30:00Z')).toBe('05/03/2026');
    expect(formatDateTime('2026-03-04T18:30:00Z')).toBe('05/03/2026 01:30');
    expect(formatDate(null)).toBe('—');
  });

  it('writes money in VND with Vietnamese grouping', () => {
    expect(formatMoney(1_500_000_000)).toBe('1.500.000.000 ₫');
    expect(formatMoney(0)).toBe('0 ₫');
  });

  it('folds accents so "dat dai" finds "đất đai", whatever the Unicode form', () => {
    expect(foldAccents('Đất đai')).toBe('dat dai');
    expect(foldAccents('Ủy quyền')).toBe('uy quyen');
    expect(matchesQuery('dat dai', 'Quản lý đất đai')).toBe(true);
    expect(matchesQuery('dat dai', 'Quản lý đất đai'.normalize('NFD'))).toBe(true);
    expect(matchesQuery('ĐẤT', 'đất đai')).toBe(true);
    expect(matchesQuery('xay dung', 'Quản lý đất đai')).toBe(false);
    expect(matchesQuery('  ', 'anything')).toBe(true);
  });

  it('finds the quarter of a date', () => {
    expect(quarterOf('2026-05-20')).toEqual({ year: 2026, quarter: 2, from: '2026-04-01', to: '2026-06-30' });
  });
});

describe('dates typed as dd/mm/yyyy', () => {
  it('reads dd/mm/yyyy and YYYY-MM-DD, and refuses days that do not exist', async () => {
    const { parseDate } = await import('./components/Field');
    expect(parseDate('15/04/2026')).toBe('2026-04-15');
    expect(parseDate('5/4/2026')).toBe('2026-04-05');
    expect(parseDate('2026-04-15')).toBe('2026-04-15');
    expect(parseDate('31/02/2026')).toBeUndefined();
    expect(parseDate('04/15/2026')).toBeUndefined();
    expect(parseDate('')).toBeUndefined();
  });
});
