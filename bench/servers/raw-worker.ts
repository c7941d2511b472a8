import { Worker } from 'bullmq';
import { bullSettings } from '@app/jobs';

/**
 * The floor of the reminders: a bare BullMQ worker on a queue of its own, the same concurrency as
 * phancap's reminder worker, whose processor only notes when each delayed job started (its lateness:
 * start − (timestamp + delay)). The parent asks for the notes over IPC.
 */
const settings = bullSettings(process.env.REDIS_URL!, process.env.QUEUE_PREFIX);
const late: number[] = [];
const worker = new Worker(
  process.env.RAW_QUEUE!,
  async (job) => {
    late.push(Date.now() - (job.timestamp + (job.opts.delay ?? 0)));
  },
  { connection: settings.connection, prefix: settings.prefix, concurrency: Number(process.env.REMINDER_CONCURRENCY ?? 400) },
);
await worker.waitUntilReady();
process.send?.({ type: 'ready' });
process.on('message', (m: { type: string }) => {
  if (m.type === 'take') process.send?.({ type: 'late', late: late.splice(0) });
});
process.once('disconnect', () => void worker.close().finally(() => process.exit(0)));
