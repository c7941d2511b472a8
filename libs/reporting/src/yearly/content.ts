import { overlaps, validityOf } from '@app/accountability';
import { vietnamDate, type DecisionKind, type EvaluationRecommendation, type EvaluationResult } from '@app/delegation';
import { rate, type Rate } from '../indicators/timeliness.js';
import type { DecisionSnapshot } from '../quarterly/content.js';

const RESULTS: EvaluationResult[] = ['effective', 'needs-adjustment', 'ineffective'];
const RECOMMENDATIONS: EvaluationRecommendation[] = ['keep', 'amend', 'revoke', 'extend'];

export interface EvaluationLine {
  decisionId: string;
  caseNumber: string | null;
  documentNumber: string | null;
  kind: DecisionKind;
  title: string;
  sector: string;
  delegateBodyId: string;
  evaluation: null | {
    result: EvaluationResult;
    recommendation: EvaluationRecommendation | null;
    conditionsMet: Rate;
    budgetUsedVnd: number | null;
    staffUsed: number | null;
    problems: string[];
    summary: string;
    recordedOn: string;
  };
}

export interface EvaluationTally {
  key: string;
  inEffect: number;
  evaluated: Rate;
  byResult: Record<EvaluationResult, number>;
  byRecommendation: Record<EvaluationRecommendation | 'none', number>;
}

/** The yearly evaluation report ("Định kỳ hằng năm, tổ chức đánh giá nội dung phân cấp, ủy quyền", seed 000, task 7). */
export interface YearlyEvaluationContent {
  provinceId: string;
  year: number;
  asOfDate: string;
  delegations: EvaluationLine[];
  total: EvaluationTally;
  bySector: EvaluationTally[];
  byBody: EvaluationTally[];
}

function tally(key: string, lines: readonly EvaluationLine[]): EvaluationTally {
  const done = lines.filter((l) => l.evaluation);
  return {
    key,
    inEffect: lines.length,
    evaluated: rate(done.length, lines.length),
    byResult: Object.fromEntries(RESULTS.map((r) => [r, done.filter((l) => l.evaluation!.result === r).length])) as EvaluationTally['byResult'],
    byRecommendation: Object.fromEntries([...RECOMMENDATIONS, 'none'].map((r) => [r, done.filter((l) => (l.evaluation!.recommendation ?? 'none') === r).length])) as EvaluationTally['byRecommendation'],
  };
}

const groups = (lines: readonly EvaluationLine[], key: (l: EvaluationLine) => string) =>
  [...new Set(lines.map(key))].sort().map((k) => tally(k, lines.filter((l) => key(l) === k)));

/** Per delegation in effect during the year, its evaluation of that year, summed per sector and per delegate body (pure). */
export function yearlyEvaluationContent(provinceId: string, year: number, asOfDate: string, decisions: readonly DecisionSnapshot[]): YearlyEvaluationContent {
  const yearSpan = { from: `${year}-01-01`, to: `${year + 1}-01-01` };
  const delegations: EvaluationLine[] = [];
  for (const { state: s } of decisions) {
    if (!s.issuance || !overlaps(validityOf(s), yearSpan)) continue;
    const e = s.evaluations.find((x) => x.year === year);
    const results = e?.conditionResults ?? [];
    delegations.push({
      decisionId: s.id, caseNumber: s.caseNumber ?? null, documentNumber: s.issuance.documentNumber, kind: s.kind, title: s.content.title,
      sector: s.content.sector, delegateBodyId: s.content.delegateBodyId,
      evaluation: e ? {
        result: e.result, recommendation: e.recommendation ?? null, conditionsMet: rate(results.filter((r) => r.met).length, results.length),
        budgetUsedVnd: e.resourcesUsed?.budgetVnd ?? null, staffUsed: e.resourcesUsed?.staffPositions ?? null, problems: e.problems ?? [],
        summary: e.summary, recordedOn: vietnamDate(e.recordedAt),
      } : null,
    });
  }
  delegations.sort((a, b) => (a.caseNumber ?? '~').localeCompare(b.caseNumber ?? '~') || a.decisionId.localeCompare(b.decisionId));
  return {
    provinceId, year, asOfDate, delegations,
    total: tally('total', delegations),
    bySector: groups(delegations, (l) => l.sector),
    byBody: groups(delegations, (l) => l.delegateBodyId),
  };
}
