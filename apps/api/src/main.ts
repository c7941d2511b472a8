import 'reflect-metadata';
import { resolve } from 'node:path';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { validateEnvironment } from '@app/kernel';
import { startEmbeddedPostgres, type EmbeddedDatabase } from '@app/operator';

/**
 * Starts the API. With no DATABASE_URL it starts an embedded PostgreSQL under DATA_DIR and seeds the
 * demo province; with DATABASE_URL it uses that server and seeds only when SEED_DEMO=true.
 */
async function main(): Promise<void> {
  const logger = new Logger('phancap');
  let env;
  try {
    env = validateEnvironment(process.env);
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  let embedded: EmbeddedDatabase | undefined;
  if (!env.DATABASE_URL) {
    const dataDir = resolve(env.DATA_DIR, 'postgres');
    logger.log(`No DATABASE_URL: starting embedded PostgreSQL in ${dataDir}`);
    embedded = await startEmbeddedPostgres({ dataDir, persistent: true });
    process.env.DATABASE_URL = embedded.url;
    process.env.SEED_DEMO ??= 'true';
  }
  const app = await createApp();
  const stop = async () => {
    await app.close();
    await embedded?.stop();
    process.exit(0);
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
  await app.listen(env.PORT, env.HOST);
  logger.log(`phancap API on http://localhost:${env.PORT} (OpenAPI: http://localhost:${env.PORT}/docs)`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
