import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { problems } from '@app/kernel';
import type { DecisionKind } from '../domain/types.js';
import { DecisionStore } from './decision-store.js';
import { EventPeople, type DescribedEvent } from './event-people.js';

/**
 * A decision's full event history, oldest first, each with its metadata (who, role, body, when), its
 * actor by name (`actor: { id, displayName, role, roleName, bodyId, bodyName }`) and what it recorded in
 * words (`description: { vi, en }`, the sentence the evidence pack prints).
 */
export class GetDecisionEventsQuery extends Query<DescribedEvent[]> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(GetDecisionEventsQuery)
export class GetDecisionEventsHandler implements IQueryHandler<GetDecisionEventsQuery> {
  constructor(private readonly store: DecisionStore, @InjectDataSource() private readonly db: DataSource) {}

  async execute({ id }: GetDecisionEventsQuery): Promise<DescribedEvent[]> {
    const events = await this.store.log.readStream(id);
    if (!events.length) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    const kind = ((events[0].data as { kind?: DecisionKind }).kind ?? 'phan-cap') as DecisionKind;
    const people = await EventPeople.load(this.db, events);
    return events.map((e) => people.described(e, kind));
  }
}
