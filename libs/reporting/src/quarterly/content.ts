import { overlaps, validityOf } from '@app/accountability';
import { addDays } from '@app/calendar';
import { vietnamDate, type DecisionEvent, type DecisionKind, type DecisionState } from '@app/delegation';
import { rate, stageFigures, stageFiguresBy, type Rate, type StageFigures, type StageRow } from '../indicators/timeliness.js';
import { dataWindow, dayAfter, delegateReportLastDay, inWindow, periodOf, type Quarter } from './quarter.js';

/** One decision as it stood at the report's position in the log: its state, its events, its stage deadlines. */
export interface DecisionSnapshot {
  state: DecisionState;
  events: ReadonlyArray<{ event: DecisionEvent; occurredAt: string; state: DecisionState }>;
  stages: readonly StageRow[];
}

export type ReportStatus = 'filed' | 'late' | 'missing' | 'pending';

interface DecisionRef {
  decisionId: string;
  caseNumber: string | null;
  documentNumber: string | null;
  kind: DecisionKind;
  title: string;
  sector: string;
}

/**
 * What a quarterly consolidated report states: facts only (ids, numbers, dates, figures), in a fixed
 * order, so that the same log position always gives the same content and the same hash. Names of
 * bodies are looked up when the report is rendered (they are presentation, and may be renamed).
 */
export interface QuarterlyContent {
  schema: 1;
  provinceId: string;
  period: string;
  window: { from: string; to: string };
  delegateReportLastDay: string;
  /** The Vietnam date the report was compiled on: what "missing" is judged against. */
  asOfDate: string;
  delegations: Array<DecisionRef & {
    delegatorBodyId: string; delegateBodyId: string; effectiveFrom: string;
    /** The last day in force (included); null while open-ended. */
    effectiveUntil: string | null;
    report: { status: ReportStatus; filedOn: string | null };
  }>;
  findings: {
    opened: Array<FindingLine>;
    resolved: Array<FindingLine>;
  };
  decisions: {
    issued: Array<DecisionRef & { on: string }>;
    amended: Array<DecisionRef & { on: string; amendment: number; amendmentNumber: string }>;
    revoked: Array<DecisionRef & { on: string; revocationNumber: string }>;
  };
  timeliness: {
    stages: StageFigures;
    stagesByBody: Array<{ key: string } & StageFigures>;
    stagesByOfficial: Array<{ key: string } & StageFigures>;
    reports: Rate;
    reportsByBody: Array<{ key: string; onTime: Rate; late: number; missing: number }>;
    returnedMoreThanOnce: Rate & { decisionIds: string[] };
    returnsByOfficial: Array<{ key: string; returns: number }>;
  };
}

interface FindingLine {
  decisionId: string;
  caseNumber: string | null;
  findingId: string;
  ruleId: string;
  severity: string;
  messageVi: string;
  messageEn: string;
  raisedOn: string;
  resolvedOn: string | null;
}

const refOf = (s: DecisionState): DecisionRef => ({
  decisionId: s.id, caseNumber: s.caseNumber ?? null, documentNumber: s.issuance?.documentNumber ?? null,
  kind: s.kind, title: s.content.title, sector: s.content.sector,
});

const byCase = <T extends { caseNumber: string | null; decisionId: string }>(a: T, b: T) =>
  (a.caseNumber ?? '~').localeCompare(b.caseNumber ?? '~') || a.decisionId.localeCompare(b.decisionId);

