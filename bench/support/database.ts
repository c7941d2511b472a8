import pg from 'pg';

export interface BenchDatabase {
  name: string;
  url: string;
  drop: () => Promise<void>;
}

/** A database of the run's own on the server at `baseUrl`, dropped at the end: no other data is touched. */
export async function createBenchDatabase(baseUrl: string): Promise<BenchDatabase> {
  const name = `phancap_bench_${process.pid}`;
  const admin = new pg.Client({ connectionString: baseUrl });
  try {
    await admin.connect();
  } catch (e) {
    throw new Error(`The bench needs PostgreSQL at DATABASE_URL=${baseUrl}, which refused: ${(e as Error).message}`);
  }
  try {
    // Only a bench run of a process with this same pid can have left it (a killed run).
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(baseUrl);
  url.pathname = `/${name}`;
  let dropped = false;
  return {
    name,
    url: url.toString(),
    drop: async () => {
      if (dropped) return;
      dropped = true;
      const c = new pg.Client({ connectionString: baseUrl });
      await c.connect();
      try {
        await c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await c.end();
      }
    },
  };
}

async function withClient<T>(url: string, body: (c: pg.Client) => Promise<T>): Promise<T> {
  const c = new pg.Client({ connectionString: url });
  await c.connect();
  try {
    return await body(c);
  } finally {
    await c.end();
  }
}

/** The server's PostgreSQL runs with autovacuum off on these machines: without this, plans go stale. */
export async function vacuumAnalyze(url: string): Promise<number> {
  const started = performance.now();
  await withClient(url, (c) => c.query('VACUUM ANALYZE'));
  return performance.now() - started;
}

export interface ServerFacts {
  version: string;
  autovacuum: string;
  sharedBuffers: string;
  synchronousCommit: string;
}

export function serverFacts(url: string): Promise<ServerFacts> {
  return withClient(url, async (c) => {
    const show = async (name: string) => (await c.query(`SELECT current_setting($1) AS v`, [name])).rows[0].v as string;
    return {
      version: await show('server_version'),
      autovacuum: await show('autovacuum'),
      sharedBuffers: await show('shared_buffers'),
      synchronousCommit: await show('synchronous_commit'),
    };
  });
}

/** The table the floor app's POST inserts into: one row per request, like a proposal's first event. */
export function createFloorTable(url: string): Promise<unknown> {
  return withClient(url, (c) => c.query(`CREATE TABLE bench_floor_proposals (id uuid PRIMARY KEY, body jsonb NOT NULL,
    created_at timestamptz NOT NULL DEFAULT clock_timestamp())`));
}

/**
 * What the database's other sessions are doing, one line per state, for a stall: e.g. every pool
 * connection "idle in transaction" behind the same statement means the transactions wait in Node
 * for a connection that none of them will give back.
 */
export function sessionStates(url: string): Promise<string> {
  return withClient(url, async (c) => {
    const { rows } = await c.query(`SELECT coalesce(state, '?') AS state, count(*)::int AS n,
        round(extract(epoch FROM max(now() - xact_start))::numeric, 1) AS oldest,
        (array_agg(regexp_replace(left(query, 100), '\\s+', ' ', 'g') ORDER BY xact_start NULLS LAST))[1] AS query
      FROM pg_stat_activity WHERE datname = current_database() AND pid <> pg_backend_pid() GROUP BY 1 ORDER BY 2 DESC`);
    return rows.map((r) => `${r.n} ${r.state}${r.oldest === null ? '' : ` (oldest transaction ${r.oldest} s)`}, e.g. ${r.query}`).join('; ');
  });
}
