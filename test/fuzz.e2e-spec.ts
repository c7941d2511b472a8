import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { RequestMethod } from '@nestjs/common';
import { ModulesContainer } from '@nestjs/core';
import { defaultPermission, rolesWith, type Permission } from '@app/identity';
import { DEMO_USERS } from '@app/operator';
import { PERMISSION, type PermissionRule } from '../apps/api/src/access/permission.decorator.js';
import { IS_PUBLIC } from '../apps/api/src/auth/public.decorator.js';
import { phanCapProposal, scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/**
 * Property-based fuzzing of every operation in the app's own OpenAPI document: path and query
 * parameters and JSON bodies generated from its schemas, valid or with one hostile value planted
 * (NUL, lone surrogates, huge numbers, deep nesting, wrong types, dates out of range, prototype keys,
 * very long strings), sent as a user whose role the route allows, as another user, and with no token.
 *
 * Whatever comes back: never a 5xx; every 4xx is an application/problem+json document with type,
 * title, status and detail; a 400 names the bad fields in errors[].field, and names the planted field
 * when the planted value can be valid nowhere. A failure prints the request that caused it (replay:
 * FUZZ_SEED=<seed>). Runs on a database of its own: it changes bodies, powers, users and calendars.
 */

/** At least this many requests over all operations (FUZZ_REQUESTS raises it for a longer run). */
const MIN_REQUESTS = Math.max(2_000, Number(process.env.FUZZ_REQUESTS ?? 0));
const SEED = Number(process.env.FUZZ_SEED ?? Date.now() % 2 ** 31);

// ---------------------------------------------------------------------------------------------
// The OpenAPI document, as far as the generator needs it.
// ---------------------------------------------------------------------------------------------

interface Schema {
  type?: string;
  format?: string;
  enum?: unknown[];
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  $ref?: string;
  allOf?: Schema[];
  example?: unknown;
  nullable?: boolean;
}

interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header';
  required?: boolean;
  schema?: Schema;
}

interface Operation {
  method: string;
  path: string;
  id: string;
  parameters: Parameter[];
  body?: Schema;
  /** Demo users whose role the route allows; empty for a public route. */
  allowed: string[];
  isPublic: boolean;
}

