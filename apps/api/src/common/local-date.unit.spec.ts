import 'reflect-metadata';
import { describe, expect, it } from '@jest/globals';
import { plainToInstance } from 'class-transformer';
import { validateSync } from 'class-validator';
import fc from 'fast-check';
import { DATE_RANGE, IsInstant, IsLocalDate, isInstant, isLocalDate, isLocalDateIn } from './local-date.js';
import { flattenValidationErrors } from './validation.js';

class Dated {
  @IsLocalDate() on!: string;
  @IsInstant() at!: string;
}

const errorsOf = (plain: object) => flattenValidationErrors(validateSync(plainToInstance(Dated, plain)));

describe('the one range of every local date and instant', () => {
  it('accepts every real date of 1900-01-01 … 2100-12-31 and no other (property)', () => {
    const day = fc.date({ min: new Date('0001-01-01T00:00:00Z'), max: new Date('9999-12-31T00:00:00Z'), noInvalidDate: true }).map((d) => d.toISOString().slice(0, 10));
    fc.assert(fc.property(day, (d) => expect(isLocalDateIn(d)).toBe(d >= '1900-01-01' && d <= '2100-12-31')));
  });

  it('names the field and the range in Vietnamese and English (dateRange), apart from a malformed date (isLocalDate)', () => {
    expect(errorsOf({ on: '0000-01-01', at: '2026-03-02T08:00:00+07:00' })).toEqual([{
      field: 'on', constraint: 'dateRange',
      reason: { vi: 'on: phải trong khoảng từ 1900-01-01 đến 2100-12-31', en: 'on must be between 1900-01-01 and 2100-12-31' },
    }]);
    expect(errorsOf({ on: '2026-02-30', at: '2100-12-31T23:59:59Z' })).toEqual([{
      field: 'on', constraint: 'isLocalDate',
      reason: { vi: 'on: phải là ngày có thật, viết theo dạng YYYY-MM-DD', en: 'on must be a real date written YYYY-MM-DD' },
    }]);
    expect(errorsOf({ on: DATE_RANGE.min, at: '1900-01-01T00:00:00Z' })).toEqual([]);
  });

  it('instants: ISO 8601 that JavaScript and PostgreSQL read alike, inside the range', () => {
    for (const ok of ['2026-03-02T08:00:00+07:00', '2026-03-02T01:00:00.123Z', '2026-03-02', '2026-03-02T08:00']) expect(isInstant(ok)).toBe(true);
    for (const bad of ['2026', '2026-03', '2026-W10', '2026-060', 'yesterday', '2026-02-30T00:00:00Z', '+275760-09-13T00:00:00Z', 2026]) expect(isInstant(bad)).toBe(false);
    expect(errorsOf({ on: '2026-01-01', at: '2101-01-01T00:00:00Z' }).map((e) => e.constraint)).toEqual(['dateRange']);
    expect(errorsOf({ on: '2026-01-01', at: '1899-12-31T23:59:59Z' }).map((e) => e.constraint)).toEqual(['dateRange']);
  });

  it('isLocalDate alone is the format of any year (the calendar covers its own span)', () => {
    expect(isLocalDate('2199-12-31')).toBe(true);
    expect(isLocalDateIn('2199-12-31', { min: '1900-01-01', max: '2199-12-31' })).toBe(true);
  });
});
