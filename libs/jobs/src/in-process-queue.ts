import { Logger } from '@nestjs/common';
import { JobQueue, type JobHandlers, type JobName, type JobOptions, type JobPayloads } from './jobs.js';

/**
 * The embedded default (no REDIS_URL): a job due now runs at once, in this process; one due later is
 * left to the reconciler, which finds it again in the deadline table when its time comes. Nothing is
 * held only in memory, so a restart loses nothing.
 */
export class InProcessJobQueue extends JobQueue {
  private readonly logger = new Logger('InProcessJobQueue');

  constructor(
    private readonly handlers: JobHandlers,
    private readonly now: () => Date,
  ) {
    super();
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: JobOptions): Promise<void> {
    if (options.runAt && options.runAt > this.now()) return;
    try {
      await this.handlers.run(name, payload);
    } catch (e) {
      // The follower or the reconciler will offer the job again; its id keeps it from running twice.
      this.logger.warn(`${options.jobId} failed: ${(e as Error).message}`);
      throw e;
    }
  }

  async pending(): Promise<boolean> {
    return false;
  }

  async close(): Promise<void> {}
}
