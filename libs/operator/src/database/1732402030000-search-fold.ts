import type { MigrationInterface, QueryRunner } from 'typeorm';
import { foldForSearch } from '@app/kernel';

/** Every letter of the Latin blocks Vietnamese uses that folds to one other letter, and what it folds to. */
function foldTable(): { from: string; to: string } {
  let from = '';
  let to = '';
  for (const [lo, hi] of [[0xc0, 0x24f], [0x1e00, 0x1eff]]) {
    for (let c = lo; c <= hi; c++) {
      const ch = String.fromCodePoint(c);
      const folded = foldForSearch(ch);
      if (folded.length === 1 && folded !== ch && /^[a-z]$/.test(folded)) {
        from += ch;
        to += folded;
      }
    }
  }
  // Combining marks (text not in NFC) are dropped: translate() deletes what has no counterpart.
  for (let c = 0x300; c <= 0x36f; c++) from += String.fromCodePoint(c);
  return { from, to };
}

/**
 * `fold_vi(text)`: the text as search compares it, as foldForSearch (libs/kernel/src/search.ts) folds it
 * in TypeScript: without diacritics, đ as d, lower case, white space collapsed. For the tables searched
 * in place (bodies, powers, users); no extension (unaccent) needed.
 */
export class SearchFold1732402030000 implements MigrationInterface {
  name = 'SearchFold1732402030000';

  async up(q: QueryRunner): Promise<void> {
    const { from, to } = foldTable();
    await q.query(`CREATE OR REPLACE FUNCTION fold_vi(t text) RETURNS text LANGUAGE sql IMMUTABLE PARALLEL SAFE
      AS $$ SELECT btrim(regexp_replace(lower(translate(t, ${literal(from)}, ${literal(to)})), '\\s+', ' ', 'g')) $$`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP FUNCTION IF EXISTS fold_vi(text)`);
  }
}

const literal = (s: string) => `'${s.replace(/'/g, "''")}'`;
