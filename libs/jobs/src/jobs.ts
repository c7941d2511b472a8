/**
 * The background jobs: one name union, one payload type per job. Job ids are derived from what the
 * job is about, so a replay of the log, a retry or a reconciler pass never creates a second job.
 */
export interface JobPayloads {
  /** Run the accountability checks of one decision and record what they find on its stream. */
  'check-decision': { decisionId: string; reason: string };
  /** Remind the people responsible before a deadline, or escalate to the head of the body after it. */
  'send-reminder': { deadlineId: string; type: 'remind' | 'escalate' };
  /** Tell the next actor (inbox, e-mail) that the event at `version` passed the decision on to them. */
  'notify-handoff': {
    decisionId: string;
    version: number;
    eventType: string;
    to: Array<{ role?: string; bodyId?: string | null; userId?: string | null }>;
  };
}

export type JobName = keyof JobPayloads;
export const JOB_NAMES: readonly JobName[] = ['check-decision', 'send-reminder', 'notify-handoff'];

export const QUEUE_NAMES = ['checks', 'reminders'] as const;
export type QueueName = (typeof QUEUE_NAMES)[number];

export const QUEUE_OF: Record<JobName, QueueName> = {
  'check-decision': 'checks',
  'send-reminder': 'reminders',
  // Notices share the reminders' queue (and its processor): both are one notification sent once.
  'notify-handoff': 'reminders',
};

/**
 * Refuses to start a worker whose processors do not cover each queue exactly once: a queue without
 * one would fill up unseen; a queue with two would run its jobs in two ways.
 */
export function assertOneProcessorPerQueue(processors: ReadonlyArray<{ queue: QueueName }>): void {
  const missing = QUEUE_NAMES.filter((q) => !processors.some((p) => p.queue === q));
  const doubled = QUEUE_NAMES.filter((q) => processors.filter((p) => p.queue === q).length > 1);
  if (missing.length || doubled.length) {
    throw new Error(`Queues ${[...missing.map((q) => `${q} (no processor)`), ...doubled.map((q) => `${q} (two processors)`)].join(', ')}`);
  }
}

export const jobIds = {
  check: (decisionId: string, version: number) => `check:${decisionId}:${version}`,
  dailyCheck: (decisionId: string, day: string) => `daily-check:${decisionId}:${day}`,
  /** A body a decision names changed (e.g. it was abolished): check the decision again. */
  bodyCheck: (decisionId: string, bodyId: string, bodyVersion: number) => `check:${decisionId}:body:${bodyId}:${bodyVersion}`,
  /** A power the decision names was revised or retired. */
  powerCheck: (decisionId: string, powerId: string, powerVersion: number) => `check:${decisionId}:power:${powerId}:${powerVersion}`,
  /** Another decision sharing a power changed what the decision's checks see of it. */
  relatedCheck: (decisionId: string, otherId: string, otherVersion: number) => `check:${decisionId}:related:${otherId}:${otherVersion}`,
  reminder: (deadlineId: string, type: 'remind' | 'escalate') => `${type}:${deadlineId}`,
  /** The notice of the event at `version` of a decision (also the notification's id). */
  handoff: (decisionId: string, version: number) => `notify:${decisionId}:${version}`,
};

export type JobHandler<N extends JobName> = (payload: JobPayloads[N]) => Promise<unknown>;

export interface JobOptions {
  jobId: string;
  /** Run no earlier than this instant. */
  runAt?: Date;
}

/** One job of a batch handed to `JobQueue.enqueueMany`. */
export interface QueuedJob<N extends JobName> {
  payload: JobPayloads[N];
  options: JobOptions;
}

/** Where jobs go: BullMQ on Redis (apps/worker), or straight to the processors in this process. */
export abstract class JobQueue {
  abstract enqueue<N extends JobName>(name: N, payload: JobPayloads[N], options: JobOptions): Promise<void>;
  /**
   * Queues many jobs of one name at once (BullMQ: `addBulk`), each under its deterministic id: a job
   * already waiting, delayed or running under that id is left as it is. Returns how many were queued.
   * The default hands them to `enqueue` one by one.
   */
  async enqueueMany<N extends JobName>(name: N, jobs: ReadonlyArray<QueuedJob<N>>): Promise<number> {
    for (const job of jobs) await this.enqueue(name, job.payload, job.options);
    return jobs.length;
  }
  /** Whether a job with this id is waiting, delayed or running (the reconciler re-creates missing ones). */
  abstract pending(name: JobName, jobId: string): Promise<boolean>;
  abstract close(): Promise<void>;
}

/**
 * The processors, one per job name, checked at start-up: a job with no handler or with two refuses
 * to start the process.
 */
export class JobHandlers {
  private readonly handlers = new Map<JobName, JobHandler<JobName>>();

  register<N extends JobName>(name: N, handler: JobHandler<N>): void {
    if (this.handlers.has(name)) throw new Error(`Job "${name}" has two handlers`);
    this.handlers.set(name, handler as JobHandler<JobName>);
  }

  verify(): void {
    const missing = JOB_NAMES.filter((n) => !this.handlers.has(n));
    if (missing.length) throw new Error(`Jobs without a handler: ${missing.join(', ')}`);
  }

  run<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<unknown> {
    const handler = this.handlers.get(name);
    if (!handler) throw new Error(`No handler for job "${name}"`);
    return handler(payload);
  }
}
