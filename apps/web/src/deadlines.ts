import { api } from './api/client';
import { path } from './api/endpoints';
import type { Deadline } from './api/types';

export type DeadlineColour = 'on-time' | 'due-soon' | 'overdue' | 'paused' | 'none';

/**
 * The usual colour code of an open deadline: overdue after its due day (red), due soon from the
 * reminder day on, i.e. at most 2 working days left (amber), otherwise on time (green).
 */
/** What a colour needs of a deadline: a full one (GET …/deadlines) or a list item's current one. */
export type DeadlineLike = Pick<Deadline, 'status' | 'dueOn' | 'remindOn' | 'workingDaysLeft' | 'overdue'> & { dueSoon?: boolean };

export function deadlineColour(d: DeadlineLike | null | undefined, today: string): DeadlineColour {
  if (!d) return 'none';
  if (d.status === 'paused') return 'paused';
  if (d.status !== 'open') return 'none';
  // A list item's deadline says it, by the server's clock and calendar (as its overdue filter does).
  if (typeof d.overdue === 'boolean' && typeof d.dueSoon === 'boolean') return d.overdue ? 'overdue' : d.dueSoon ? 'due-soon' : 'on-time';
  if (today > d.dueOn) return 'overdue';
  if (today >= d.remindOn) return 'due-soon';
  return 'on-time';
}

/** The open deadline of the decision's current stage. */
export function currentStageDeadline(items: Deadline[], stage: string): Deadline | undefined {
  return [...items].reverse().find((d) => d.kind === 'stage' && d.subject === stage && d.status === 'open');
}

export async function fetchDeadlines(id: string): Promise<Deadline[]> {
  const res = await api.get<{ items: Deadline[] }>(path('/api/v1/decisions/{id}/deadlines', { id }));
  return res.items;
}
