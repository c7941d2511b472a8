import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { StoredEvent } from '@app/event-store';
import { problems } from '@app/kernel';
import { DecisionStore } from './decision-store.js';

/** A decision's full event history, oldest first, each with its metadata (who, role, body, when). */
export class GetDecisionEventsQuery extends Query<StoredEvent[]> {
  constructor(readonly id: string) {
    super();
  }
}

@QueryHandler(GetDecisionEventsQuery)
export class GetDecisionEventsHandler implements IQueryHandler<GetDecisionEventsQuery> {
  constructor(private readonly store: DecisionStore) {}

  async execute({ id }: GetDecisionEventsQuery): Promise<StoredEvent[]> {
    const events = await this.store.log.readStream(id);
    if (!events.length) throw problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });
    return events;
  }
}
