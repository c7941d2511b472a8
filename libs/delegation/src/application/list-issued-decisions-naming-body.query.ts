import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/**
 * The ids of the issued decisions that name a body as delegator or delegate, in id order: what a
 * re-assignment to the body's successor goes through.
 */
export class ListIssuedDecisionsNamingBodyQuery extends Query<string[]> {
  constructor(readonly bodyId: string) {
    super();
  }
}

@QueryHandler(ListIssuedDecisionsNamingBodyQuery)
export class ListIssuedDecisionsNamingBodyHandler implements IQueryHandler<ListIssuedDecisionsNamingBodyQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ bodyId }: ListIssuedDecisionsNamingBodyQuery): Promise<string[]> {
    const decisions: Array<{ id: string }> = await this.db.query(
      `SELECT id FROM decision_list WHERE stage = 'issued' AND (delegate_body_id = $1 OR delegator_body_id = $1) ORDER BY id`,
      [bodyId],
    );
    return decisions.map((d) => d.id);
  }
}
