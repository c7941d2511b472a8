import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { validateEnvironment } from '@app/kernel';
import { DEFAULT_EMBEDDED_PG_PORT, embeddedDataDir, embeddedUrl, runningEmbeddedPostgres, startEmbeddedPostgres } from '@app/operator';

export interface CliDatabase {
  url: string;
  /** Stops the embedded PostgreSQL when this command started it; otherwise nothing. */
  release(): Promise<void>;
}

/**
 * The database the operator commands work on: DATABASE_URL when set; otherwise the embedded default's
 * under DATA_DIR, as `npm start` left it. A running one is found from its postmaster.pid (its port,
 * whoever started it); when none runs, this command starts it and stops it after. A DATA_DIR with no
 * embedded database yet is an error: `npm start` creates and seeds it.
 */
export async function cliDatabase(raw: NodeJS.ProcessEnv, note: (line: string) => void): Promise<CliDatabase> {
  const env = validateEnvironment(raw);
  if (env.DATABASE_URL) return { url: env.DATABASE_URL, release: async () => undefined };
  const dataDir = embeddedDataDir(env.DATA_DIR);
  if (!existsSync(join(dataDir, 'PG_VERSION'))) {
    throw new Error(`DATABASE_URL is not set and there is no embedded database in ${dataDir} (DATA_DIR=${env.DATA_DIR}): `
      + 'run npm start once to create it, or set DATABASE_URL.');
  }
  const running = runningEmbeddedPostgres(dataDir);
  if (running) {
    note(`Using the embedded PostgreSQL running in ${dataDir}: ${embeddedUrl(running.port)}`);
    return { url: embeddedUrl(running.port), release: async () => undefined };
  }
  const started = await startEmbeddedPostgres({
    dataDir,
    persistent: true,
    port: env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT,
    fallbackToFreePort: env.EMBEDDED_PG_PORT === undefined,
    // If the API started it in the meantime, use that one.
    reuseRunning: true,
    onLog: note,
  });
  note(`Started the embedded PostgreSQL in ${dataDir} at ${started.url} for this command; it stops when the command ends.`);
  return { url: started.url, release: () => started.stop() };
}
