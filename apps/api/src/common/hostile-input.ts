import type { NextFunction, Request, Response } from 'express';
import { problems, type FieldError } from '@app/kernel';

/**
 * What no field of any request may hold, checked before anything reads the request: PostgreSQL
 * refuses U+0000 in text (and jsonb), a lone UTF-16 surrogate is not Unicode at all (PostgreSQL
 * refuses it in jsonb, and it cannot be stored as UTF-8), keys that name the prototype machinery are
 * never fields of ours (class-transformer drops them silently instead of refusing them), and JSON
 * nested deeper than any request of ours would exhaust the stack of whatever walks it next.
 */

/** Deeper than any request body of the API (the deepest, update-draft, is 4 levels). */
export const MAX_JSON_DEPTH = 32;
/** A request that is wrong in many places is told about the first ones only. */
const MAX_ERRORS = 20;

export const PROTOTYPE_KEYS: ReadonlySet<string> = new Set(['__proto__', 'constructor', 'prototype']);
const LONE_SURROGATE = /[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;

const error = (field: string, constraint: string, vi: string, en: string): FieldError => ({
  field, constraint, reason: { vi: `${field}: ${vi}`, en: `${field} ${en}` },
});

/** Why a string may not be stored, or undefined when it may. */
export function textError(field: string, value: string): FieldError | undefined {
  if (value.includes('\u0000')) return error(field, 'noNulCharacter', 'không được chứa ký tự NUL (U+0000)', 'must not contain the NUL character (U+0000)');
  if (LONE_SURROGATE.test(value)) {
    return error(field, 'wellFormedUnicode', 'chứa ký tự surrogate UTF-16 đứng lẻ, không phải Unicode hợp lệ', 'contains a lone UTF-16 surrogate (not valid Unicode)');
  }
  return undefined;
}

function keyErrors(field: string, key: string): FieldError[] {
  if (PROTOTYPE_KEYS.has(key)) return [error(field, 'whitelistValidation', 'trường không được phép (không có trong mô tả API)', 'should not exist')];
  const bad = textError(field, key);
  return bad ? [bad] : [];
}

const join = (path: string, key: string | number) => (path ? `${path}.${key}` : String(key));

/**
 * Every field of a parsed JSON body that no request may hold, named by its path (`resources.facilities.0`).
 * Walks with an explicit stack, so no nesting can overflow it; stops below MAX_JSON_DEPTH.
 */
export function screenBody(body: unknown): FieldError[] {
  const errors: FieldError[] = [];
  const stack: Array<{ value: unknown; path: string; depth: number }> = [{ value: body, path: '', depth: 0 }];
  while (stack.length && errors.length < MAX_ERRORS) {
    const { value, path, depth } = stack.pop()!;
    if (typeof value === 'string') {
      const bad = textError(path || 'body', value);
      if (bad) errors.push(bad);
      continue;
    }
    if (value === null || typeof value !== 'object') continue;
    if (depth >= MAX_JSON_DEPTH) {
      errors.push(error(path || 'body', 'maxDepth', `lồng nhau quá ${MAX_JSON_DEPTH} cấp`, `is nested deeper than ${MAX_JSON_DEPTH} levels`));
      continue;
    }
    const entries: Array<[string | number, unknown]> = Array.isArray(value) ? value.map((v, i) => [i, v]) : Object.entries(value);
    // Pushed in reverse so that the errors come out in the order of the document.
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const field = join(path, key);
      if (typeof key === 'string') errors.push(...keyErrors(field, key));
      stack.push({ value: child, path: field, depth: depth + 1 });
    }
  }
  return errors.slice(0, MAX_ERRORS);
}

/** The query string's parameters (names and values) that no request may hold. */
export function screenQuery(query: Record<string, unknown>): FieldError[] {
  const errors: FieldError[] = [];
  for (const [key, raw] of Object.entries(query)) {
    errors.push(...keyErrors(key, key));
    for (const v of Array.isArray(raw) ? raw : [raw]) {
      const bad = typeof v === 'string' ? textError(key, v) : undefined;
      if (bad) errors.push(bad);
    }
  }
  return errors.slice(0, MAX_ERRORS);
}

/**
 * Express middleware, after the JSON parser and before everything else: refuses (400, each field
 * named) a query or body that no route may receive, then stores the body's strings in NFC. Path
 * parameters are checked by the validation pipe, which knows their names.
 */
export function screenRequest(req: Request, _res: Response, next: NextFunction): void {
  const errors = [...screenQuery((req.query ?? {}) as Record<string, unknown>), ...(req.body === undefined ? [] : screenBody(req.body))];
  if (errors.length) return next(problems.validation(errors));
  // Vietnamese typed on some systems arrives decomposed (NFD); everything is stored composed (NFC).
  if (req.body) req.body = normalizeNfc(req.body);
  next();
}

/** Normalises every string in a parsed JSON value to Unicode NFC (recursive: run it on a screened body only). */
export function normalizeNfc<T>(value: T): T {
  if (typeof value === 'string') return value.normalize('NFC') as T;
  if (Array.isArray(value)) return value.map(normalizeNfc) as T;
  if (value && typeof value === 'object') {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [k.normalize('NFC'), normalizeNfc(v)])) as T;
  }
  return value;
}