type Doc = { paths: Record<string, Record<string, { operationId: string; parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>; components: { schemas: Record<string, Schema> } };

function resolver(doc: Doc) {
  const resolve = (s: Schema | undefined): Schema => {
    if (!s) return {};
    if (s.$ref) return resolve(doc.components.schemas[s.$ref.split('/').pop()!]);
    if (s.allOf?.length === 1) return { ...resolve(s.allOf[0]), ...Object.fromEntries(Object.entries(s).filter(([k]) => k !== 'allOf')) };
    return s;
  };
  return resolve;
}

/** Which role each route needs, read from the controllers as AccessGuard reads it. */
function accessOf(t: TestApp): Map<string, { permission: Permission; isPublic: boolean }> {
  const out = new Map<string, { permission: Permission; isPublic: boolean }>();
  const join = (...parts: string[]) => `/${parts.map((p) => p.replace(/^\/|\/$/g, '')).filter(Boolean).join('/')}`.replace(/:(\w+)/g, '{$1}');
  for (const module of t.app.get(ModulesContainer).values()) {
    for (const wrapper of module.controllers.values()) {
      const cls = wrapper.metatype as unknown as { prototype: Record<string, unknown> } & object;
      if (!cls?.prototype) continue;
      const base = String(Reflect.getMetadata('path', cls) ?? '');
      for (const key of Object.getOwnPropertyNames(cls.prototype)) {
        const handler = cls.prototype[key];
        if (typeof handler !== 'function' || Reflect.getMetadata('method', handler) === undefined) continue;
        const method = RequestMethod[Reflect.getMetadata('method', handler) as number];
        const rule: PermissionRule | undefined = Reflect.getMetadata(PERMISSION, handler) ?? Reflect.getMetadata(PERMISSION, cls);
        const isPublic = !!(Reflect.getMetadata(IS_PUBLIC, handler) ?? Reflect.getMetadata(IS_PUBLIC, cls));
        out.set(`${method} ${join(base, String(Reflect.getMetadata('path', handler) ?? ''))}`, { permission: rule?.permission ?? defaultPermission(method), isPublic });
      }
    }
  }
  return out;
}

function operationsOf(doc: Doc, access: Map<string, { permission: Permission; isPublic: boolean }>): Operation[] {
  const resolve = resolver(doc);
  const users = DEMO_USERS.filter((u) => !u.username.includes('.') || u.username === 'reviewer.lead');
  return Object.entries(doc.paths).flatMap(([path, ops]) =>
    Object.entries(ops).map(([method, op]) => {
      const rule = access.get(`${method.toUpperCase()} ${path}`);
      if (!rule) throw new Error(`no controller route for ${method.toUpperCase()} ${path} in the OpenAPI document`);
      const roles = new Set<string>(rolesWith(rule.permission));
      const schema = op.requestBody?.content['application/json']?.schema;
      return {
        method: method.toUpperCase(), path, id: op.operationId,
        parameters: (op.parameters ?? []).map((p) => ({ ...p, schema: resolve(p.schema) })),
        body: schema ? resolve(schema) : undefined,
        allowed: rule.isPublic ? [] : users.filter((u) => roles.has(u.role)).map((u) => u.username),
        isPublic: rule.isPublic,
      };
    }));
}

// ---------------------------------------------------------------------------------------------
// Values: valid ones from the schemas, and hostile ones, each knowing whether it can ever be valid.
// ---------------------------------------------------------------------------------------------

/** A value planted in a request, with what kind of hostile it is. */
interface Hostile {
  kind: string;
  value: unknown;
  /** JSON text to splice in instead of the value (nesting too deep for JSON.stringify to be worth it). */
  raw?: string;
  /** Valid in no field at all (refused before any field is looked at). */
  never?: true;
}

const RAW = '\u0001raw\u0001';
const nested = (depth: number, open: string, close: string, inner = '1') => open.repeat(depth) + inner + close.repeat(depth);
const withKey = (key: string, value: unknown) => Object.defineProperty({ ok: 1 }, key, { value, enumerable: true, configurable: true, writable: true });

/** Hostile values that no field of any request may hold: a 400 must name where they were planted. */
const NEVER_VALID: Hostile[] = ([
  { kind: 'nul', value: 'a\u0000b' },
  { kind: 'nul', value: '\u0000' },
  { kind: 'lone-surrogate', value: 'x\ud800y' },
  { kind: 'lone-surrogate', value: '\udfff' },
  { kind: 'deep-nesting', value: RAW, raw: nested(5000, '[', ']') },
  { kind: 'deep-nesting', value: RAW, raw: nested(40, '{"a":', '}') },
  { kind: 'prototype-key', value: withKey('__proto__', { admin: true }) },
  { kind: 'prototype-key', value: withKey('constructor', { prototype: {} }) },
  { kind: 'prototype-key', value: withKey('prototype', 1) },
] as Hostile[]).map((h) => ({ ...h, never: true as const }));

/** Hostile values that some fields may hold (a free text may be "0000-01-01"). */
const SOMETIMES_VALID: Hostile[] = [
  { kind: 'huge-number', value: 99999999999999999999 },
  { kind: 'huge-number', value: 2147483648 },
  { kind: 'huge-number', value: 1e308 },
  { kind: 'number', value: -1 },
  { kind: 'number', value: 0.5 },
  { kind: 'number', value: -0 },
  { kind: 'date', value: '0000-01-01' },
  { kind: 'date', value: '9999-12-31' },
  { kind: 'date', value: '0001-01-01' },
  { kind: 'date', value: '1899-12-31' },
  { kind: 'date', value: '2101-01-01' },
  { kind: 'date', value: '2026-02-30' },
  { kind: 'instant', value: '0000-01-01T00:00:00Z' },
  { kind: 'instant', value: '+275760-09-13T00:00:00Z' },
  { kind: 'instant', value: '2026' },
  { kind: 'wrong-type', value: {} },
  { kind: 'wrong-type', value: [] },
  { kind: 'wrong-type', value: true },
  { kind: 'wrong-type', value: null },
  { kind: 'wrong-type', value: 123 },
  { kind: 'wrong-type', value: [[['x']]] },
  { kind: 'long-string', value: 'đ'.repeat(6000) },
  { kind: 'long-string', value: 'x'.repeat(300 * 1024) },
  { kind: 'string', value: '' },
  { kind: 'string', value: ' ' },
  { kind: 'string', value: "'; DROP TABLE events; --" },
  { kind: 'string', value: '<script>alert(1)</script>' },
  { kind: 'string', value: 'Nguyễn Văn Ân'.normalize('NFD') },
  { kind: 'string', value: '\u202e\ufeff\ufffe' },
  { kind: 'string', value: '%00%ZZ../..' },
];

/** Query values are strings: their hostile forms. */
const QUERY_HOSTILE: Array<{ kind: string; value: string | string[]; neverValid: boolean }> = [
  { kind: 'nul', value: 'a\u0000b', neverValid: true },
  { kind: 'nul', value: '\u0000', neverValid: true },
  { kind: 'huge-number', value: '99999999999999999999', neverValid: false },
  { kind: 'huge-number', value: '2147483648', neverValid: false },
  { kind: 'number', value: '-1', neverValid: false },
  { kind: 'number', value: '1e400', neverValid: false },
  { kind: 'number', value: 'NaN', neverValid: false },
  { kind: 'number', value: '0x10', neverValid: false },
  { kind: 'date', value: '0000-01-01', neverValid: false },
  { kind: 'date', value: '9999-12-31', neverValid: false },
  { kind: 'instant', value: '0000-01-01T00:00:00Z', neverValid: false },
  { kind: 'instant', value: '2026', neverValid: false },
  { kind: 'long-string', value: 'x'.repeat(5000), neverValid: false },
  { kind: 'string', value: '', neverValid: false },
  { kind: 'string', value: 'true', neverValid: false },
  { kind: 'string', value: '[object Object]', neverValid: false },
  { kind: 'repeated', value: ['1', '2'], neverValid: false },
];

/** Whether a query string could be an integer the API takes at all (0 … PostgreSQL's int range). */
const intInRange = (v: string) => Number.isInteger(Number(v)) && Number(v) >= 0 && Number(v) <= 2_147_483_647;

const PATH_HOSTILE = ['\u0000', 'a\u0000b', '..', 'x'.repeat(3000), '00000000-0000-0000-0000-000000000000', 'ZZZZZZZZ-ZZZZ-ZZZZ-ZZZZ-ZZZZZZZZZZZZ', '-1', '99999999999999999999', 'Đắk Lắk', '%', ' ', '__proto__'];

/** A schema's JavaScript type as class-validator would check it (undefined when it says nothing). */
function jsType(s: Schema): string | undefined {
  if (s.enum) return 'enum';
  if (s.type === 'integer' || s.type === 'number') return 'number';
  if (s.type === 'array') return 'array';
  if (s.type === 'object' || s.properties) return 'object';
  return s.type;
}
const typeOfValue = (v: unknown) => (Array.isArray(v) ? 'array' : v === null ? 'null' : typeof v);

/** True when a hostile value can be valid in no field of this schema. */
function neverValidFor(h: Hostile, s: Schema): boolean {
  if (h.never) return true;
  const t = jsType(s);
  if (h.value === null || t === undefined) return false;
  if (h.kind === 'long-string' && String(h.value).length > 256 * 1024) return false; // a 413, before any field is looked at
  if (t !== 'enum' && t !== typeOfValue(h.value)) return true;
  if (t === 'enum') return !s.enum!.includes(h.value);
  if (t === 'number' && (h.kind === 'number' || h.value === 99999999999999999999 || h.value === 1e308)) return !Object.is(h.value, -0);
  // Every hostile date and instant is malformed or outside 1900-01-01 … 2100-12-31, for both formats.
  if ((s.format === 'date' || s.format === 'date-time') && (h.kind === 'date' || h.kind === 'instant')) return true;
  return false;
}

const dateArb = fc.date({ min: new Date('1890-01-01T00:00:00Z'), max: new Date('2110-12-31T00:00:00Z'), noInvalidDate: true });
const TEXTS = ['Trà Vinh', 'Ủy quyền cấp giấy phép', 'tv-ubnd', 'TV-DD-02', 'dat-dai', 'user-reviewer', 'x'];

/** A value that fits the schema (mostly its example, so that requests get past validation often). */
function valid(s: Schema, resolve: (s?: Schema) => Schema, depth = 0): fc.Arbitrary<unknown> {
  s = resolve(s);
  if (s.enum) return fc.constantFrom(...s.enum);
  const typed = (): fc.Arbitrary<unknown> => {
    switch (jsType(s)) {
      case 'string':
        if (s.format === 'date') return dateArb.map((d) => d.toISOString().slice(0, 10));
        if (s.format === 'date-time') return dateArb.map((d) => d.toISOString());
        if (s.format === 'uuid') return fc.uuid();
        return fc.oneof(fc.constantFrom(...TEXTS), fc.string({ maxLength: 30 }), fc.string({ unit: 'grapheme', maxLength: 10 }));
      case 'number':
        return fc.oneof(fc.integer({ min: 0, max: 60 }), fc.integer({ min: 2000, max: 2100 }));
      case 'boolean':
        return fc.boolean();
      case 'array':
        return depth > 4 ? fc.constant([]) : fc.array(valid(s.items ?? {}, resolve, depth + 1), { maxLength: 3 });
      case 'object': {
        if (depth > 4) return fc.constant({});
        const props = s.properties ?? {};
        return fc.record(Object.fromEntries(Object.entries(props).map(([k, p]) => [k, valid(p, resolve, depth + 1)])), {
          requiredKeys: (s.required ?? []).filter((k) => k in props),
        });
      }
      default:
        return fc.oneof(fc.string({ maxLength: 10 }), fc.integer(), fc.boolean());
    }
  };
  return s.example !== undefined ? fc.oneof({ weight: 4, arbitrary: fc.constant(s.example) }, { weight: 1, arbitrary: typed() }) : typed();
}

// ---------------------------------------------------------------------------------------------
// Requests.
// ---------------------------------------------------------------------------------------------

interface FuzzRequest {
  method: string;
  path: string;
  query: Array<[string, string]>;
  headers: Record<string, string>;
  /** The user whose token goes with it, or undefined for none. */
  as?: string;
  body?: string;
  /** What was planted, and where; `expectNamed` when a 400 must name exactly that field. */
  planted?: { where: string; field: string; kind: string; expectNamed: boolean };
  /** A path parameter holding a NUL: a 400 may name it instead (it is checked first). */
  nulPathParam?: string;
}

/** JSON text of a body, with raw splices (deep nesting) put in. */
function bodyText(value: unknown, raws: string[]): string {
  let text = JSON.stringify(value);
  for (const raw of raws) text = text.replace(JSON.stringify(RAW), raw);
  return text;
}

/** Every field path of a generated body (where a value can be planted), with its schema. */
function fieldPaths(value: unknown, s: Schema, resolve: (s?: Schema) => Schema, path: string[] = []): Array<{ path: string[]; schema: Schema }> {
  s = resolve(s);
  const here = path.length ? [{ path, schema: s }] : [];
  if (Array.isArray(value)) return [...here, ...value.flatMap((v, i) => fieldPaths(v, s.items ?? {}, resolve, [...path, String(i)]))];
  if (value && typeof value === 'object') {
    return [...here, ...Object.entries(value).flatMap(([k, v]) => fieldPaths(v, s.properties?.[k] ?? {}, resolve, [...path, k]))];
  }
  return here;
}

function plantAt(value: unknown, path: string[], planted: unknown): unknown {
  if (!path.length) return planted;
  const copy: any = Array.isArray(value) ? [...(value as unknown[])] : { ...(value as object) };
  copy[path[0]] = plantAt(copy[path[0]], path.slice(1), planted);
  return copy;
}

interface Pools {
  decisions: string[];
  users: string[];
  bodies: string[];
  powers: string[];
}

/** A value for a path parameter: mostly one that exists, sometimes a hostile one. */
function pathValue(op: Operation, p: Parameter, pools: Pools): fc.Arbitrary<{ value: string; hostile?: string }> {
  const real: string[] =
    op.path.startsWith('/api/v1/decisions/{id}') ? pools.decisions
      : op.path.startsWith('/api/v1/users/') ? pools.users
        : op.path.startsWith('/api/v1/bodies/') ? pools.bodies
          : op.path.startsWith('/api/v1/powers/') ? pools.powers
            : p.name === 'year' ? ['2026', '2027', '2199', '1899']
              : p.name === 'date' ? ['2026-02-17', '2026-09-02', '2197-12-31']
                : ['remind:none'];
  const example = p.schema?.example !== undefined ? [String(p.schema.example)] : [];
  return fc.oneof(
    { weight: 6, arbitrary: fc.constantFrom(...real, ...example).map((value) => ({ value })) },
    { weight: 1, arbitrary: fc.uuid().map((value) => ({ value })) },
    { weight: 3, arbitrary: fc.constantFrom(...PATH_HOSTILE).map((value) => ({ value, hostile: value })) },
  );
}

function requestArb(op: Operation, pools: Pools, resolve: (s?: Schema) => Schema, everyone: string[]): fc.Arbitrary<FuzzRequest> {
  const pathParams = op.parameters.filter((p) => p.in === 'path');
  const queryParams = op.parameters.filter((p) => p.in === 'query');
  const principal = op.isPublic
    ? fc.option(fc.constantFrom(...everyone), { nil: undefined })
    : fc.oneof(
        { weight: 6, arbitrary: fc.constantFrom(...(op.allowed.length ? op.allowed : everyone)) },
        { weight: 2, arbitrary: fc.constant(undefined) },
        { weight: 1, arbitrary: fc.constantFrom(...everyone) },
      );
  const path = fc.tuple(...pathParams.map((p) => pathValue(op, p, pools)));
  const query = fc.tuple(...queryParams.map((p) => fc.option(valid(p.schema ?? {}, resolve).map((v) => String(v)), { nil: undefined, freq: 2 })));
  const body = op.body ? valid(op.body, resolve) : fc.constant(undefined);
  const mutation = fc.record({
    mode: fc.constantFrom('none', 'body', 'body', 'body', 'extra-key', 'query', 'query', 'path', 'whole-body', 'headers'),
    pick: fc.nat(),
    never: fc.constantFrom(...NEVER_VALID),
    sometimes: fc.constantFrom(...SOMETIMES_VALID),
    neverWeight: fc.boolean(),
    queryHostile: fc.constantFrom(...QUERY_HOSTILE),
    extraKey: fc.constantFrom('colour', '__proto__', 'constructor', 'prototype', 'x\u0000y', 'x\ud800'),
    wholeBody: fc.constantFrom('none', '[]', '"text"', '{}', 'deep', 'text/plain', 'null'),
    header: fc.constantFrom<[string, string]>(
      ['If-Match', 'abc'], ['If-Match', '"99999999999"'], ['If-Match', 'W/"1"'], ['If-Match', '"1"'], ['Idempotency-Key', 'k'.repeat(300)],
      ['Idempotency-Key', `fuzz-${randomUUID()}`], ['X-Correlation-Id', 'é'.repeat(400)], ['Accept-Language', 'en'], ['Accept-Language', 'xx;q=abc'],
      ['Authorization', 'Bearer not-a-token'], ['Authorization', 'Basic YWRtaW46eA=='], ['Content-Type', 'application/json; charset=latin1'],
    ),
  });
  return fc.tuple(principal, path, query, body, mutation).map(([as, pathValues, queryValues, bodyValue, m]): FuzzRequest => {
    const req: FuzzRequest = { method: op.method, path: op.path, query: [], headers: { 'Accept-Language': m.pick % 3 === 0 ? 'en' : 'vi' }, as };
    let hostilePath: { name: string; value: string } | undefined;
    pathParams.forEach((p, i) => {
      const v = pathValues[i];
      if (v.hostile !== undefined && !hostilePath) hostilePath = { name: p.name, value: v.value };
      req.path = req.path.replace(`{${p.name}}`, encodeURIComponent(v.value));
    });
    if (hostilePath && /\u0000/.test(hostilePath.value)) req.nulPathParam = hostilePath.name;
    queryParams.forEach((p, i) => {
      if (queryValues[i] !== undefined) req.query.push([p.name, queryValues[i]!]);
    });
    let value = bodyValue;
    const raws: string[] = [];
    if (m.mode === 'body' && op.body && value && typeof value === 'object') {
      const paths = fieldPaths(value, op.body, resolve);
      if (paths.length) {
        const target = paths[m.pick % paths.length];
        const h = m.neverWeight ? m.never : m.sometimes;
        if (h.raw) raws.push(h.raw);
        value = plantAt(value, target.path, h.value);
        req.planted = { where: 'body', field: target.path.join('.'), kind: h.kind, expectNamed: neverValidFor(h, target.schema) };
      }
    } else if (m.mode === 'extra-key' && op.body && value && typeof value === 'object' && !Array.isArray(value)) {
      value = Object.defineProperty({ ...(value as object) }, m.extraKey, { value: 'x', enumerable: true, configurable: true, writable: true });
      // Unknown keys are refused everywhere (whitelist), prototype keys and bad text before anything else.
      req.planted = { where: 'body', field: m.extraKey, kind: 'extra-key', expectNamed: true };
    } else if (m.mode === 'query' && (queryParams.length || m.queryHostile.neverValid)) {
      const p: Parameter = queryParams.length ? queryParams[m.pick % queryParams.length] : { name: 'q', in: 'query', schema: {} };
      const name = m.pick % 5 === 4 ? `${p.name}\u0000` : p.name;
      req.query = req.query.filter(([k]) => k !== p.name);
      for (const v of Array.isArray(m.queryHostile.value) ? m.queryHostile.value : [m.queryHostile.value]) req.query.push([name, v]);
      const neverValid = m.queryHostile.neverValid || name !== p.name
        || (p.schema && jsType(p.schema) === 'number' && typeof m.queryHostile.value === 'string' && !intInRange(m.queryHostile.value))
        || ((p.schema?.format === 'date' || p.schema?.format === 'date-time') && ['date', 'instant', 'huge-number'].includes(m.queryHostile.kind));
      req.planted = { where: 'query', field: name, kind: m.queryHostile.kind, expectNamed: !!neverValid };
    } else if (m.mode === 'path' && pathParams.length) {
      const p = pathParams[m.pick % pathParams.length];
      req.path = op.path.replace(/\{(\w+)\}/g, (_, n: string) => (n === p.name ? encodeURIComponent('x\u0000') : encodeURIComponent(pathValues[pathParams.findIndex((q) => q.name === n)].value)));
      req.nulPathParam = p.name;
    } else if (m.mode === 'headers') {
      req.headers[m.header[0]] = m.header[1];
    }
    if (op.body || op.method !== 'GET') {
      if (m.mode === 'whole-body') {
        if (m.wholeBody === 'deep') req.body = nested(5000, '[', ']', '');
        else if (m.wholeBody === 'text/plain') {
          req.body = bodyText(value ?? {}, raws);
          req.headers['Content-Type'] = 'text/plain';
        } else if (m.wholeBody !== 'none') req.body = m.wholeBody;
        if (m.wholeBody === 'deep') req.planted = { where: 'body', field: '0', kind: 'deep-nesting', expectNamed: true };
      } else if (value !== undefined) req.body = bodyText(value, raws);
      if (req.body !== undefined) req.headers['Content-Type'] ??= 'application/json';
    }
    return req;
  });
}

/** The request, as a reader can replay it with curl. */
function describeRequest(r: FuzzRequest): string {
  const qs = r.query.map(([k, v]) => `${encodeURIComponent(k)}=${encodeURIComponent(v)}`).join('&');
  const cut = (s: string) => (s.length > 1500 ? `${s.slice(0, 1500)}… (${s.length} characters)` : s);
  return [
    `${r.method} ${r.path}${qs ? `?${cut(qs)}` : ''}`,
    `  as: ${r.as ?? '(no token)'}`,
    ...Object.entries(r.headers).map(([k, v]) => `  ${k}: ${cut(JSON.stringify(v))}`),
    ...(r.body !== undefined ? [`  body: ${cut(JSON.stringify(r.body).slice(1, -1))}`] : []),
    ...(r.planted ? [`  planted: ${r.planted.kind} at ${r.planted.where} ${JSON.stringify(r.planted.field)}${r.planted.expectNamed ? ' (never valid: a 400 must name it)' : ''}`] : []),
    ...(r.nulPathParam ? [`  NUL in path parameter ${r.nulPathParam}`] : []),
  ].join('\n');
}

// ---------------------------------------------------------------------------------------------
// The test.
// ---------------------------------------------------------------------------------------------

describe('fuzz: every operation of the OpenAPI document, hostile input included', () => {
  let t: TestApp;
  let scratch: { url: string; drop: () => Promise<void> };
  let dataDir: string;
  let base: string;
  const tokens = new Map<string, string>();
  const pools: Pools = { decisions: [], users: [], bodies: ['tv-ubnd-tp-tra-vinh', 'tv-ubnd-phuong-1', 'tv-ubnd-cang-long', 'qn-ubnd-nui-thanh'], powers: ['TV-DD-02', 'TV-DD-03', 'TV-XD-01', 'QN-XD-01'] };

  beforeAll(async () => {
    scratch = await scratchDatabase('fuzz');
    dataDir = mkdtempSync(join(tmpdir(), 'phancap-fuzz-'));
    t = await startTestApp({ DATABASE_URL: scratch.url, DATA_DIR: dataDir, CHECKPOINT_DIR: join(dataDir, 'checkpoints'), LOGIN_RATE_LIMIT: '1000' });
    await t.app.listen(0, '127.0.0.1');
    base = `http://127.0.0.1:${(t.app.getHttpServer().address() as { port: number }).port}`;
    for (const u of DEMO_USERS) tokens.set(u.username, await t.login(u.username));
    // Decisions in several stages, so that commands meet states where they apply.
    const as = (user: string) => ({ Authorization: tokens.get(user)! });
    const must = async (id: string, user: string, command: string, body: object = {}) => {
      const res = await t.http().post(`/api/v1/decisions/${id}/${command}`).set(as(user)).send(body);
      if (res.status !== 200) throw new Error(`${command}: ${res.status} ${res.text}`);
    };
    for (let i = 0; i < 3; i++) {
      for (const proposal of [phanCapProposal(), uyQuyenProposal()]) {
        const res = await t.http().post('/api/v1/decisions').set(as('proposer')).send(proposal);
        if (res.status !== 201) throw new Error(`propose: ${res.status} ${res.text}`);
        const id = res.body.decisionId as string;
        pools.decisions.push(id);
        if (i === 0) continue;
        await must(id, 'proposer', 'submit');
        await must(id, 'reviewer.lead', 'assign-reviewer', { reviewerId: 'user-reviewer' });
        if (i === 1 || proposal.kind === 'phan-cap') continue;
        await must(id, 'reviewer', 'appraise', { opinion: 'favourable', reportNumber: '45/BC-SNV', summary: 'Đủ điều kiện.' });
        await must(id, 'committee', 'decide', { outcome: 'approved', decidedBy: 'chairman' });
        await must(id, 'committee', 'issue', { documentNumber: '1/QĐ-UBND', signer: 'Chủ tịch', signedOn: '2026-03-02', effectiveFrom: '2026-04-01' });
      }
    }
    const user = await t.http().post('/api/v1/users').set(as('admin')).send({
      username: 'fuzz.user', displayName: 'Người thử', role: 'proposer', bodyId: 'tv-so-xay-dung', password: 'ThuNghiem2026',
    });
    if (user.status !== 201) throw new Error(`create user: ${user.status} ${user.text}`);
    pools.users.push(user.body.id);
  }, 120_000);

  afterAll(async () => {
    await t?.close();
    await scratch?.drop();
    if (dataDir) rmSync(dataDir, { recursive: true, force: true });
  });

  it(`≥ ${MIN_REQUESTS} generated requests over every operation: no 5xx, problem documents, the bad field named`, async () => {
    const doc = (await t.http().get('/docs/openapi.json')).body as Doc;
    const resolve = resolver(doc);
    const operations = operationsOf(doc, accessOf(t));
    expect(operations.length).toBeGreaterThan(50);
    const everyone = DEMO_USERS.map((u) => u.username);
    const runs = Math.ceil(MIN_REQUESTS / operations.length) + 1;
    const statuses = new Map<number, number>();
    const failures: string[] = [];
    let sent = 0;
    const started = Date.now();

    const send = async (r: FuzzRequest) => {
      const url = new URL(base + r.path);
      for (const [k, v] of r.query) url.searchParams.append(k, v);
      const headers: Record<string, string> = { ...r.headers };
      if (r.as && !headers.Authorization) headers.Authorization = tokens.get(r.as)!;
      const res = await fetch(url, { method: r.method, headers, body: r.body });
      sent++;
      return { status: res.status, type: res.headers.get('content-type') ?? '', text: await res.text() };
    };

    for (const [index, op] of operations.entries()) {
      const property = fc.asyncProperty(requestArb(op, pools, resolve, everyone), async (r) => {
        const res = await send(r);
        statuses.set(res.status, (statuses.get(res.status) ?? 0) + 1);
        const fail = (why: string) => {
          throw new Error(`${why}\n${describeRequest(r)}\n→ ${res.status} ${res.type}\n${res.text.slice(0, 1500)}`);
        };
        if (res.status >= 500) fail(`${op.id}: a ${res.status}`);
        if (res.status < 400) return;
        if (!/^application\/problem\+json/.test(res.type)) fail(`${op.id}: a ${res.status} that is not a problem document`);
        let body: Record<string, any>;
        try {
          body = JSON.parse(res.text);
        } catch {
          return fail(`${op.id}: a ${res.status} whose problem document is not JSON`);
        }
        for (const k of ['type', 'title', 'detail']) if (typeof body[k] !== 'string' || !body[k]) fail(`${op.id}: the problem document has no ${k}`);
        if (body.status !== res.status) fail(`${op.id}: the problem document says status ${body.status}`);
        if (res.status !== 400 || body.type === 'urn:phancap:problem:malformed-json') return;
        const errors: Array<{ field?: unknown }> = Array.isArray(body.errors) ? body.errors : [];
        if (!errors.length || errors.some((e) => typeof e.field !== 'string' || !e.field)) fail(`${op.id}: a 400 that names no field`);
        if (r.planted?.expectNamed) {
          // The field itself, a part of it, or the array it is an element of (class-validator's `each` names the array).
          const f = r.planted.field;
          const array = f.replace(/(\.\d+)+$/, '');
          const named = (e: string) => e === f || e.startsWith(`${f}.`) || e === array || (f === '0' && /^0(\.0)*$/.test(e)) || e === r.nulPathParam;
          // The calendar's schedule rules write an element as daysOff[7], the rest of the API as daysOff.7.
          if (!errors.some((e) => named(String(e.field).replace(/\[(\d+)\]/g, '.$1')))) {
            fail(`${op.id}: a 400 that does not name the planted field ${JSON.stringify(f)}`);
          }
        }
      });
      try {
        await fc.assert(property, { numRuns: runs, seed: SEED + index, endOnFailure: true });
      } catch (e) {
        // fast-check keeps the property's own error (with the request) as the cause.
        const cause = (e as Error).cause instanceof Error ? ((e as Error).cause as Error).message : '';
        failures.push(`${op.method} ${op.path} (seed ${SEED + index}):\n${cause || (e as Error).message}`);
      }
    }

    const seconds = (Date.now() - started) / 1000;
    const histogram = [...statuses].sort(([a], [b]) => a - b).map(([s, n]) => `${s}×${n}`).join(' ');
    console.log(`fuzz: ${sent} requests over ${operations.length} operations in ${seconds.toFixed(1)} s (seed ${SEED}): ${histogram}`);
    if (failures.length) throw new Error(`${failures.length} operation(s) failed (replay with FUZZ_SEED=${SEED}):\n\n${failures.join('\n\n')}`);
    expect(sent).toBeGreaterThanOrEqual(MIN_REQUESTS);
  }, 240_000);
});
