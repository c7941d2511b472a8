import { api, type Query } from '../../api/client';
import type { DecisionListItem, DecisionPage, DecisionSort } from '../../api/types';

/** The filters of a decision list, as the API takes them (GET /api/v1/decisions and /summary). */
export interface DecisionFilters {
  q?: string;
  kind?: string;
  sector?: string;
  bodyId?: string;
  stage?: string[];
  open?: boolean;
  overdue?: boolean;
  waitsOnMe?: boolean;
}

export function filterQuery(f: DecisionFilters): Query {
  return {
    q: f.q?.trim() || undefined,
    kind: f.kind || undefined,
    sector: f.sector || undefined,
    bodyId: f.bodyId || undefined,
    stage: f.stage?.length ? f.stage.join(',') : undefined,
    open: f.open,
    overdue: f.overdue || undefined,
    waitsOnMe: f.waitsOnMe || undefined,
  };
}

export function fetchDecisionPage(
  f: DecisionFilters,
  page: { limit: number; sort: DecisionSort; offset?: number; cursor?: string | null },
): Promise<DecisionPage> {
  return api.get<DecisionPage>('/api/v1/decisions', {
    ...filterQuery(f), sort: page.sort, limit: page.limit, offset: page.cursor ? undefined : page.offset, cursor: page.cursor ?? undefined,
  });
}

/** Every decision the filters match, 500 a page by cursor (for an export): no ceiling. */
export async function fetchAllDecisions(f: DecisionFilters, sort: DecisionSort, onPage?: (done: number, total: number) => void): Promise<DecisionListItem[]> {
  const out: DecisionListItem[] = [];
  let cursor: string | null = null;
  do {
    const page: DecisionPage = await fetchDecisionPage(f, { limit: 500, sort, cursor });
    out.push(...page.items);
    onPage?.(out.length, page.total);
    cursor = page.nextCursor;
  } while (cursor);
  return out;
}
