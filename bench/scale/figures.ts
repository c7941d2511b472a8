import { readFileSync } from 'node:fs';
import pg from 'pg';
import { AuditService } from '@app/audit';
import { CheckDecisionProcessor, DueChecks } from '@app/accountability';
import { cliFile, cliRebuild, keysetRead } from '../figures/rebuild.js';
import { Api } from '../support/api.js';
import { alternate, median, percentile } from '../support/measure.js';
import { log, ms, rate, type Row } from '../support/report.js';
import type { RunningServer } from '../support/servers.js';
import { bootContext, SimClock } from './generate.js';
import { isoDay, dayNum } from './plan.js';

/*
 * What `npm run bench -- scale` measures on the generated log, each beside a floor where one exists:
 * the rebuild (the operator CLI's rebuild-projections vs a bare keyset read), the whole chain's
 * verification (vs the same read), a daily check pass (DueChecks' plan and CheckDecisionProcessor on
 * each planned decision, vs reading those decisions' streams), the board's requests (p50/p99, vs the
 * bare NestJS GET by primary key), the database's size per event and the API's RSS.
 */

const TEN_MILLION = 10_000_000;

async function withClient<T>(url: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await body(c);
  } finally {
    await c.end();
  }
}

export async function logFacts(url: string): Promise<{ events: number; decisions: number; issued: number }> {
  return withClient(url, async (c) => {
    const [r] = (await c.query(`SELECT (SELECT count(*) FROM events)::int AS events, (SELECT count(*) FROM decision_list)::int AS decisions,
      (SELECT count(*) FROM decision_list WHERE stage = 'issued')::int AS issued`)).rows;
    return r;
  });
}

/** The hash chain brought up to date (the background's follower, here in one catch-up), then verified end to end. */
export async function verifyFigure(url: string, events: number, floorEnv: Record<string, string>, rounds: number): Promise<Row[]> {
  const clock = new SimClock();
  const app = await bootContext(url, clock);
  try {
    const audit = app.get(AuditService);
    const t0 = performance.now();
    const chained = await audit.chain();
    const chainMs = performance.now() - t0;
    log(`    the hash chain's catch-up: ${chained} events in ${(chainMs / 1000).toFixed(1)} s (${rate(chained / (chainMs / 1000), 'events/s')})`);
    let result = '';
    const verify = async () => {
      const t = performance.now();
      const r = await audit.verifyLog();
      result = JSON.stringify(r).slice(0, 160);
      return events / ((performance.now() - t) / 1000);
    };
    const floor = async () => {
      const k = await keysetRead(floorEnv);
      return k.rows / (k.ms / 1000);
    };
    const r = await alternate(rounds, verify, floor, (i, a, b) => log(`    round ${i}: verification ${rate(a, 'events/s')}, keyset read ${rate(b, 'events/s')} (${(a / b).toFixed(2)}×)`));
    log(`    verification result: ${result}`);
    const a = median(r.phancap);
    const b = median(r.floor);
    return [
      { figure: `verification (${events.toLocaleString('en-US')} events)`, phancap: rate(a, 'events/s'), floor: rate(b, 'events/s'), ratio: a / b, target: '≥ 50k events/s', met: a >= 50_000 },
      { figure: 'hash chain catch-up', phancap: rate(chained / (chainMs / 1000), 'events/s'), floor: rate(b, 'events/s'), ratio: chained / (chainMs / 1000) / b, target: '—', met: true },
    ];
  } finally {
    await app.close();
  }
}

export async function rebuildFigure(url: string, env: Record<string, string>, events: number, decisions: number, rounds: number): Promise<Row> {
  const cli = cliFile();
  let how = '';
  const rebuild = async () => {
    const t = await cliRebuild(cli, env, decisions);
    how = t.how;
    return events / (t.ms / 1000);
  };
  const floor = async () => {
    const k = await keysetRead(env);
    return k.rows / (k.ms / 1000);
  };
  await floor();
  const r = await alternate(rounds, rebuild, floor, (i, a, b) =>
    log(`    round ${i}: rebuild ${rate(a, 'events/s')} (${(events / a).toFixed(1)} s), keyset read ${rate(b, 'events/s')} (${(events / b).toFixed(1)} s) (${(a / b).toFixed(2)}×)`));
  const a = median(r.phancap);
  const b = median(r.floor);
  return { figure: `rebuild (${events.toLocaleString('en-US')} events)`, phancap: rate(a, 'events/s'), floor: rate(b, 'events/s'), ratio: a / b, target: '≥ 0.5×', met: a / b >= 0.5, ...(how.startsWith('wall') && { note: how }) };
}

