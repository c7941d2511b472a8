import { createHash, randomUUID } from 'node:crypto';
import { Command as CqrsCommand, CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { Clock } from '@app/kernel';
import type { Command, CommandInput } from '../domain/commands.js';
import { caseNumberSequence, formatCaseNumber } from '../domain/case-number.js';
import { vietnamDate } from '../domain/rules/expires-after-period-end.js';
import type { SequenceClaim } from '@app/event-store';
import { DecisionReferences } from './decision-references.js';
import type { AccessScope } from './decision-scope.js';
import { DecisionStore } from './decision-store.js';
import { ReferenceData } from './reference-data.js';
import { refusalToProblem } from './refusal.js';

export interface CommandResult {
  decisionId: string;
  version: number;
  stage: string;
  /** The decision's case number (PC-2026-0012), when it has one. */
  caseNumber?: string;
  duplicate: boolean;
}

/** Runs one domain command against one decision: load, decide, append at the expected version. */
export class ExecuteDecisionCommand extends CqrsCommand<CommandResult> {
  constructor(
    readonly decisionId: string,
    readonly command: CommandInput,
    readonly options: {
      commandId?: string;
      ifMatch?: number;
      correlationId?: string;
      /** The caller's province: the bodies and reviewers the command names must be of it. */
      provinceId?: string;
      /** The caller's scope: a decision outside it does not exist for them (404). */
      scope?: AccessScope;
    } = {},
  ) {
    super();
  }
}

@CommandHandler(ExecuteDecisionCommand)
export class ExecuteDecisionCommandHandler implements ICommandHandler<ExecuteDecisionCommand> {
  constructor(
    private readonly store: DecisionStore,
    private readonly references: ReferenceData,
    private readonly decisions: DecisionReferences,
    private readonly clock: Clock,
  ) {}

  async execute({ decisionId, command: input, options }: ExecuteDecisionCommand): Promise<CommandResult> {
    // Bodies, powers, sector and reviewer named by the command exist (400 naming the field otherwise).
    await this.references.check(input, options.provinceId);
    const now = this.clock.now().toISOString();
    const commandId = options.commandId ?? randomUUID();
    const outcome = await this.store.execute({
      streamId: decisionId,
      command: { ...input, now },
      expectedVersion: options.ifMatch,
      // A proposal without an idempotency key gets a fresh random id: its stream cannot exist yet.
      assumeNew: input.type === 'propose' && !options.commandId,
      commandId: options.commandId,
      commandType: input.type,
      payloadHash: createHash('sha256').update(JSON.stringify([decisionId, input.type, input.data])).digest('hex'),
      metadata: {
        actorId: input.actor.userId,
        actorRole: input.actor.role,
        actorBodyId: input.actor.bodyId,
        occurredAt: now,
        correlationId: options.correlationId ?? commandId,
        causationId: commandId,
        commandId,
      },
      authorize: options.scope && (async (state) => {
        if (!(await this.store.visible(state, options.scope!))) throw refusalToProblem({ kind: 'decision-not-found' });
      }),
      result: (state, version) => ({ decisionId, version, stage: state.stage, ...(state.caseNumber && { caseNumber: state.caseNumber }) }),
      prepare: input.type === 'propose' ? (command) => this.numbered(command) : undefined,
    });
    if (!outcome.ok) throw refusalToProblem(outcome.refusal);
    return { ...(outcome.result as Omit<CommandResult, 'duplicate'>), duplicate: outcome.duplicate };
  }

  /**
   * A proposal gets the next case number of its province (the delegator body's), kind and year (in
   * Vietnam), claimed by its own append: a refused proposal takes none, and one that loses the number to
   * another proposal of the same province is decided again with the next (the pipeline's `prepare`).
   */
  private async numbered(command: Command): Promise<{ command: Command; claim?: SequenceClaim }> {
    if (command.type !== 'propose') return { command };
    const province = await this.decisions.provinceOf(command.data.delegatorBodyId);
    if (!province) return { command };
    const year = Number(vietnamDate(command.now).slice(0, 4));
    const sequence = caseNumberSequence(province, command.data.kind, year);
    const n = (await this.store.log.sequenceValue(sequence)) + 1;
    return { command: { ...command, data: { ...command.data, caseNumber: formatCaseNumber(command.data.kind, year, n) } }, claim: { sequence, value: n } };
  }
}
