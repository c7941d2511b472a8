import { createHash, randomUUID } from 'node:crypto';
import { Command as CqrsCommand, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { IdempotencyKeyReusedError, WrongExpectedVersionError } from '@app/event-store';
import { currentWorkflow, getWorkflow } from '../workflows/registry.js';
import { decide } from '../domain/decide.js';
import { type Command } from '../domain/commands.js';
import { Clock } from '@app/kernel';
import { ProblemException, problems } from '@app/kernel';
import { ReferenceData } from '@app/organisation';
import { DecisionStore } from './decision-store.js';
import { refusalToProblem } from './refusal.js';

export interface CommandResult {
  decisionId: string;
  version: number;
  stage: string;
  duplicate: boolean;
}

type CommandInput = Omit<Command, 'now'>;

/** Runs one domain command against one decision: load, decide, append at the expected version. */
export class ExecuteDecisionCommand extends CqrsCommand<CommandResult> {
  constructor(
    readonly decisionId: string,
    readonly command: CommandInput,
    readonly options: { commandId?: string; ifMatch?: number; correlationId?: string } = {},
  ) {
    super();
  }
}

const MAX_ATTEMPTS = 3;

@CommandHandler(ExecuteDecisionCommand)
export class ExecuteDecisionCommandHandler implements ICommandHandler<ExecuteDecisionCommand> {
  constructor(
    private readonly store: DecisionStore,
    private readonly references: ReferenceData,
    private readonly clock: Clock,
  ) {}

  async execute({ decisionId, command: input, options }: ExecuteDecisionCommand): Promise<CommandResult> {
    const commandId = options.commandId ?? randomUUID();
    const payloadHash = createHash('sha256').update(JSON.stringify([decisionId, input.type, input.data])).digest('hex');
    const ref = { id: commandId, type: input.type, payloadHash };
    try {
      const first = await this.store.log.findProcessedCommand(ref, decisionId);
      if (first) return { ...(first.result as Omit<CommandResult, 'duplicate'>), duplicate: true };
    } catch (e) {
      if (e instanceof IdempotencyKeyReusedError) throw keyReused(commandId);
      throw e;
    }
    await this.references.check({ ...input, now: '' } as Command);

    // Without If-Match a lost race is retried on the new state; with it the client asked for exactly that version.
    for (let attempt = 1; ; attempt++) {
      const { state, events } = await this.store.load(decisionId);
      if (options.ifMatch !== undefined && state.exists && state.version !== options.ifMatch) {
        throw problems.preconditionFailed(options.ifMatch, state.version);
      }
      const now = this.clock.now().toISOString();
      const command = { ...input, now } as Command;
      const workflow = command.type === 'propose'
        ? currentWorkflow(command.data.kind)
        : getWorkflow(state.workflow.id, state.workflow.version);
      if (!workflow && state.exists) throw new Error(`Workflow ${state.workflow.id} v${state.workflow.version} is not registered`);
      const decided = decide(command, state, workflow!);
      if (!decided.ok) throw refusalToProblem(decided.refusal);

      try {
        const appended = await this.store.append(
          { state, events },
          decided.events,
          {
            actorId: input.actor.userId,
            actorRole: input.actor.role,
            actorBodyId: input.actor.bodyId,
            occurredAt: now,
            correlationId: options.correlationId ?? commandId,
            causationId: commandId,
            commandId,
          },
          { ref, result: (next) => ({ decisionId, version: next.version, stage: next.stage }) },
        );
        return { ...(appended.result as Omit<CommandResult, 'duplicate'>), duplicate: appended.duplicate };
      } catch (e) {
        if (e instanceof IdempotencyKeyReusedError) throw keyReused(commandId);
        if (!(e instanceof WrongExpectedVersionError)) throw e;
        if (options.ifMatch !== undefined) throw problems.preconditionFailed(options.ifMatch, e.actualVersion);
        if (attempt >= MAX_ATTEMPTS) throw conflict();
      }
    }
  }
}

const conflict = () =>
  new ProblemException(409, 'concurrent-update', { vi: 'Xung đột cập nhật', en: 'Concurrent update' }, {
    vi: 'Hồ sơ đang được người khác cập nhật; hãy thử lại.',
    en: 'The decision is being changed by someone else; try again.',
  });

const keyReused = (id: string) =>
  new ProblemException(422, 'idempotency-key-reused', { vi: 'Idempotency-Key đã được dùng', en: 'Idempotency key reused' }, {
    vi: `Idempotency-Key "${id}" đã được dùng cho một lệnh khác.`,
    en: `Idempotency-Key "${id}" was already used for a different command.`,
  });
