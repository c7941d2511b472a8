import type { DataSource } from 'typeorm';
import type { StoredEvent } from '@app/event-store';
import type { DecisionKind, Text } from '../domain/types.js';
import { toDomainEvent } from './decision-store.js';
import { describeEvent, roleEn, roleVi } from './event-text.js';

/** Who did something: the id stays, the name is what people read. */
export interface EventActor {
  id: string;
  displayName: string;
  role: string;
  roleName: Text;
  bodyId: string | null;
  bodyName: Text | null;
}

/** A stored event as the timeline shows it: with its actor by name and what it recorded, in words. */
export type DescribedEvent = StoredEvent & { actor: EventActor; description: Text };

const SYSTEM_NAME = 'Hệ thống kiểm tra tự động';

/**
 * The names of the people and bodies a decision's events mention (actors, an assigned reviewer, the
 * bodies of a reassignment or of the content), loaded in two queries, and the event sentences made
 * with them: the events API and the evidence pack both describe events through this.
 */
export class EventPeople {
  private constructor(
    private readonly users: Map<string, string>,
    private readonly bodies: Map<string, Text>,
  ) {}

  static async load(db: DataSource, events: readonly StoredEvent[], more: { userIds?: string[]; bodyIds?: string[] } = {}): Promise<EventPeople> {
    const userIds = new Set<string>(more.userIds ?? []);
    const bodyIds = new Set<string>(more.bodyIds ?? []);
    for (const e of events) {
      if (e.metadata.actorId) userIds.add(e.metadata.actorId);
      if (e.metadata.actorBodyId) bodyIds.add(e.metadata.actorBodyId);
      const d = (e.data ?? {}) as Record<string, unknown>;
      if (e.type === 'ReviewerAssigned' && typeof d.reviewerId === 'string') userIds.add(d.reviewerId);
      if (e.type === 'DecisionReassigned') for (const k of ['fromBodyId', 'toBodyId']) if (typeof d[k] === 'string') bodyIds.add(d[k] as string);
      if (e.type === 'ProposalDrafted' || e.type === 'ProposalResubmitted' || e.type === 'DraftUpdated' || e.type === 'DecisionAmended') {
        const c = (e.type === 'ProposalDrafted' ? d : d.changes) as Record<string, unknown> | undefined;
        for (const k of ['delegatorBodyId', 'delegateBodyId', 'proposerBodyId']) if (typeof c?.[k] === 'string') bodyIds.add(c[k] as string);
      }
    }
    const [users, bodies] = await Promise.all([
      userIds.size
        ? db.query(`SELECT id, display_name FROM users WHERE id = ANY($1::text[])`, [[...userIds]]) as Promise<Array<{ id: string; display_name: string }>>
        : Promise.resolve([]),
      bodyIds.size
        ? db.query(`SELECT id, name_vi, name_en FROM bodies WHERE id = ANY($1::text[])`, [[...bodyIds].filter(Boolean)]) as Promise<Array<{ id: string; name_vi: string; name_en: string }>>
        : Promise.resolve([]),
    ]);
    return new EventPeople(
      new Map(users.map((r) => [r.id, r.display_name])),
      new Map(bodies.map((r) => [r.id, { vi: r.name_vi, en: r.name_en }])),
    );
  }

  /** A user's display name; the id when the user is unknown. */
  userName = (id: string): string => this.users.get(id) ?? (id === 'system' ? SYSTEM_NAME : id);

  /** A body's name; the id when the body is unknown. */
  bodyName = (id: string): Text => this.bodies.get(id) ?? { vi: id, en: id };

  knowsBody = (id: string): boolean => this.bodies.has(id);

  actor(e: StoredEvent): EventActor {
    const m = e.metadata;
    const role = m.actorRole ?? (m.actorId === 'system' ? 'system' : 'unknown');
    // The system acts as body "system": no body of the organisation, so its role names it.
    const bodyId = m.actorBodyId ?? null;
    return {
      id: m.actorId, displayName: this.userName(m.actorId), role, roleName: { vi: roleVi(role), en: roleEn(role) },
      bodyId, bodyName: bodyId && this.bodies.has(bodyId) ? this.bodies.get(bodyId)! : null,
    };
  }

  /** What the event recorded, with the acting body (or role) as its subject. */
  describe(e: StoredEvent, kind: DecisionKind): Text {
    const a = this.actor(e);
    return describeEvent(toDomainEvent(e), {
      subjectVi: a.bodyName?.vi ?? a.roleName.vi, subjectEn: a.bodyName?.en ?? a.roleName.en, kind, userName: this.userName, bodyName: this.bodyName,
    });
  }

  described(e: StoredEvent, kind: DecisionKind): DescribedEvent {
    return { ...e, actor: this.actor(e), description: this.describe(e, kind) };
  }
}
