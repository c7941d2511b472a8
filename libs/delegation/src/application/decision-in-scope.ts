import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decisionScopeParams, decisionScopeSql, type AccessScope } from './decision-scope.js';

/**
 * The access guard's question on every route about one decision: is it in the caller's scope, and in
 * which stage (for the 403 that names it)? One indexed read of decision_list.
 */
@Injectable()
export class DecisionInScope {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** The decision's stage, or `undefined` when there is no such decision in the scope. `id` in lower case. */
  async stageOf(id: string, scope: AccessScope): Promise<{ stage: string } | undefined> {
    const [decision]: Array<{ stage: string }> = await this.db.query(
      `SELECT d.stage FROM decision_list d WHERE d.id = $1 AND ${decisionScopeSql('d', '$2', '$3')}`,
      [id, ...decisionScopeParams(scope)],
    );
    return decision;
  }
}
