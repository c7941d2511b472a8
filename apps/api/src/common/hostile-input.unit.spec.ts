import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { MAX_JSON_DEPTH, normalizeNfc, screenBody, screenQuery, textError } from './hostile-input.js';

const fields = (errors: Array<{ field: string }>) => errors.map((e) => e.field);

/** JSON values with no NUL, no lone surrogate, no prototype key, at most `depth` levels deep. */
const clean = fc.letrec((tie) => ({
  value: fc.oneof({ depthSize: 'small', withCrossShrink: true }, fc.string({ unit: 'grapheme' }), fc.integer(), fc.boolean(), fc.constant(null), tie('array'), tie('object')),
  array: fc.array(tie('value'), { maxLength: 4 }),
  object: fc.dictionary(fc.string({ unit: 'grapheme', minLength: 1 }).filter((k) => !['__proto__', 'constructor', 'prototype'].includes(k)), tie('value'), { maxKeys: 4 }),
})).value.filter((v) => !JSON.stringify(v).includes('\\u0000'));

describe('screenBody: what no field may hold, named by its path', () => {
  it('passes every clean JSON value (property)', () => {
    fc.assert(fc.property(clean, (v) => expect(screenBody(JSON.parse(JSON.stringify(v)))).toEqual([])));
  });

  it('names a NUL, a lone surrogate or a prototype key planted anywhere, by its path (property)', () => {
    const hostile = fc.constantFrom(
      { text: '"a\\u0000b"', constraint: 'noNulCharacter', key: false },
      { text: '"x\\ud800y"', constraint: 'wellFormedUnicode', key: false },
      { text: '"\\udc00"', constraint: 'wellFormedUnicode', key: false },
      { text: '__proto__', constraint: 'whitelistValidation', key: true },
      { text: 'constructor', constraint: 'whitelistValidation', key: true },
      { text: 'prototype', constraint: 'whitelistValidation', key: true },
    );
    const path = fc.array(fc.oneof(fc.constantFrom('a', 'resources', 'b'), fc.nat(2)), { maxLength: 6 });
    fc.assert(fc.property(hostile, path, (h, steps) => {
      // Builds {"a":[null,null,{"b": <hostile>}]}-like JSON text along the path.
      let text = h.key ? `{"${h.text}":1}` : h.text;
      for (const step of [...steps].reverse()) {
        text = typeof step === 'number' ? `[${'null,'.repeat(step)}${text}]` : `{"${step}":${text}}`;
      }
      const expected = [...steps.map(String), ...(h.key ? [h.text] : [])].join('.') || 'body';
      expect(screenBody(JSON.parse(text))).toEqual([expect.objectContaining({ field: expected, constraint: h.constraint })]);
    }));
  });

  it('stops below the depth limit without recursion: 100,000 levels', () => {
    const deep = JSON.parse('['.repeat(100_000) + ']'.repeat(100_000));
    const errors = screenBody(deep);
    expect(errors).toEqual([expect.objectContaining({ constraint: 'maxDepth', field: Array(MAX_JSON_DEPTH).fill('0').join('.') })]);
    expect(screenBody(JSON.parse('['.repeat(MAX_JSON_DEPTH) + ']'.repeat(MAX_JSON_DEPTH)))).toEqual([]);
  });

  it('lists errors in the order of the document, at most 20', () => {
    expect(fields(screenBody({ a: '\u0000', b: ['ok', '\u0000'], c: { __proto__x: 1, constructor: 1 } }))).toEqual(['a', 'b.1', 'c.constructor']);
    expect(screenBody(Array(1000).fill('\u0000'))).toHaveLength(20);
  });

  it('gives Vietnamese and English reasons', () => {
    expect(textError('title', 'a\u0000')?.reason).toEqual({
      vi: 'title: không được chứa ký tự NUL (U+0000)',
      en: 'title must not contain the NUL character (U+0000)',
    });
  });

  it('keeps surrogate pairs (emoji, rare Han characters)', () => {
    expect(screenBody({ t: 'Rút ngắn 🚀 𠀀' })).toEqual([]);
  });
});

describe('screenQuery', () => {
  it('names a NUL in a value (or one of a repeated parameter) and in a name, and prototype names', () => {
    expect(fields(screenQuery({ sector: 'a\u0000b', kind: ['ok', '\u0000'], 'x\u0000': '1', __proto__x: 'y' }))).toEqual(['sector', 'kind', 'x\u0000']);
    const q = Object.create(null) as Record<string, string>;
    q.__proto__ = 'x';
    expect(fields(screenQuery(q))).toEqual(['__proto__']);
  });
});

describe('normalizeNfc', () => {
  it('composes every string and key', () => {
    const nfd = 'Nguyễn Văn Ân'.normalize('NFD');
    expect(normalizeNfc({ [nfd]: [nfd, { x: nfd }] })).toEqual({ 'Nguyễn Văn Ân': ['Nguyễn Văn Ân', { x: 'Nguyễn Văn Ân' }] });
  });
});
