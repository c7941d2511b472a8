import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from '../../apps/worker/src/worker.module.js';

/**
 * The real worker as `npm run start:worker` builds it (WorkerModule: the reminder processor with its
 * batches, the checks processor, the intent dispatcher, the reconciler, the hash chain), in a process
 * of its own. The parent sets the environment (DATABASE_URL, REDIS_URL, QUEUE_PREFIX, SMTP_URL).
 */
try {
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['error'] });
  process.send?.({ type: 'ready' });
  process.once('disconnect', () => void app.close().finally(() => process.exit(0)));
} catch (e) {
  process.send?.({ type: 'error', message: (e as Error).stack ?? String(e) });
  process.exit(1);
}
