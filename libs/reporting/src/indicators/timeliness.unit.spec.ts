import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { formatRate, rate, stageFigures, stageFiguresBy, type StageRow } from './timeliness.js';

const W = { from: '2026-03-15', to: '2026-06-14' };
const row = (o: Partial<StageRow>): StageRow => ({
  decisionId: 'd', bodyId: 'b', userId: null, startsOn: '2026-04-01', dueOn: '2026-04-10', closedOn: null, status: 'open', ...o,
});

describe('rates', () => {
  it('keep their numerator and denominator and lie between 0 and 1', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 10_000 }), fc.integer({ min: 0, max: 10_000 }), (a, b) => {
      const [n, d] = a <= b ? [a, b] : [b, a];
      const r = rate(n, d);
      expect([r.numerator, r.denominator]).toEqual([n, d]);
      if (d === 0) expect(r.rate).toBeNull();
      else {
        expect(r.rate!).toBeGreaterThanOrEqual(0);
        expect(r.rate!).toBeLessThanOrEqual(1);
        expect(Math.abs(r.rate! - n / d)).toBeLessThanOrEqual(0.00005);
      }
    }));
  });

  it('refuse a numerator above the denominator', () => {
    expect(() => rate(3, 2)).toThrow(RangeError);
    expect(() => rate(-1, 2)).toThrow(RangeError);
  });

  it('are shown as a percentage with the counts, in Vietnamese with a decimal comma', () => {
    expect(formatRate(rate(7, 8), 'vi')).toBe('87,5% (7/8)');
    expect(formatRate(rate(7, 8), 'en')).toBe('87.5% (7/8)');
    expect(formatRate(rate(0, 0), 'vi')).toBe('— (0/0)');
  });
});

describe('stage timeliness in a window', () => {
  it('counts the stages completed in the window, on time or late, and those overdue and open at its end', () => {
    const f = stageFigures([
      row({ status: 'met', closedOn: '2026-04-09' }),
      row({ status: 'late', closedOn: '2026-04-20' }),
      row({ status: 'met', closedOn: '2026-03-01' }), // before the window
      row({ status: 'open', dueOn: '2026-06-01' }), // overdue at the end
      row({ status: 'late', dueOn: '2026-06-01', closedOn: '2026-06-20' }), // overdue at the end, completed after it
      row({ status: 'paused', closedOn: '2026-04-05' }),
      row({ status: 'cancelled', dueOn: '2026-04-01' }),
      row({ status: 'open', dueOn: '2026-07-01' }), // not due yet
    ], W);
    expect(f.onTime).toEqual({ numerator: 1, denominator: 2, rate: 0.5 });
    expect(f).toMatchObject({ late: 1, overdueOpen: 2, lateItems: 3 });
  });

  it('adds up per body to the whole', () => {
    const arb = fc.array(fc.record({
      bodyId: fc.constantFrom('a', 'b', 'c'),
      status: fc.constantFrom('open', 'met', 'late', 'paused', 'cancelled') as fc.Arbitrary<StageRow['status']>,
      due: fc.integer({ min: 0, max: 120 }),
      closed: fc.option(fc.integer({ min: 0, max: 150 }), { nil: null }),
    }), { maxLength: 60 });
    const day = (n: number) => new Date(Date.UTC(2026, 2, 1 + n)).toISOString().slice(0, 10);
    fc.assert(fc.property(arb, (specs) => {
      const rows = specs.map((s) => row({ bodyId: s.bodyId, status: s.status, startsOn: day(0), dueOn: day(s.due), closedOn: s.closed === null ? null : day(s.closed) }));
      const whole = stageFigures(rows, W);
      const parts = stageFiguresBy(rows, (r) => r.bodyId, W);
      expect(parts.reduce((n, p) => n + p.onTime.numerator, 0)).toBe(whole.onTime.numerator);
      expect(parts.reduce((n, p) => n + p.onTime.denominator, 0)).toBe(whole.onTime.denominator);
      expect(parts.reduce((n, p) => n + p.lateItems, 0)).toBe(whole.lateItems);
    }));
  });
});
