import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { WorkerModule } from './worker.module.js';
import { validateEnvironment } from '@app/kernel';

/**
 * The worker process: a processor for each queue (checks, reminders), the intent dispatcher that
 * turns what the workflows asked for into jobs, the reconciler that re-creates jobs Redis lost, and
 * the hash chain. Needs REDIS_URL and DATABASE_URL; several workers may run against one Redis and
 * one PostgreSQL.
 */
async function main(): Promise<void> {
  try {
    const env = validateEnvironment(process.env);
    if (!env.REDIS_URL || !env.DATABASE_URL) throw new Error('Invalid configuration:\n  - the worker needs REDIS_URL and DATABASE_URL');
  } catch (e) {
    console.error((e as Error).message);
    process.exit(1);
  }
  const app = await NestFactory.createApplicationContext(WorkerModule, { logger: ['log', 'warn', 'error'] });
  app.enableShutdownHooks();
  new Logger('phancap-worker').log('Worker started');
}

void main().catch((e) => {
  console.error(e);
  process.exit(1);
});