/**
 * A day's check pass on the day after the log's last: DueChecks.plan(today), then
 * CheckDecisionProcessor.run for each planned decision, two at a time (the machine's cores). The
 * floor reads each planned decision's stream (what any check of it must read). Then the pass a
 * change of the rules asks for: every issued decision.
 */
export async function dailyFigure(url: string, end: string, events: number): Promise<Row[]> {
  const clock = new SimClock();
  const today = isoDay(dayNum(end) + 1);
  clock.set(today, 10);
  const app = await bootContext(url, clock);
  const pool = new pg.Pool({ connectionString: url, max: 2 });
  try {
    const due = app.get(DueChecks);
    const checks = app.get(CheckDecisionProcessor);
    const run = async (ids: string[], reason: string) => {
      let next = 0;
      let raised = 0;
      await Promise.all([0, 1].map(async () => {
        while (next < ids.length) raised += (await checks.run({ decisionId: ids[next++], reason })).raised;
      }));
      return raised;
    };
    const read = async (ids: string[]) => {
      let next = 0;
      await Promise.all([0, 1].map(async () => {
        while (next < ids.length) await pool.query(`SELECT data, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version`, [ids[next++]]);
      }));
    };
    const rows: Row[] = [];
    const t0 = performance.now();
    const plan = await due.plan(today);
    const planMs = performance.now() - t0;
    const ids = [...plan.decisions.keys()];
    const t1 = performance.now();
    const raised = await run(ids, `daily ${today}`);
    const checkMs = performance.now() - t1;
    await plan.done();
    const t2 = performance.now();
    await read(ids);
    const floorMs = performance.now() - t2;
    const passMs = planMs + checkMs;
    const at10M = (passMs * TEN_MILLION) / events;
    const reasons = new Map<string, number>();
    for (const why of plan.decisions.values()) for (const w of why) reasons.set(w.split(':')[0], (reasons.get(w.split(':')[0]) ?? 0) + 1);
    log(`    daily pass ${today} (after ${plan.after}): plan ${ms(planMs)}, ${ids.length} decisions checked in ${ms(checkMs)} (${raised} findings raised; why: ${[...reasons].map(([k, v]) => `${k} ${v}`).join(', ') || 'none'}); `
      + `reading their streams ${ms(floorMs)}; × ${(TEN_MILLION / events).toFixed(0)} for 10M events: ${(at10M / 60_000).toFixed(2)} min`);
    rows.push({
      figure: `daily check pass (${ids.length} planned)`, phancap: `${ms(passMs)} → ${(at10M / 60_000).toFixed(2)} min @10M`, floor: ms(floorMs),
      ratio: floorMs > 0 ? passMs / floorMs : null, target: '≤ 10 min @10M', met: at10M <= 600_000,
    });
    // A change of the rules or the legal documents: every issued decision once.
    const all: string[] = (await pool.query(`SELECT id FROM decision_list WHERE stage = 'issued' ORDER BY id`)).rows.map((r) => r.id);
    const t3 = performance.now();
    await run(all, `full ${today}`);
    const fullMs = performance.now() - t3;
    const t4 = performance.now();
    await read(all);
    const fullFloor = performance.now() - t4;
    const full10M = (fullMs * TEN_MILLION) / events;
    log(`    full pass (every issued decision, as after a change of the rules): ${all.length} decisions in ${ms(fullMs)} (${ms(fullMs / Math.max(1, all.length))} each), `
      + `reading their streams ${ms(fullFloor)}; at 10M events: ${(full10M / 60_000).toFixed(1)} min`);
    rows.push({
      figure: `full check pass (${all.length} issued)`, phancap: `${ms(fullMs)} → ${(full10M / 60_000).toFixed(1)} min @10M`, floor: ms(fullFloor),
      ratio: fullFloor > 0 ? fullMs / fullFloor : null, target: '—', met: true,
    });
    return rows;
  } finally {
    await pool.end();
    await app.close();
  }
}

