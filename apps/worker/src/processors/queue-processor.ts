import { Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import type { ConfigService } from '@nestjs/config';
import type { Worker } from 'bullmq';
import { bullSettings, startQueueWorker, type JobName, type JobPayloads, type QueueName } from '@app/jobs';

/**
 * One BullMQ queue's processor in the worker process: it starts the queue's worker when the app
 * boots and lets the jobs in flight finish when it stops. Each queue has exactly one (worker.module.ts).
 */
export abstract class QueueProcessor implements OnApplicationBootstrap, OnApplicationShutdown {
  abstract readonly queue: QueueName;
  private worker?: Worker;

  constructor(protected readonly config: ConfigService) {}

  /** Runs one job of this queue. */
  protected abstract handle<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<unknown>;

  /** Jobs of this queue the worker runs at once. */
  protected concurrency(): number {
    return Number(this.config.get('WORKER_CONCURRENCY') ?? 4);
  }

  onApplicationBootstrap(): void {
    if (this.config.get('BACKGROUND_JOBS') === 'off') return;
    const redis = this.config.getOrThrow<string>('REDIS_URL');
    this.worker = startQueueWorker(bullSettings(redis, this.config.get('QUEUE_PREFIX')), this.queue, (name, payload) => this.handle(name, payload),
      this.concurrency());
    new Logger(`Queue ${this.queue}`).log(`Processing jobs (${this.concurrency()} at once)`);
  }

  async onApplicationShutdown(): Promise<void> {
    await this.worker?.close();
  }
}
