import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { decisionScopeParams, decisionScopeSql, type AccessScope } from './decision-scope.js';
import { DecisionListEntity } from '../projections/decision-list.entity.js';

export interface DecisionFilter {
  stage?: string;
  kind?: string;
  delegateBodyId?: string;
  delegatorBodyId?: string;
  proposerBodyId?: string;
  sector?: string;
  powerId?: string;
  limit: number;
  offset: number;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** The decision list (board) read model, within the caller's scope, filtered and paginated, newest change first. */
export class ListDecisionsQuery extends Query<Page<DecisionListEntity>> {
  constructor(
    readonly filter: DecisionFilter,
    readonly scope: AccessScope,
  ) {
    super();
  }
}

@QueryHandler(ListDecisionsQuery)
export class ListDecisionsHandler implements IQueryHandler<ListDecisionsQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ filter, scope }: ListDecisionsQuery): Promise<Page<DecisionListEntity>> {
    const [scopeProvince, scopeBodies] = decisionScopeParams(scope);
    const q = this.db.getRepository(DecisionListEntity).createQueryBuilder('d')
      .where(decisionScopeSql('d', ':scopeProvince', ':scopeBodies'), { scopeProvince, scopeBodies });
    const columns = ['stage', 'kind', 'delegateBodyId', 'delegatorBodyId', 'proposerBodyId', 'sector'] as const;
    for (const c of columns) {
      if (filter[c] !== undefined) q.andWhere(`d.${c} = :${c}`, { [c]: filter[c] });
    }
    if (filter.powerId) q.andWhere(':powerId = ANY(d.powerIds)', { powerId: filter.powerId });
    const [items, total] = await q
      .orderBy('d.updatedAt', 'DESC')
      .addOrderBy('d.id', 'ASC')
      .take(filter.limit)
      .skip(filter.offset)
      .getManyAndCount();
    return { items, total, limit: filter.limit, offset: filter.offset };
  }
}
