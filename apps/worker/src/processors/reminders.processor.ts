import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { Batcher, type JobName, type JobPayloads } from '@app/jobs';
import { HandoffNotifier, ReminderProcessor, type ReminderOutcome } from '@app/notifications';
import { QueueProcessor } from './queue-processor.js';

/**
 * The `reminders` queue: one reminder before a deadline, one escalation after it, or one hand-off
 * notice, each sent once. The reminder and escalation jobs run many at once (REMINDER_CONCURRENCY) and are gathered into batches (REMINDER_BATCH_SIZE,
 * at most 4 batches at once) that share their queries, writes and SMTP connections
 * (`ReminderProcessor.runMany`); each job still completes or fails on its own.
 */
@Injectable()
export class RemindersProcessor extends QueueProcessor {
  readonly queue = 'reminders' as const;
  private readonly batcher: Batcher<JobPayloads['send-reminder'], ReminderOutcome>;

  constructor(config: ConfigService, private readonly reminders: ReminderProcessor, private readonly handoffs: HandoffNotifier) {
    super(config);
    this.batcher = new Batcher((jobs) => this.reminders.runMany(jobs), {
      size: Number(config.get('REMINDER_BATCH_SIZE') ?? 100),
      lingerMs: 5,
      inFlight: 4,
    });
  }

  protected override concurrency(): number {
    return Number(this.config.get('REMINDER_CONCURRENCY') ?? 400);
  }

  protected handle<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<unknown> {
    if (name === 'notify-handoff') return this.handoffs.run(payload as JobPayloads['notify-handoff']);
    return this.batcher.submit(payload as JobPayloads['send-reminder']);
  }
}