/** The quarterly consolidated report of a province from its decisions as of a position in the log (pure). */
export function quarterlyContent(provinceId: string, q: Quarter, asOfDate: string, decisions: readonly DecisionSnapshot[]): QuarterlyContent {
  const window = dataWindow(q);
  const period = periodOf(q);
  const lastDay = delegateReportLastDay(q);
  const halfOpen = { from: window.from, to: dayAfter(window.to) };
  const sorted = [...decisions].sort((a, b) => byCase(refOf(a.state), refOf(b.state)));

  const delegations: QuarterlyContent['delegations'] = [];
  const issued: QuarterlyContent['decisions']['issued'] = [];
  const amended: QuarterlyContent['decisions']['amended'] = [];
  const revoked: QuarterlyContent['decisions']['revoked'] = [];
  const opened: FindingLine[] = [];
  const resolved: FindingLine[] = [];
  const stageRows: StageRow[] = [];
  const returned = { underAppraisal: 0, many: [] as string[] };
  const returnsBy = new Map<string, number>();

  for (const { state: s, events, stages } of sorted) {
    const ref = refOf(s);
    stageRows.push(...stages);
    if (s.issuance) {
      const v = validityOf(s);
      if (overlaps(v, halfOpen)) {
        const filed = s.reports.find((r) => r.period === period);
        const filedOn = filed ? vietnamDate(filed.filedAt) : null;
        const status: ReportStatus = filedOn ? (filedOn <= lastDay ? 'filed' : 'late') : asOfDate > lastDay ? 'missing' : 'pending';
        delegations.push({
          ...ref, delegatorBodyId: s.content.delegatorBodyId, delegateBodyId: s.content.delegateBodyId,
          effectiveFrom: v.from ?? s.issuance.effectiveFrom, effectiveUntil: v.to === null ? null : addDays(v.to, -1), report: { status, filedOn },
        });
      }
      if (inWindow(s.issuance.signedOn, window)) issued.push({ ...ref, on: s.issuance.signedOn });
    }
    let returns = 0;
    let returnsInWindow = 0;
    let appraisedInWindow = false;
    for (const { event: e, occurredAt, state: after } of events) {
      const on = vietnamDate(occurredAt);
      if (on > window.to) break;
      const here = on >= window.from;
      if (e.type === 'DecisionAmended' && here) {
        amended.push({ ...ref, on, amendment: e.data.amendment, amendmentNumber: e.data.documentNumber });
      } else if (e.type === 'DecisionRevoked' && here) {
        revoked.push({ ...ref, on, revocationNumber: e.data.documentNumber });
      } else if (e.type === 'RevisionRequested') {
        returns++;
        if (here) {
          returnsInWindow++;
          const who = after.reviewerId ?? 'unassigned';
          returnsBy.set(who, (returnsBy.get(who) ?? 0) + 1);
        }
      }
      if (here && ['ReviewerAssigned', 'RevisionRequested', 'ProposalResubmitted', 'AppraisalCompleted'].includes(e.type)) appraisedInWindow = true;
    }
    if (appraisedInWindow) returned.underAppraisal++;
    if (appraisedInWindow && returns >= 2 && returnsInWindow > 0) returned.many.push(s.id);
    for (const f of Object.values(s.findings)) {
      const line: FindingLine = {
        decisionId: s.id, caseNumber: ref.caseNumber, findingId: f.findingId, ruleId: f.ruleId, severity: f.severity,
        messageVi: f.message.vi, messageEn: f.message.en, raisedOn: vietnamDate(f.raisedAt), resolvedOn: f.resolvedAt ? vietnamDate(f.resolvedAt) : null,
      };
      if (inWindow(line.raisedOn, window)) opened.push(line);
      if (line.resolvedOn && inWindow(line.resolvedOn, window)) resolved.push(line);
    }
  }
  const byFinding = (a: FindingLine, b: FindingLine) => byCase(a, b) || a.findingId.localeCompare(b.findingId);
  const byDay = <T extends { on: string; caseNumber: string | null; decisionId: string }>(a: T, b: T) => a.on.localeCompare(b.on) || byCase(a, b);

  const owed = delegations.filter((d) => d.report.status !== 'pending');
  const reportsByBody = [...new Set(owed.map((d) => d.delegateBodyId))].sort().map((key) => {
    const mine = owed.filter((d) => d.delegateBodyId === key);
    const onTime = mine.filter((d) => d.report.status === 'filed').length;
    return { key, onTime: rate(onTime, mine.length), late: mine.filter((d) => d.report.status === 'late').length, missing: mine.filter((d) => d.report.status === 'missing').length };
  });

  return {
    schema: 1,
    provinceId,
    period,
    window,
    delegateReportLastDay: lastDay,
    asOfDate,
    delegations,
    findings: { opened: opened.sort(byFinding), resolved: resolved.sort(byFinding) },
    decisions: { issued: issued.sort(byDay), amended: amended.sort(byDay), revoked: revoked.sort(byDay) },
    timeliness: {
      stages: stageFigures(stageRows, window),
      stagesByBody: stageFiguresBy(stageRows, (r) => r.bodyId, window),
      stagesByOfficial: stageFiguresBy(stageRows, (r) => r.userId, window),
      reports: rate(owed.filter((d) => d.report.status === 'filed').length, owed.length),
      reportsByBody,
      returnedMoreThanOnce: { ...rate(returned.many.length, returned.underAppraisal), decisionIds: returned.many },
      returnsByOfficial: [...returnsBy].sort(([a], [b]) => a.localeCompare(b)).map(([key, returns]) => ({ key, returns })),
    },
  };
}
