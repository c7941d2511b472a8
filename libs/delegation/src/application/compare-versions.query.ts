import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type { DecisionState } from '../domain/state.js';
import type { ProposalContent, Stage, Text } from '../domain/types.js';
import { problems, type FieldError } from '@app/kernel';
import { DecisionStore } from './decision-store.js';

// ---------------------------------------------------------------------------------------------
// The structural diff (pure): what changed between two states of a decision.
// ---------------------------------------------------------------------------------------------

export type ChangeKind = 'added' | 'removed' | 'changed';

export interface Change {
  /** Where, e.g. `content.resources.budgetVnd`, `amendments[0].reason`, `findings["rule:key"].open`. */
  path: string;
  kind: ChangeKind;
  before?: unknown;
  after?: unknown;
  /** For arrays of strings (compared as sets): the members only in `after`. */
  added?: string[];
  /** For arrays of strings (compared as sets): the members only in `before`. */
  removed?: string[];
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === 'object' && v !== null && !Array.isArray(v);
const isStringArray = (v: unknown): v is string[] => Array.isArray(v) && v.every((x) => typeof x === 'string');
const childPath = (path: string, key: string) =>
  /^[A-Za-z_$][\w$]*$/.test(key) ? (path ? `${path}.${key}` : key) : `${path}[${JSON.stringify(key)}]`;

/**
 * The differences between `before` and `after`, as a flat list of changes, sorted by path:
 * - objects are compared key by key (an `undefined` value counts as absent): a key only in `after` is
 *   `added`, only in `before` is `removed`, in both but different is recursed into;
 * - arrays whose elements are all strings on both sides (conditions, legal bases, power ids, facilities,
 *   reasons) are compared AS SETS: order does not matter, and a difference is ONE `changed` entry at the
 *   array's path with `before`, `after` and the members `added` and `removed`;
 * - every other array (amendments, reports, documents, …) is compared BY INDEX: `path[i]` recursed into,
 *   trailing elements `added` or `removed`;
 * - anything else (numbers, strings, booleans, null, a change of shape) is `changed` when not equal.
 */
export function diffValues(before: unknown, after: unknown, path = ''): Change[] {
  if (before === undefined && after === undefined) return [];
  if (before === undefined) return [{ path, kind: 'added', after }];
  if (after === undefined) return [{ path, kind: 'removed', before }];
  if (isStringArray(before) && isStringArray(after)) {
    const b = new Set(before);
    const a = new Set(after);
    const added = [...a].filter((x) => !b.has(x));
    const removed = [...b].filter((x) => !a.has(x));
    return added.length || removed.length ? [{ path, kind: 'changed', before, after, added, removed }] : [];
  }
  if (Array.isArray(before) && Array.isArray(after)) {
    const out: Change[] = [];
    for (let i = 0; i < Math.max(before.length, after.length); i++) {
      const p = `${path}[${i}]`;
      if (i >= after.length) out.push({ path: p, kind: 'removed', before: before[i] });
      else if (i >= before.length) out.push({ path: p, kind: 'added', after: after[i] });
      else out.push(...diffValues(before[i], after[i], p));
    }
    return out;
  }
  if (isPlainObject(before) && isPlainObject(after)) {
    const keys = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
    return keys.flatMap((k) => diffValues(before[k], after[k], childPath(path, k)));
  }
  return Object.is(before, after) ? [] : [{ path, kind: 'changed', before, after }];
}

/** The parts of a decision compared: its content and its records (not its bookkeeping: id, version, timestamps). */
export const COMPARED_FIELDS = [
  'stage', 'revisionRound', 'reviewerId', 'content', 'appraisal', 'legalAppraisal', 'councilSubmission', 'councilVote',
  'decision', 'issuance', 'amendments', 'reassignments', 'revocation', 'withdrawal', 'expiredOn', 'rejectionReasons',
  'findings', 'reports', 'evaluations',
] as const satisfies ReadonlyArray<keyof DecisionState>;

/** The structural diff of two states of one decision (content and records), sorted by path. */
export function diffDecisions(before: DecisionState, after: DecisionState): Change[] {
  const pick = (s: DecisionState) => Object.fromEntries(COMPARED_FIELDS.map((f) => [f, s[f]]));
  return diffValues(pick(before), pick(after));
}

/** One field of the decision, whole on both sides (a list in full, not only what was added or removed). */
export interface FieldChange {
  /** e.g. `content.resources`, `content.conditions`, `appraisal`. */
  field: string;
  label: Text;
  /** The value before, whole; null when the field was absent. */
  before: unknown;
  after: unknown;
}

/** The content fields in the order a proposal lists them, with their labels. */
export const CONTENT_FIELD_LABELS: Record<keyof ProposalContent, Text> = {
  title: { vi: 'Trích yếu', en: 'Title' },
  delegatorBodyId: { vi: 'Cơ quan phân cấp, ủy quyền', en: 'Delegating body' },
  delegateBodyId: { vi: 'Cơ quan nhận phân cấp, ủy quyền', en: 'Receiving body' },
  powerIds: { vi: 'Nhiệm vụ, quyền hạn', en: 'Powers' },
  sector: { vi: 'Lĩnh vực', en: 'Sector' },
  legalBasis: { vi: 'Căn cứ pháp lý', en: 'Legal basis' },
  resources: { vi: 'Nguồn lực (kinh phí, biên chế, cơ sở vật chất)', en: 'Resources (budget, staff, facilities)' },
  period: { vi: 'Thời hạn', en: 'Period' },
  conditions: { vi: 'Điều kiện thực hiện', en: 'Conditions' },
  justification: { vi: 'Sự cần thiết', en: 'Justification' },
  documents: { vi: 'Tài liệu kèm theo', en: 'Documents' },
};

/** The records compared beside the content (not the findings: the checks' own output), with their labels. */
const RECORD_LABELS: Partial<Record<(typeof COMPARED_FIELDS)[number], Text>> = {
  stage: { vi: 'Bước xử lý', en: 'Stage' },
  revisionRound: { vi: 'Lần bổ sung', en: 'Revision round' },
  reviewerId: { vi: 'Chuyên viên thẩm định', en: 'Reviewer' },
  appraisal: { vi: 'Thẩm định', en: 'Appraisal' },
  legalAppraisal: { vi: 'Thẩm định pháp lý', en: 'Legal appraisal' },
  councilSubmission: { vi: 'Tờ trình HĐND', en: 'Council submission' },
  councilVote: { vi: 'Biểu quyết của HĐND', en: 'Council vote' },
  decision: { vi: 'Quyết định của UBND', en: "Committee's decision" },
  issuance: { vi: 'Văn bản ban hành', en: 'Issued document' },
  amendments: { vi: 'Sửa đổi, bổ sung', en: 'Amendments' },
  reassignments: { vi: 'Chuyển giao', en: 'Reassignments' },
  revocation: { vi: 'Bãi bỏ', en: 'Revocation' },
  withdrawal: { vi: 'Rút hồ sơ', en: 'Withdrawal' },
  expiredOn: { vi: 'Ngày hết hạn', en: 'Expired on' },
  rejectionReasons: { vi: 'Lý do không chấp thuận', en: 'Reasons for rejection' },
  reports: { vi: 'Báo cáo thực hiện', en: 'Implementation reports' },
  evaluations: { vi: 'Đánh giá', en: 'Evaluations' },
};

/** Each content field, then each record, that differs: its whole value on both sides. */
export function fieldChanges(before: DecisionState, after: DecisionState): FieldChange[] {
  const same = (a: unknown, b: unknown) => diffValues(a, b).length === 0;
  const out: FieldChange[] = [];
  for (const [k, label] of Object.entries(CONTENT_FIELD_LABELS) as Array<[keyof ProposalContent, Text]>) {
    const a = before.content[k];
    const b = after.content[k];
    if (!same(a, b)) out.push({ field: `content.${k}`, label, before: a ?? null, after: b ?? null });
  }
  for (const [k, label] of Object.entries(RECORD_LABELS) as Array<[keyof DecisionState, Text]>) {
    if (!same(before[k], after[k])) out.push({ field: k, label, before: before[k] ?? null, after: after[k] ?? null });
  }
  return out;
}

// ---------------------------------------------------------------------------------------------
// The request and the query.
// ---------------------------------------------------------------------------------------------

/** The ends of a comparison as the client gave them (validated at the HTTP edge, apps/api). */
export interface CompareVersionsRequest {
  from?: number;
  to?: number;
  fromAt?: string;
  toAt?: string;
}

export interface AsOf {
  version?: number;
  at?: string;
}

/** Checks the combination of `from`/`fromAt`/`to`/`toAt` (400 when wrong); returns both ends. */
export function compareEnds(q: CompareVersionsRequest): { from: AsOf; to: AsOf } {
  const errors: FieldError[] = [];
  if (q.from === undefined && q.fromAt === undefined) {
    errors.push({ field: 'from', constraint: 'required', reason: { vi: 'from: cần from hoặc fromAt', en: 'from: give from or fromAt' } });
  }
  if (q.from !== undefined && q.fromAt !== undefined) {
    errors.push({ field: 'fromAt', constraint: 'exclusive', reason: { vi: 'fromAt: không dùng cùng from', en: 'fromAt: give either from or fromAt, not both' } });
  }
  if (q.to !== undefined && q.toAt !== undefined) {
    errors.push({ field: 'toAt', constraint: 'exclusive', reason: { vi: 'toAt: không dùng cùng to', en: 'toAt: give either to or toAt, not both' } });
  }
  if (errors.length) throw problems.validation(errors);
  return { from: { version: q.from, at: q.fromAt }, to: { version: q.to, at: q.toAt } };
}

export interface ComparisonEnd {
  version: number;
  stage: Stage;
  asOf: AsOf;
}

export interface Comparison {
  decisionId: string;
  from: ComparisonEnd;
  to: ComparisonEnd;
  changes: Change[];
  /** What a reader compares: each field that changed, whole on both sides, with its label. */
  fields: FieldChange[];
}

/** Two states of one decision (as of versions or instants) and what changed between them. */
export class CompareVersionsQuery extends Query<Comparison> {
  constructor(
    readonly id: string,
    readonly from: AsOf,
    readonly to: AsOf,
  ) {
    super();
  }
}

@QueryHandler(CompareVersionsQuery)
export class CompareVersionsHandler implements IQueryHandler<CompareVersionsQuery> {
  constructor(private readonly store: DecisionStore) {}

