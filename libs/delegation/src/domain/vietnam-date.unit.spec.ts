import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { vietnamDate } from './rules/expires-after-period-end.js';

describe('vietnamDate: the civil date in Hà Nội (UTC+7) of an instant', () => {
  it('is the date seven hours ahead of UTC, for any instant and any way of writing it', () => {
    fc.assert(fc.property(fc.date({ min: new Date('1900-01-01'), max: new Date('2199-12-31'), noInvalidDate: true }), (d) => {
      const expected = new Date(d.getTime() + 7 * 3600_000).toISOString().slice(0, 10);
      expect(vietnamDate(d.toISOString())).toBe(expected);
      const plus7 = new Date(d.getTime() + 7 * 3600_000).toISOString().replace('Z', '+07:00');
      expect(vietnamDate(plus7)).toBe(expected);
    }));
  });

  it('turns the day at 17:00 UTC', () => {
    expect(vietnamDate('2026-03-01T16:59:59.999Z')).toBe('2026-03-01');
    expect(vietnamDate('2026-03-01T17:00:00.000Z')).toBe('2026-03-02');
  });
});
