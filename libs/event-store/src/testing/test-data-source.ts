import pg from 'pg';
import { DataSource } from 'typeorm';
import { EVENT_STORE_MIGRATIONS } from '../migrations/1732400000000-event-store.js';

function url(): string {
  const u = process.env.TEST_DATABASE_URL;
  if (!u) throw new Error('TEST_DATABASE_URL is unset: run through the int jest project (global setup)');
  return u;
}

/** A schema of its own per test file, so files never see each other's rows. */
export async function createSchema(schema: string): Promise<void> {
  const c = new pg.Client({ connectionString: url() });
  await c.connect();
  try {
    await c.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await c.query(`CREATE SCHEMA "${schema}"`);
  } finally {
    await c.end();
  }
}

/** A pool whose connections all resolve unqualified names in `schema`. */
export async function openDataSource(schema: string, opts: { poolSize?: number; migrate?: boolean } = {}): Promise<DataSource> {
  const ds = new DataSource({
    type: 'postgres',
    url: url(),
    schema,
    poolSize: opts.poolSize ?? 10,
    extra: { options: `-c search_path=${schema}` },
    migrations: EVENT_STORE_MIGRATIONS,
    logging: false,
  });
  await ds.initialize();
  if (opts.migrate ?? true) await ds.runMigrations();
  return ds;
}

/** A plain connection for holding transactions open by hand. */
export async function openClient(schema: string): Promise<pg.Client> {
  const c = new pg.Client({ connectionString: url(), options: `-c search_path=${schema}` });
  await c.connect();
  return c;
}

export const meta = (occurredAt = '2025-01-01T00:00:00.000Z', extra: Record<string, unknown> = {}) => ({
  actorId: 'user-1', actorRole: 'officer', actorBodyId: 'body-1', occurredAt,
  correlationId: 'corr-1', causationId: 'cause-1', ...extra,
});

/** Resolves once some session of this database is blocked on a lock (a race is staged). */
export async function waitForLockWait(source: DataSource): Promise<void> {
  for (let i = 0; i < 500; i++) {
    const [{ n }] = await source.query(
      `SELECT count(*)::int AS n FROM pg_stat_activity WHERE datname = current_database() AND wait_event_type = 'Lock'`,
    );
    if (n > 0) return;
    await new Promise((r) => setTimeout(r, 10));
  }
  throw new Error('no session ever waited on a lock');
}
