import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { CheckDecisionProcessor } from '@app/accountability';
import type { JobName, JobPayloads } from '@app/jobs';
import { QueueProcessor } from './queue-processor.js';

/** The `checks` queue: the accountability checks of one decision, recorded on its stream. */
@Injectable()
export class ChecksProcessor extends QueueProcessor {
  readonly queue = 'checks' as const;

  constructor(config: ConfigService, private readonly checks: CheckDecisionProcessor) {
    super(config);
  }

  protected handle<N extends JobName>(_name: N, payload: JobPayloads[N]): Promise<unknown> {
    return this.checks.run(payload as JobPayloads['check-decision']);
  }
}
