import { Logger } from '@nestjs/common';
import { Queue, Worker, type ConnectionOptions } from 'bullmq';
import { JobQueue, JOB_NAMES, QUEUE_NAMES, QUEUE_OF, type JobHandlers, type JobName, type JobOptions, type JobPayloads, type QueueName, type QueuedJob } from './jobs.js';

export interface BullSettings {
  connection: ConnectionOptions;
  /** Key prefix; tests use their own. */
  prefix?: string;
}


const FINISHED = new Set(['completed', 'failed', 'unknown']);

/** Jobs per `addBulk` call (one Redis round trip each; BullMQ runs them as one MULTI). */
const BULK = 1000;

const jobOptions = (jobId: string, delay: number) => ({
  jobId: bullJobId(jobId),
  delay,
  attempts: 8,
  backoff: { type: 'exponential' as const, delay: 2000 },
  removeOnComplete: { age: 7 * 24 * 3600 },
  removeOnFail: { age: 30 * 24 * 3600 },
});

/** BullMQ reserves ':' in job ids (its key separator); ours use it, so it is swapped for '~'. */
export const bullJobId = (jobId: string) => jobId.replaceAll(':', '~');

/** BullMQ queues on Redis. A delayed job is only the trigger: the deadline table is the truth. */
export class BullJobQueue extends JobQueue {
  readonly queues: Map<string, Queue>;

  constructor(private readonly settings: BullSettings) {
    super();
    this.queues = new Map(QUEUE_NAMES.map((q) => [q, new Queue(q, { connection: settings.connection, prefix: settings.prefix })]));
  }

  async enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: JobOptions): Promise<void> {
    const delay = options.runAt ? Math.max(0, options.runAt.getTime() - Date.now()) : 0;
    // A finished job keeps its id (for the dashboard) and would swallow the new one: clear it first.
    const old = await this.queue(name).getJob(bullJobId(options.jobId));
    if (old && FINISHED.has(await old.getState())) await old.remove();
    await this.queue(name).add(name, payload, jobOptions(options.jobId, delay));
  }

  /**
   * `addBulk` in batches of 1,000. The states of all the ids are asked at once (the commands go out
   * without waiting for each other's answers): an id still waiting, delayed or running is skipped;
   * a finished one is removed first, as `enqueue` does, so that the new job is not swallowed by it.
   */
  async enqueueMany<N extends JobName>(name: N, jobs: ReadonlyArray<QueuedJob<N>>): Promise<number> {
    const queue = this.queue(name);
    const unique = [...new Map(jobs.map((j) => [bullJobId(j.options.jobId), j])).values()];
    let queued = 0;
    for (let i = 0; i < unique.length; i += BULK) {
      const slice = unique.slice(i, i + BULK);
      const states = await Promise.all(slice.map((j) => queue.getJobState(bullJobId(j.options.jobId))));
      const finished = slice.filter((_, k) => states[k] === 'completed' || states[k] === 'failed');
      await Promise.all(finished.map((j) => queue.remove(bullJobId(j.options.jobId))));
      const fresh = slice.filter((_, k) => FINISHED.has(states[k]));
      if (!fresh.length) continue;
      const now = Date.now();
      await queue.addBulk(fresh.map((j) => ({
        name,
        data: j.payload,
        opts: jobOptions(j.options.jobId, j.options.runAt ? Math.max(0, j.options.runAt.getTime() - now) : 0),
      })));
      queued += fresh.length;
    }
    return queued;
  }

  async pending(name: JobName, jobId: string): Promise<boolean> {
    const job = await this.queue(name).getJob(bullJobId(jobId));
    return !!job && !FINISHED.has(await job.getState());
  }

  async close(): Promise<void> {
    await Promise.all([...this.queues.values()].map((q) => q.close()));
  }

  private queue(name: JobName): Queue {
    return this.queues.get(QUEUE_OF[name])!;
  }
}

/**
 * A BullMQ worker on one queue: each job of one of the queue's job names is handed to `handle`; a job
 * of another name fails (it was sent to the wrong queue).
 */
export function startQueueWorker(
  settings: BullSettings,
  queue: QueueName,
  handle: <N extends JobName>(name: N, payload: JobPayloads[N]) => Promise<unknown>,
  concurrency = 4,
): Worker {
  const logger = new Logger(`Queue ${queue}`);
  const names = JOB_NAMES.filter((n) => QUEUE_OF[n] === queue);
  const worker = new Worker(
    queue,
    async (job) => {
      if (!names.includes(job.name as JobName)) throw new Error(`Job "${job.name}" does not belong to queue ${queue}`);
      return handle(job.name as JobName, job.data);
    },
    { connection: settings.connection, prefix: settings.prefix, concurrency },
  );
  worker.on('failed', (job, err) => logger.warn(`${job?.id} failed (attempt ${job?.attemptsMade}): ${err.message}`));
  return worker;
}

/** One BullMQ worker per queue, each job handed to its registered handler (tests; the worker app has a processor per queue). */
export function startBullWorkers(settings: BullSettings, handlers: JobHandlers, concurrency = 4): Worker[] {
  handlers.verify();
  return QUEUE_NAMES.map((queue) => startQueueWorker(settings, queue, (name, payload) => handlers.run(name, payload), concurrency));
}