interface Sampled {
  label: string;
  /** The last answer's body. */
  last?: string;
  path: () => string;
  user?: string;
}

async function sample(api: Api, s: Sampled, n: number, token?: string): Promise<number[]> {
  const out: number[] = [];
  const headers: Record<string, string> = { accept: 'application/json', ...(token && { authorization: `Bearer ${token}` }) };
  for (let i = 0; i < n; i++) {
    const path = s.path();
    const t = performance.now();
    const res = await fetch(`${api.base}${path}`, { headers });
    const text = await res.text();
    out.push(performance.now() - t);
    if (res.status !== 200) throw new Error(`GET ${path}: ${res.status} ${text.slice(0, 300)}`);
    s.last = text;
  }
  return out;
}

/**
 * The board's requests, one at a time as a user clicks, as the reviewer of the largest province
 * (who sees all of its decisions), each p50/p99 over `n` requests beside the bare app's GET by
 * primary key measured the same way.
 */
export async function httpFigures(phancap: RunningServer, bare: RunningServer, url: string, n: number, end: string, password: string): Promise<Row[]> {
  const api = new Api(phancap.base);
  const floorApi = new Api(bare.base);
  const province = await withClient(url, async (c) => (await c.query(
    `SELECT province_id AS p FROM decision_list GROUP BY 1 ORDER BY count(*) DESC LIMIT 1`)).rows[0].p as string);
  const user = `u-${province}-so-noi-vu-reviewer`;
  const login = await api.request('POST', '/api/v1/auth/login', { username: user, password });
  if (login.status !== 200) throw new Error(`login ${user}: ${login.status} ${JSON.stringify(login.body)}`);
  const token = (login.body as { accessToken: string }).accessToken;
  const facts = await withClient(url, async (c) => {
    const lives = (await c.query(`SELECT e.stream_id AS id, min(e.occurred_at) AS first, max(e.occurred_at) AS last FROM events e
        WHERE e.stream_id IN (SELECT id::text FROM decision_list WHERE province_id = $1 ORDER BY random() LIMIT 200) GROUP BY 1`, [province])).rows
      .map((r) => ({ id: r.id as string, first: new Date(r.first).getTime(), last: new Date(r.last).getTime() }));
    const ids = lives.map((l) => l.id);
    const powers = (await c.query(`SELECT id FROM powers WHERE legal_holder_body_id IN (SELECT id FROM bodies WHERE province_id = $1) ORDER BY id`, [province])).rows.map((r) => r.id as string);
    const bodies = (await c.query(`SELECT DISTINCT delegate_body_id AS id FROM decision_list WHERE province_id = $1 ORDER BY 1`, [province])).rows.map((r) => r.id as string);
    const all = (await c.query(`SELECT id FROM decision_list ORDER BY random() LIMIT 200`)).rows.map((r) => r.id as string);
    const total = (await c.query(`SELECT count(*)::int AS n FROM decision_list WHERE province_id = $1`, [province])).rows[0].n as number;
    return { ids, lives, powers, bodies, all, total };
  });
  log(`    as ${user} (province ${province}, ${facts.total} decisions in scope), ${n} sequential requests per figure`);
  let i = 0;
  const pickOf = <T>(xs: T[]) => xs[i++ % xs.length];
  const start = dayNum(end) - 3650;
  const someDay = () => isoDay(start + Math.floor(Math.random() * 3650));
  let cursor: string | undefined;
  const keyset: Sampled = {
    label: 'GET /decisions keyset pages (limit 50, next cursor)',
    path: () => {
      if (keyset.last) {
        const next = (JSON.parse(keyset.last) as { nextCursor?: string | null }).nextCursor;
        cursor = next ?? undefined;
      }
      return `/api/v1/decisions?limit=50${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;
    },
  };
  const figures: Sampled[] = [
    { label: 'GET /decisions (first page, limit 50)', path: () => '/api/v1/decisions?limit=50' },
    keyset,
    { label: 'GET /decisions?stage=issued&sector=…&limit=50', path: () => `/api/v1/decisions?stage=issued&sector=${pickOf(['dat-dai', 'xay-dung', 'tai-chinh', 'giao-duc', 'y-te', 'noi-vu'])}&limit=50` },
    { label: 'GET /decisions?open=true&overdue=true', path: () => '/api/v1/decisions?open=true&overdue=true&limit=50' },
    { label: 'GET /decisions?delegateBodyId=…', path: () => `/api/v1/decisions?delegateBodyId=${pickOf(facts.bodies)}&limit=50` },
    { label: 'GET /decisions?q=… (search)', path: () => `/api/v1/decisions?q=${encodeURIComponent(pickOf(['xây dựng', 'dat dai', 'phòng khám', 'Tân', 'QĐ-UBND']))}&limit=50` },
    { label: 'GET /registry?powerId=…&at=…', path: () => `/api/v1/registry?powerId=${pickOf(facts.powers)}&at=${someDay()}` },
    { label: 'GET /registry?bodyId=…&at=…', path: () => `/api/v1/registry?bodyId=${pickOf(facts.bodies)}&at=${someDay()}` },
    { label: 'GET /findings?open=true', path: () => '/api/v1/findings?open=true' },
    // As of an instant of the decision's own life (before its first event it did not exist: a 404).
    { label: 'GET /decisions/{id}?at=…', path: () => {
      const l = pickOf(facts.lives);
      return `/api/v1/decisions/${l.id}?at=${encodeURIComponent(new Date(l.first + Math.random() * (l.last - l.first)).toISOString())}`;
    } },
    { label: 'GET /decisions/{id}', path: () => `/api/v1/decisions/${pickOf(facts.ids)}` },
  ];
  const floorSampled: Sampled = { label: 'bare GET by primary key', path: () => `/floor/${pickOf(facts.all)}` };
  // Warm-up: a few of each, so the first measured requests do not pay for the JIT.
  for (const f of figures) await sample(api, { ...f }, 10, token);
  await sample(floorApi, floorSampled, 20);
  const rows: Row[] = [];
  for (const f of figures) {
    const a = await sample(api, f, n, token);
    const b = await sample(floorApi, floorSampled, n);
    const p50 = percentile(a, 50);
    const p99 = percentile(a, 99);
    const f50 = percentile(b, 50);
    const f99 = percentile(b, 99);
    const bytes = (f.last ?? '').length;
    log(`    ${f.label}: p50 ${ms(p50)}, p99 ${ms(p99)} (last answer ${(bytes / 1024).toFixed(1)} KB); floor p50 ${ms(f50)}, p99 ${ms(f99)}`);
    rows.push({ figure: f.label, phancap: `p50 ${ms(p50)}, p99 ${ms(p99)}`, floor: `p50 ${ms(f50)}, p99 ${ms(f99)}`, ratio: p99 / f99, target: 'p99 < 50 ms', met: p99 < 50 });
  }
  return rows;
}

/** The database's size per event (every table and index), and the largest relations. */
export async function sizeFigure(url: string, events: number): Promise<Row> {
  return withClient(url, async (c) => {
    const [{ size }] = (await c.query(`SELECT pg_database_size(current_database())::bigint AS size`)).rows;
    const top = (await c.query(`SELECT c.relname AS name, pg_total_relation_size(c.oid)::bigint AS bytes FROM pg_class c
        JOIN pg_namespace n ON n.oid = c.relnamespace WHERE n.nspname = 'public' AND c.relkind = 'r' ORDER BY 2 DESC LIMIT 6`)).rows;
    const perEvent = Number(size) / events;
    log(`    database ${(Number(size) / 2 ** 20).toFixed(0)} MiB for ${events.toLocaleString('en-US')} events: ${(perEvent / 1024).toFixed(2)} KB per event; `
      + `largest (with indexes and TOAST): ${top.map((t) => `${t.name} ${(Number(t.bytes) / 2 ** 20).toFixed(0)} MiB`).join(', ')}`);
    return { figure: 'database size per event', phancap: `${(perEvent / 1024).toFixed(2)} KB`, floor: '—', ratio: null, target: '< 3 KB', met: perEvent < 3 * 1024, note: 'all tables and indexes (pg_database_size) / events' };
  });
}

export function rssOf(pid: number): { rss: number; hwm: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (k: string) => Number(new RegExp(`${k}:\\s+(\\d+)`).exec(status)?.[1] ?? 0) * 1024;
  return { rss: kb('VmRSS'), hwm: kb('VmHWM') };
}
