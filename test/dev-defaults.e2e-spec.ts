import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { DEMO_PASSWORD, embeddedDataDir, freePort, runningEmbeddedPostgres, startEmbeddedPostgres } from '@app/operator';

const API = resolve('dist/apps/api/src/main.js');
const CLI = resolve('dist/apps/cli/src/main.js');

/** A process of the built product with only these variables: no DATABASE_URL, as on a fresh machine. */
function run(file: string, args: string[], env: Record<string, string>) {
  const child = spawn(process.execPath, [file, ...args], { env: { PATH: process.env.PATH ?? '', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout!.on('data', (b) => (out += b));
  child.stderr!.on('data', (b) => (out += b));
  return { child, output: () => out, exited: new Promise<number | null>((done) => child.on('exit', (code) => done(code))) };
}

async function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const p = run(CLI, args, env);
  const code = await p.exited;
  return { code, out: p.output() };
}

async function until<T>(what: string, probe: () => T | undefined, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** Local addresses of the TCP sockets listening on `port` (Linux: /proc/net/tcp), e.g. ['127.0.0.1']. */
function listeningAddresses(port: number): string[] | undefined {
  if (!existsSync('/proc/net/tcp')) return undefined;
  const hex = port.toString(16).toUpperCase().padStart(4, '0');
  return readFileSync('/proc/net/tcp', 'utf8').split('\n').slice(1)
    .map((l) => l.trim().split(/\s+/))
    .filter((f) => f[1]?.endsWith(`:${hex}`) && f[3] === '0A')
    .map((f) => f[1].split(':')[0].match(/../g)!.reverse().map((b) => parseInt(b, 16)).join('.'));
}

describe('the embedded default, as `npm start` and `npm run cli` run it (built)', () => {
  const dirs: string[] = [];
  const tempDataDir = () => {
    const d = mkdtempSync(join(tmpdir(), 'phancap-dev-'));
    dirs.push(d);
    return d;
  };
  beforeAll(() => {
    for (const f of [API, CLI]) if (!existsSync(f)) throw new Error(`${f} is missing: npm test builds it (npm run build:api) before the end-to-end tests`);
  });
  afterAll(() => {
    for (const d of dirs) rmSync(d, { recursive: true, force: true });
  });

  it('the CLI without DATABASE_URL reaches the embedded database running under DATA_DIR, and starts (then stops) it when none runs', async () => {
    const dataDir = tempDataDir();
    const pgDir = embeddedDataDir(dataDir);
    // Started by someone else (the product's own helper, on a port the CLI is not told).
    const db = await startEmbeddedPostgres({ dataDir: pgDir, persistent: true, onLog: () => undefined });
    const env = { DATA_DIR: dataDir, NODE_ENV: 'test' };
    try {
      const migrated = await cli(['migrate'], env);
      expect(migrated.out).toContain(`Using the embedded PostgreSQL running in ${pgDir}: postgres://postgres:phancap@127.0.0.1:${db.port}/phancap`);
      expect(migrated).toMatchObject({ code: 0 });
      expect((await cli(['seed-demo'], env)).code).toBe(0);
      const stats = await cli(['stats', '--json'], env);
      expect(stats.code).toBe(0);
      const events = (JSON.parse(stats.out.slice(stats.out.indexOf('{'))) as { events: number }).events;
      expect(events).toBeGreaterThan(0);

      // The same database the helper started: the CLI's seed is there.
      const client = new pg.Client({ connectionString: db.url });
      await client.connect();
      try {
        expect((await client.query(`SELECT count(*)::int AS n FROM events`)).rows[0].n).toBe(events);
      } finally {
        await client.end();
      }
    } finally {
      await db.stop();
    }

    // Nothing runs now: the command starts it on EMBEDDED_PG_PORT, works, and stops it after.
    const port = await freePort();
    const verify = await cli(['verify'], { ...env, EMBEDDED_PG_PORT: String(port) });
    expect(verify.out).toContain(`Started the embedded PostgreSQL in ${pgDir} at postgres://postgres:phancap@127.0.0.1:${port}/phancap`);
    expect(verify.out).toMatch(/^intact: \d+ event\(s\) checked/m);
    expect(verify.code).toBe(0);
    expect(runningEmbeddedPostgres(pgDir)).toBeUndefined();

    // A DATA_DIR without a database is an error that says what to do.
    const none = await cli(['stats'], { DATA_DIR: tempDataDir(), NODE_ENV: 'test' });
    expect(none.code).toBe(1);
    expect(none.out).toContain('run npm start once to create it, or set DATABASE_URL');
  });

  it('the API: on 127.0.0.1, the embedded PostgreSQL on a fixed port it logs, and a JWT secret under DATA_DIR that outlives a restart', async () => {
    const dataDir = tempDataDir();
    const [port, pgPort] = [await freePort(), await freePort()];
    // NODE_ENV unset: development, as `npm start` runs.
    const env = { DATA_DIR: dataDir, PORT: String(port), EMBEDDED_PG_PORT: String(pgPort), BACKGROUND_JOBS: 'off' };
    const start = async () => {
      const api = run(API, [], env);
      await until('the API to listen', () => (/phancap API listening on/.test(api.output()) ? true : undefined) ?? (api.child.exitCode !== null ? (() => { throw new Error(api.output()); })() : undefined));
      return api;
    };
    const stop = async (api: { child: ChildProcess; exited: Promise<number | null> }) => {
      api.child.kill('SIGTERM');
      await api.exited;
    };
    const base = `http://127.0.0.1:${port}`;

    let api = await start();
    let token: string;
    try {
      expect(api.output()).toContain(`phancap API listening on 127.0.0.1:${port}`);
      const listening = listeningAddresses(port);
      if (listening) expect(listening).toEqual(['127.0.0.1']);
      expect(api.output()).toContain(`embedded PostgreSQL started at postgres://postgres:phancap@127.0.0.1:${pgPort}/phancap`);
      if (listeningAddresses(pgPort)) expect(listeningAddresses(pgPort)).toEqual(['127.0.0.1']);

      const login = await fetch(`${base}/api/v1/auth/login`, {
        method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ username: 'auditor', password: DEMO_PASSWORD }),
      });
      expect(login.status).toBe(200);
      token = ((await login.json()) as { accessToken: string }).accessToken;
      expect(statSync(join(dataDir, 'jwt-secret')).mode & 0o777).toBe(0o600);

      // While it runs, the CLI finds its database.
      const stats = await cli(['stats'], { DATA_DIR: dataDir, NODE_ENV: 'test' });
      expect(stats.out).toContain(`Using the embedded PostgreSQL running in ${embeddedDataDir(dataDir)}: postgres://postgres:phancap@127.0.0.1:${pgPort}/phancap`);
      expect(stats.code).toBe(0);
    } finally {
      await stop(api);
    }
    expect(runningEmbeddedPostgres(embeddedDataDir(dataDir))).toBeUndefined();

    // A restart: the token issued before it is still good.
    api = await start();
    try {
      const me = await fetch(`${base}/api/v1/auth/me`, { headers: { authorization: `Bearer ${token}` } });
      expect(me.status).toBe(200);
    } finally {
      await stop(api);
    }
  });
});
