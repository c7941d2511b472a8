import type { Decided, Decider } from '@app/event-store';

/** The stream of one province's quarterly consolidated report: one event per edition compiled. */
export const QUARTERLY_REPORT_STREAM = 'quarterly-report';
export const quarterlyStreamId = (provinceId: string, period: string) => `${QUARTERLY_REPORT_STREAM}:${provinceId}:${period}`;

export interface CompiledEdition {
  edition: number;
  provinceId: string;
  period: string;
  window: { from: string; to: string };
  /**
   * Where in the log the report was read: every event of a transaction below `xmin` (the oldest one
   * running when it was compiled), which can no longer change. Reading the same set again gives the
   * same content, whatever was appended since.
   */
  asOf: { xmin: string; date: string };
  contentHash: string;
  documentNumber: string | null;
  signer: string | null;
  recipients: string[];
  issuingBodyId: string;
  compiledAt: string;
}

/** Stored name, schema 1: the content hash of what was compiled, and what it was compiled from. */
export type QuarterlyReportCompiled = {
  type: 'QuarterlyReportCompiled';
  data: Omit<CompiledEdition, 'compiledAt'>;
};
export type ReportEvent = QuarterlyReportCompiled;

export const REPORT_EVENT_SCHEMA_VERSIONS: Record<ReportEvent['type'], number> = { QuarterlyReportCompiled: 1 };

export interface ReportState {
  exists: boolean;
  editions: CompiledEdition[];
}

export interface CompileQuarterly {
  type: 'compile-quarterly';
  data: Omit<CompiledEdition, 'edition' | 'compiledAt'>;
}

export type ReportRefusal =
  | { kind: 'quarter-not-started'; windowFrom: string; today: string }
  | { kind: 'wrong-province'; provinceId: string };

/**
 * Compiling appends the next edition. Only a quarter whose data window has begun can be compiled; a
 * later edition (e.g. after a late report came in) never replaces an earlier one: both stay, each with
 * the position it was read at.
 */
export const reportDecider: Decider<CompileQuarterly & { today: string }, ReportEvent, ReportState, ReportRefusal> = {
  initialState: () => ({ exists: false, editions: [] }),
  evolve: (state, event, meta) => ({
    exists: true,
    editions: [...state.editions, { ...event.data, compiledAt: meta.occurredAt }],
  }),
  decide: (command, state): Decided<ReportEvent, ReportRefusal> => {
    const d = command.data;
    if (command.today < d.window.from) return { ok: false, refusal: { kind: 'quarter-not-started', windowFrom: d.window.from, today: command.today } };
    const prior = state.editions[0];
    if (prior && prior.provinceId !== d.provinceId) return { ok: false, refusal: { kind: 'wrong-province', provinceId: prior.provinceId } };
    return { ok: true, events: [{ type: 'QuarterlyReportCompiled', data: { ...d, edition: state.editions.length + 1 } }] };
  },
};
