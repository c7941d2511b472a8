import { Injectable, Logger, type OnApplicationBootstrap, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { AuditService } from '@app/audit';
import { JobHandlers, JobQueue } from '@app/jobs';
import { IntentDispatcher } from './intent-dispatcher.js';
import { Reconciler } from './reconciler.js';

/** 'api' serves HTTP (and runs the jobs in-process without Redis); 'worker' runs the BullMQ workers; 'cli' runs nothing by itself. */
export type ProcessRole = 'api' | 'worker' | 'cli';

/**
 * Who runs the background work. With REDIS_URL the worker processes do (BullMQ workers, the intent
 * dispatcher, the reconciler and the hash chain; several may run: the intents' leases, the chain
 * follower's checkpoint lock and the job ids keep each job done once) and the API only serves. Without it (the embedded default) the API runs the
 * same processors in-process. BACKGROUND_JOBS=off stops the loops (tests drive them by hand).
 */
@Injectable()
export class BackgroundJobs implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger('BackgroundJobs');
  private timers: NodeJS.Timeout[] = [];
  private running = new Set<string>();

  constructor(
    private readonly role: ProcessRole,
    private readonly config: ConfigService,
    private readonly handlers: JobHandlers,
    private readonly dispatcher: IntentDispatcher,
    private readonly reconciler: Reconciler,
    private readonly queue: JobQueue,
    private readonly audit: AuditService,
  ) {}

  get active(): boolean {
    if (this.config.get('BACKGROUND_JOBS') === 'off' || this.role === 'cli') return false;
    return this.role === 'worker' || !this.config.get('REDIS_URL');
  }

  onApplicationBootstrap(): void {
    this.handlers.verify();
    if (!this.active) return;
    const redis = this.config.get<string>('REDIS_URL');
    // The worker app's processors (apps/worker/src/processors, one per queue) run the queued jobs.
    if (this.role === 'worker' && !redis) throw new Error('The worker needs REDIS_URL (without it the API runs the jobs in-process).');
    // What the workflows asked for (intents), handed to the queue; a full batch is followed by the next at once.
    this.every('dispatch intents', Number(this.config.get('FOLLOW_INTERVAL_MS') ?? 1000), async () => {
      while ((await this.dispatcher.poll()) > 0 && this.timers.length);
    });
    this.every('reconcile', Number(this.config.get('RECONCILE_INTERVAL_MS') ?? 60_000), () => this.reconciler.tick());
    // The log-wide hash chain follows the log after commit; checkpoints of its head go out of the database.
    this.every('hash chain', Number(this.config.get('CHAIN_INTERVAL_MS') ?? 1000), () => this.audit.chain());
    this.every('checkpoint', Number(this.config.get('CHECKPOINT_INTERVAL_MS') ?? 3_600_000), () => this.audit.publishIfMoved());
    this.logger.log(`Background jobs running ${redis ? 'on BullMQ' : 'in-process (no REDIS_URL)'}`);
  }

  async onApplicationShutdown(): Promise<void> {
    this.timers.forEach(clearInterval);
    await this.queue.close();
  }

  /** Runs a loop body on an interval, never two at once, logging instead of crashing on failure. */
  private every(name: string, ms: number, body: () => Promise<unknown>): void {
    const run = async () => {
      if (this.running.has(name)) return;
      this.running.add(name);
      try {
        await body();
      } catch (e) {
        this.logger.error(`${name}: ${(e as Error).message}`);
      } finally {
        this.running.delete(name);
      }
    };
    void run();
    this.timers.push(setInterval(run, ms).unref());
  }
}
