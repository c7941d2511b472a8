import 'reflect-metadata';
import type { AddressInfo } from 'node:net';
import { createApp } from '../../apps/api/src/app.js';

/**
 * The real API as `npm start` builds it (createApp), in a process of its own. The parent sets the
 * environment: DATABASE_URL (the bench database), SEED_DEMO=true, BACKGROUND_JOBS=off, logger off.
 */
try {
  const app = await createApp({ logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = app.getHttpServer().address() as AddressInfo;
  process.send?.({ type: 'listening', port });
  process.once('disconnect', () => void app.close().finally(() => process.exit(0)));
} catch (e) {
  process.send?.({ type: 'error', message: (e as Error).stack ?? String(e) });
  process.exit(1);
}
