import { containsPattern, problems } from '@app/kernel';
import { terminalStages } from '../workflows/registry.js';
import { decisionScopeSql, type AccessScope } from './decision-scope.js';

/** Who asks "what waits on me": the decisions waiting on this user, or on their role in their body. */
export interface WaitsOn {
  userId: string;
  role: string;
  bodyId: string;
}

export interface DecisionFilter {
  /** Any of these stages. */
  stage?: string[];
  /** true: not in a terminal stage (rejected, withdrawn, revoked, expired); false: only those. */
  open?: boolean;
  kind?: string;
  delegateBodyId?: string;
  delegatorBodyId?: string;
  proposerBodyId?: string;
  /** Delegator, delegate or proposer. */
  bodyId?: string;
  sector?: string;
  powerId?: string;
  /** The assigned reviewer's user id. */
  assigneeId?: string;
  waitsOn?: WaitsOn;
  /** Only those whose current deadline has passed. */
  overdue?: boolean;
  /** Title, case number, document numbers: with or without diacritics, any part. */
  q?: string;
}

export const SORTS = ['updatedAt', '-updatedAt', 'createdAt', '-createdAt', 'deadline', '-deadline', 'caseNumber', '-caseNumber', 'title', '-title'] as const;
export type DecisionSort = (typeof SORTS)[number];

/** Each sort: the expression, how its value is written into a cursor (text), and its SQL type. */
const SORT_KEYS: Record<string, { expr: string; text: string; type: string }> = {
  updatedAt: { expr: 'd.updated_at', text: `to_char(d.updated_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, type: 'timestamptz' },
  createdAt: { expr: 'd.created_at', text: `to_char(d.created_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`, type: 'timestamptz' },
  // No deadline sorts after every deadline.
  deadline: { expr: `coalesce(d.deadline_due_on, DATE '9999-12-31')`, text: `to_char(coalesce(d.deadline_due_on, DATE '9999-12-31'), 'YYYY-MM-DD')`, type: 'date' },
  caseNumber: { expr: `coalesce(d.case_number, '')`, text: `coalesce(d.case_number, '')`, type: 'text' },
  title: { expr: 'd.title', text: 'd.title', type: 'text' },
};

const TERMINAL = terminalStages();
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** The rows a list reads: the decision, its assigned reviewer, its current deadline, its bodies. */
export const LIST_FROM = `decision_list d
  LEFT JOIN users u ON u.id = d.reviewer_id
  LEFT JOIN deadlines dl ON dl.id = d.deadline_id`;

/** Parameters in order, each placed by `p()` as `$n`. */
export class Params {
  readonly values: unknown[] = [];
  p(value: unknown): string {
    this.values.push(value);
    return `$${this.values.length}`;
  }
}

/** The WHERE of a list: the caller's scope and the filters (`today`, YYYY-MM-DD in Vietnam, for overdue and work). */
export function listWhere(f: DecisionFilter, scope: AccessScope, today: string, ps: Params): string {
  const w = [decisionScopeSql('d', ps.p(scope.provinceId), ps.p(scope.bodyIds ?? null))];
  if (f.stage?.length) w.push(`d.stage = ANY(${ps.p(f.stage)}::text[])`);
  if (f.open !== undefined) w.push(`${f.open ? 'NOT ' : ''}(d.stage = ANY(${ps.p(TERMINAL)}::text[]))`);
  const eq = { kind: 'd.kind', delegateBodyId: 'd.delegate_body_id', delegatorBodyId: 'd.delegator_body_id', proposerBodyId: 'd.proposer_body_id', sector: 'd.sector', assigneeId: 'd.reviewer_id' } as const;
  for (const [k, column] of Object.entries(eq) as Array<[keyof typeof eq, string]>) if (f[k] !== undefined) w.push(`${column} = ${ps.p(f[k])}`);
  if (f.bodyId !== undefined) {
    const b = ps.p(f.bodyId);
    w.push(`(d.delegator_body_id = ${b} OR d.delegate_body_id = ${b} OR d.proposer_body_id = ${b})`);
  }
  if (f.powerId !== undefined) w.push(`${ps.p(f.powerId)} = ANY(d.power_ids)`);
  if (f.waitsOn) {
    const { userId, role, bodyId } = f.waitsOn;
    // An obligation of a decision in effect (a report, an evaluation) waits on someone once its reminder day has come.
    w.push(`(d.waiting_user_id = ${ps.p(userId)} OR (d.waiting_user_id IS NULL AND d.waiting_role = ${ps.p(role)}
      AND (d.waiting_body_id IS NULL OR d.waiting_body_id = ${ps.p(bodyId)})))
      AND (dl.id IS NULL OR dl.kind = 'stage' OR dl.remind_on <= ${ps.p(today)}::date)`);
  }
  if (f.overdue !== undefined) w.push(`${f.overdue ? '' : 'NOT '}coalesce(dl.status = 'open' AND dl.due_on < ${ps.p(today)}::date, false)`);
  if (f.q !== undefined && f.q.trim() !== '') {
    const byId = UUID.test(f.q.trim()) ? ` OR d.id = ${ps.p(f.q.trim().toLowerCase())}::uuid` : '';
    w.push(`(d.search_text LIKE ${ps.p(containsPattern(f.q))}${byId})`);
  }
  return w.join('\n  AND ');
}

/** ORDER BY and the keyset condition after a cursor, for a sort. */
export function listOrder(sort: DecisionSort, cursor: ListCursor | undefined, ps: Params): { order: string; after: string | undefined; key: string } {
  const desc = sort.startsWith('-');
  const k = SORT_KEYS[desc ? sort.slice(1) : sort];
  const dir = desc ? 'DESC' : 'ASC';
  const after = cursor ? `(${k.expr}, d.id) ${desc ? '<' : '>'} (${ps.p(cursor.value)}::${k.type}, ${ps.p(cursor.id)}::uuid)` : undefined;
  return { order: `${k.expr} ${dir}, d.id ${dir}`, after, key: k.text };
}

/** Where a page ended: the sort it was read in, the last row's sort value and id. Opaque to clients. */
export interface ListCursor {
  sort: DecisionSort;
  value: string;
  id: string;
}

export const encodeCursor = (c: ListCursor): string => Buffer.from(JSON.stringify([c.sort, c.value, c.id])).toString('base64url');

export function decodeCursor(text: string, sort: DecisionSort): ListCursor {
  const bad = () => problems.validation([{
    field: 'cursor', constraint: 'isCursor',
    reason: { vi: 'cursor: không hợp lệ, hoặc của một cách sắp xếp khác', en: 'cursor: not valid, or made for another sort order' },
  }]);
  let parsed: unknown;
  try {
    parsed = JSON.parse(Buffer.from(text, 'base64url').toString('utf8'));
  } catch {
    throw bad();
  }
  if (!Array.isArray(parsed) || parsed.length !== 3 || parsed[0] !== sort || typeof parsed[1] !== 'string' || typeof parsed[2] !== 'string' || !UUID.test(parsed[2])) throw bad();
  const [, value, id] = parsed as [DecisionSort, string, string];
  if (SORT_KEYS[sort.replace(/^-/, '')].type !== 'text' && !/^\d{4}-\d{2}-\d{2}(T[\d:.]+Z)?$/.test(value)) throw bad();
  return { sort, value, id };
}
