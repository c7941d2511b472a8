/**
 * Text as search compares it: Unicode NFD without its combining marks (so "Ủy quyền" and "uy quyen"
 * are the same), đ as d, lower case, runs of white space as one space. Stored search columns and the
 * query are folded alike; `fold_vi()` in SQL (libs/operator, migration search-fold) folds the same way
 * for tables searched in place.
 */
export function foldForSearch(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[đĐ]/g, 'd')
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

/** A folded query as a LIKE pattern matching it anywhere (its own %, _ and \ taken literally). */
export function containsPattern(query: string): string {
  return `%${foldForSearch(query).replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}
