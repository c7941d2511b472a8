import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { addDays } from '@app/calendar';
import { consolidationLastDay, dataWindow, parsePeriod, periodOf, previousQuarter, quarterOfDate, type Quarter } from './quarter.js';

const quarter = fc.record({ year: fc.integer({ min: 1991, max: 2198 }), quarter: fc.constantFrom(1, 2, 3, 4) }) as fc.Arbitrary<Quarter>;

describe('the quarterly data window (Nghị định 09/2019/NĐ-CP, Điều 12)', () => {
  it('runs from the 15th of the month before the quarter to the 14th of its last month', () => {
    expect(dataWindow({ year: 2026, quarter: 1 })).toEqual({ from: '2025-12-15', to: '2026-03-14' });
    expect(dataWindow({ year: 2026, quarter: 2 })).toEqual({ from: '2026-03-15', to: '2026-06-14' });
    expect(dataWindow({ year: 2026, quarter: 3 })).toEqual({ from: '2026-06-15', to: '2026-09-14' });
    expect(dataWindow({ year: 2026, quarter: 4 })).toEqual({ from: '2026-09-15', to: '2026-12-14' });
  });

  it('tiles the calendar: each window starts the day after the previous one ends', () => {
    fc.assert(fc.property(quarter, (q) => {
      expect(dataWindow(q).from).toBe(addDays(dataWindow(previousQuarter(q)).to, 1));
    }));
  });

  it('puts every day in exactly one window, and that window ends in the quarter or the next', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 70_000 }), (n) => {
      const day = addDays('1991-01-01', n);
      const q = quarterOfDate(day);
      const next: Quarter = q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: (q.quarter + 1) as Quarter['quarter'] };
      const candidates = [previousQuarter(q), q, next];
      const holding = candidates.filter((c) => dataWindow(c).from <= day && day <= dataWindow(c).to);
      expect(holding).toHaveLength(1);
    }));
  });

  it('closes before the office consolidates (the 19th, "trước ngày 20 tháng cuối quý")', () => {
    fc.assert(fc.property(quarter, (q) => {
      expect(dataWindow(q).to < consolidationLastDay(q)).toBe(true);
      expect(consolidationLastDay(q).slice(8)).toBe('19');
    }));
  });

  it('reads and writes periods as YYYY-Qn, and refuses anything else', () => {
    fc.assert(fc.property(quarter, (q) => expect(parsePeriod(periodOf(q))).toEqual(q)));
    for (const bad of ['2026-Q5', '2026-Q0', '2026Q1', '26-Q1', '2026-q1', ' 2026-Q1', '2026-Q1 ']) expect(parsePeriod(bad)).toBeNull();
  });
});
