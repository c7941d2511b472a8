import { api } from './api/client';
import { path } from './api/endpoints';
import type { Deadline } from './api/types';

export type DeadlineColour = 'on-time' | 'due-soon' | 'overdue' | 'paused' | 'none';

/**
 * The usual colour code of an open deadline: overdue after its due day (red), due soon from the
 * reminder day on, i.e. at most 2 working days left (amber), otherwise on time (green).
 */
export function deadlineColour(d: Deadline | undefined, today: string): DeadlineColour {
  if (!d) return 'none';
  if (d.status === 'paused') return 'paused';
  if (d.status !== 'open') return 'none';
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

/** The deadlines of many decisions, a few requests at a time; a failed one counts as none. */
export async function fetchManyDeadlines(ids: string[], concurrency = 6): Promise<Record<string, Deadline[]>> {
  const out: Record<string, Deadline[]> = {};
  let next = 0;
  const worker = async () => {
    while (next < ids.length) {
      const id = ids[next++];
      out[id] = await fetchDeadlines(id).catch(() => []);
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, ids.length) }, worker));
  return out;
}
