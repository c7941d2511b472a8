import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { getWorkflow } from '../workflows/registry.js';
import { checkProposingBodyActs } from '../domain/rules/index.js';
import { type DecisionState } from '../domain/state.js';
import { type Role, type Text } from '../domain/types.js';
import { type StageDefinition } from '../workflows/definition.js';
import { problems } from '@app/kernel';
import type { AccessScope } from './decision-scope.js';
import { DecisionStore } from './decision-store.js';

export interface DecisionView extends DecisionState {
  stageInfo: StageDefinition | undefined;
  /** The commands the asking user's role may run now, per the decision's workflow definition. */
  allowedActions: Array<{ command: string; label: Text }>;
  asOf?: { version?: number; at?: string };
  /** The assigned reviewer by name (`reviewerId` stays beside it); null before an assignment. */
  reviewer: { id: string; displayName: string } | null;
}

/** A decision's state at its head, or as it was at a past version or instant. */
export class GetDecisionQuery extends Query<DecisionView> {
  constructor(
    readonly id: string,
    readonly role: Role,
    readonly asOf: { version?: number; at?: string } = {},
    /** Outside it the decision does not exist for the caller (404). */
    readonly scope?: AccessScope,
    /** The caller's body: allowedActions leaves out what only another body may run (the proposer's own commands). */
    readonly bodyId?: string,
  ) {
    super();
  }
}

@QueryHandler(GetDecisionQuery)
export class GetDecisionHandler implements IQueryHandler<GetDecisionQuery> {
  constructor(private readonly store: DecisionStore, @InjectDataSource() private readonly db: DataSource) {}

  async execute({ id, role, asOf, scope, bodyId }: GetDecisionQuery): Promise<DecisionView> {
    const range = { toVersion: asOf.version, toInstant: asOf.at };
    const loaded = scope ? await this.store.loadVisible(id, scope, range) : await this.store.load(id, range);
    if (!loaded) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    const { state } = loaded;
    // A version the stream has not reached did not exist either (it is not the head).
    if (!state.exists || (asOf.version !== undefined && loaded.version < asOf.version)) {
      const past = asOf.version !== undefined || asOf.at !== undefined;
      throw problems.notFound(
        past
          ? { vi: `Hồ sơ ${id} chưa tồn tại tại thời điểm/phiên bản được hỏi.`, en: `Decision ${id} did not exist at the version or instant asked for.` }
          : { vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` },
      );
    }
    const workflow = getWorkflow(state.workflow.id, state.workflow.version);
    const head = asOf.version === undefined && asOf.at === undefined;
    const allowedActions = head && workflow
      ? workflow.transitions
          .filter((t) => t.command !== 'propose' && t.from.includes(state.stage) && t.roles.includes(role))
          .filter((t) => bodyId === undefined || !checkProposingBodyActs(t.command, { bodyId }, state))
          .map((t) => ({ command: t.command, label: t.label }))
      : [];
    const [named]: Array<{ display_name: string }> = state.reviewerId
      ? await this.db.query(`SELECT display_name FROM users WHERE id = $1`, [state.reviewerId])
      : [];
    return {
      ...state,
      stageInfo: workflow?.stages[state.stage],
      allowedActions,
      reviewer: state.reviewerId ? { id: state.reviewerId, displayName: named?.display_name ?? state.reviewerId } : null,
      ...(head ? {} : { asOf }),
    };
  }
}
