import { describe, expect, it } from 'vitest';
import { toCsv } from './export';

describe('CSV export', () => {
  it('quotes what needs quoting, keeps Vietnamese text, and starts with a BOM for Excel', () => {
    const csv = toCsv({ sheet: 'Hồ sơ', header: ['Số hồ sơ', 'Trích yếu'], rows: [['PC-2026-0001', 'Phân cấp "đất đai", đợt 1'], [null, 'một\ndòng']] });
    expect(csv.startsWith('\uFEFF')).toBe(true);
    expect(csv.slice(1).split('\r\n')).toEqual(['Số hồ sơ,Trích yếu', 'PC-2026-0001,"Phân cấp ""đất đai"", đợt 1"', ',"một\ndòng"', '']);
  });
});