  async execute({ id, from, to }: CompareVersionsQuery): Promise<Comparison> {
    const [a, b] = await Promise.all([this.end(id, from, 'from'), this.end(id, to, 'to')]);
    return {
      decisionId: id,
      from: { version: a.version, stage: a.stage, asOf: from },
      to: { version: b.version, stage: b.stage, asOf: to },
      changes: diffDecisions(a, b),
      fields: fieldChanges(a, b),
    };
  }

  private async end(id: string, asOf: AsOf, side: 'from' | 'to'): Promise<DecisionState> {
    const { state } = await this.store.load(id, { toVersion: asOf.version, toInstant: asOf.at });
    const wanted = asOf.version !== undefined ? `phiên bản ${asOf.version}` : asOf.at !== undefined ? `thời điểm ${asOf.at}` : 'hiện tại';
    const wantedEn = asOf.version !== undefined ? `version ${asOf.version}` : asOf.at !== undefined ? `instant ${asOf.at}` : 'now';
    if (!state.exists) {
      throw problems.notFound({ vi: `Hồ sơ ${id} chưa tồn tại tại ${wanted} (${side}).`, en: `Decision ${id} did not exist at ${wantedEn} (${side}).` });
    }
    if (asOf.version !== undefined && state.version < asOf.version) {
      throw problems.notFound({
        vi: `Hồ sơ ${id} mới có ${state.version} phiên bản; không có ${wanted} (${side}).`,
        en: `Decision ${id} has ${state.version} version(s); there is no ${wantedEn} (${side}).`,
      });
    }
    return state;
  }
}
