import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { JobName, JobPayloads } from '@app/jobs';
import { HandoffNotifier, ReminderProcessor } from '@app/notifications';
import { QueueProcessor } from './queue-processor.js';

/** The `reminders` queue: one reminder before a deadline, one escalation after it, or one hand-off notice, each sent once. */
@Injectable()
export class RemindersProcessor extends QueueProcessor {
  readonly queue = 'reminders' as const;

  constructor(config: ConfigService, private readonly reminders: ReminderProcessor, private readonly handoffs: HandoffNotifier) {
    super(config);
  }

  protected handle<N extends JobName>(name: N, payload: JobPayloads[N]): Promise<unknown> {
    if (name === 'notify-handoff') return this.handoffs.run(payload as JobPayloads['notify-handoff']);
    return this.reminders.run(payload as JobPayloads['send-reminder']);
  }
}
