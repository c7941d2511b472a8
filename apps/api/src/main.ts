import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { Logger } from '@nestjs/common';
import { createApp } from './app.js';
import { listenHost, openableUrl } from './listen-host.js';
import { validateEnvironment } from '@app/kernel';
import { DEFAULT_EMBEDDED_PG_PORT, embeddedDataDir, startEmbeddedPostgres, type EmbeddedDatabase } from '@app/operator';

/**
 * Starts the API. With no DATABASE_URL it starts an embedded PostgreSQL under DATA_DIR (or uses the
 * one already running there), seeds the demo province and listens on 127.0.0.1 unless HOST says
 * otherwise; with DATABASE_URL it uses that server, seeds only when SEED_DEMO=true and listens on 0.0.0.0.
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
    const dataDir = embeddedDataDir(env.DATA_DIR);
    embedded = await startEmbeddedPostgres({
      dataDir,
      persistent: true,
      port: env.EMBEDDED_PG_PORT ?? DEFAULT_EMBEDDED_PG_PORT,
      // The default port may be another checkout's; a port asked for explicitly must be that port.
      fallbackToFreePort: env.EMBEDDED_PG_PORT === undefined,
      reuseRunning: true,
      onLog: (line) => logger.warn(line),
    });
    // The password is the published local one: the embedded database listens on 127.0.0.1 only.
    logger.log(`No DATABASE_URL: embedded PostgreSQL ${embedded.startedHere ? 'started' : 'already running'} at ${embedded.url} `
      + `(data in ${dataDir}; npm run cli -- <command> finds it there)`);
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
  await app.listen(env.PORT, listenHost(env.HOST, !!embedded));
  const address = app.getHttpServer().address() as AddressInfo;
  const url = openableUrl(address.address, address.port);
  logger.log(`phancap API listening on ${address.address}:${address.port}: ${url} (OpenAPI: ${url}/docs)`);
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
