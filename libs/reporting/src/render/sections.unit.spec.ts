import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { canonicalJson, contentHash } from '../quarterly/content-hash.js';
import { placeOf, shortName } from './sections.js';

describe('the letterhead', () => {
  it('names the issuing body under its parent without repeating the parent', () => {
    expect(shortName('Văn phòng Ủy ban nhân dân tỉnh Trà Vinh', 'Ủy ban nhân dân tỉnh Trà Vinh')).toBe('Văn phòng');
    expect(shortName('Sở Nội vụ tỉnh Trà Vinh', 'Ủy ban nhân dân tỉnh Trà Vinh')).toBe('Sở Nội vụ');
    expect(shortName('Sở Nội vụ thành phố Đà Nẵng', 'Ủy ban nhân dân thành phố Đà Nẵng')).toBe('Sở Nội vụ');
    expect(shortName('Sở Nội vụ tỉnh Quảng Nam', 'Ủy ban nhân dân tỉnh Trà Vinh')).toBe('Sở Nội vụ tỉnh Quảng Nam');
    expect(shortName('Ủy ban nhân dân tỉnh Trà Vinh', null)).toBe('Ủy ban nhân dân tỉnh Trà Vinh');
  });

  it('dates the report from the province\'s place name', () => {
    expect(placeOf('Ủy ban nhân dân tỉnh Trà Vinh')).toBe('Trà Vinh');
    expect(placeOf('Ủy ban nhân dân thành phố Đà Nẵng')).toBe('Đà Nẵng');
  });
});

describe('the content hash', () => {
  it('does not depend on the order the keys were written in', () => {
    fc.assert(fc.property(fc.dictionary(fc.string(), fc.jsonValue()), (o) => {
      const reversed = Object.fromEntries(Object.entries(o).reverse());
      expect(canonicalJson(reversed)).toBe(canonicalJson(o));
      expect(contentHash(reversed)).toBe(contentHash(o));
    }));
  });

  it('changes with any value', () => {
    expect(contentHash({ a: 1, b: [1, 2] })).not.toBe(contentHash({ a: 1, b: [2, 1] }));
    expect(contentHash({ a: 'Hòa' })).not.toBe(contentHash({ a: 'Hoa' }));
  });
});
