import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { JobName, JobPayloads } from '@app/jobs';
import { ReminderProcessor } from '@app/notifications';
import { QueueProcessor } from './queue-processor.js';

/** The `reminders` queue: one reminder before a deadline, or one escalation after it, sent once. */
@Injectable()
export class RemindersProcessor extends QueueProcessor {
  readonly queue = 'reminders' as const;

  constructor(config: ConfigService, private readonly reminders: ReminderProcessor) {
    super(config);
  }

  protected handle<N extends JobName>(_name: N, payload: JobPayloads[N]): Promise<unknown> {
    return this.reminders.run(payload as JobPayloads['send-reminder']);
  }
}
