import { createHash, randomUUID } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CommandPipeline, EventSigningKeys, EventStore } from '@app/event-store';
import { DecisionStore, vietnamDate, type Actor } from '@app/delegation';
import { Clock, ProblemException } from '@app/kernel';
import { INDICATORS } from '../indicators/timeliness.js';
import { contentHash } from '../quarterly/content-hash.js';
import { quarterlyContent, type QuarterlyContent } from '../quarterly/content.js';
import { consolidationLastDay, dataWindow, periodOf, type Quarter } from '../quarterly/quarter.js';
import {
  QUARTERLY_REPORT_STREAM, REPORT_EVENT_SCHEMA_VERSIONS, quarterlyStreamId, reportDecider,
  type CompiledEdition, type ReportEvent, type ReportRefusal, type ReportState,
} from '../domain/report-stream.js';
import { ProvinceSnapshots } from './province-snapshots.js';
import { ReportNames, type QuarterlyDocument } from './report-names.js';

export interface CompileRequest {
  provinceId: string;
  quarter: Quarter;
  actor: Actor;
  documentNumber?: string;
  signer?: string;
  recipients?: string[];
  commandId?: string;
}

/** Nơi nhận when the office names none: whom a consolidated report goes to under Kế hoạch 7781/KH-UBND. */
export const DEFAULT_RECIPIENTS = ['Ủy ban nhân dân tỉnh (để báo cáo)', 'Sở Nội vụ', 'Các sở, ban, ngành', 'Lưu: VT'];

/**
 * The quarterly consolidated reports of a province (Kế hoạch 7781/KH-UBND: the office consolidates
 * "trước ngày 20 tháng cuối quý"). Compiling reads the province's decisions as of a stable position in
 * the log, computes the content, and appends `QuarterlyReportCompiled` with its hash through the one
 * command pipeline; any edition can be compiled again from the position it records, giving the same hash.
 */
@Injectable()
export class QuarterlyReports {
  private readonly pipeline: CommandPipeline<ReportEvent, ReportState>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly decisions: DecisionStore,
    private readonly snapshots: ProvinceSnapshots,
    private readonly names: ReportNames,
    private readonly clock: Clock,
    keys: EventSigningKeys,
  ) {
    // Signed where appended, like every stream (the verifier refuses an unsigned event).
    this.pipeline = new CommandPipeline(new EventStore(db, undefined, keys), {
      streamType: QUARTERLY_REPORT_STREAM,
      initialState: reportDecider.initialState,
      evolve: reportDecider.evolve,
      schemaVersion: (type) => REPORT_EVENT_SCHEMA_VERSIONS[type],
    });
  }

  async compile(req: CompileRequest): Promise<{ edition: CompiledEdition; content: QuarterlyContent; duplicate: boolean }> {
    const now = this.clock.now().toISOString();
    const today = vietnamDate(now);
    const period = periodOf(req.quarter);
    const window = dataWindow(req.quarter);
    if (today < window.from) throw refusal({ kind: 'quarter-not-started', windowFrom: window.from, today });
    const xmin = await this.decisions.log.stableXmin();
    const asOf = { xmin, date: today };
    const content = await this.content(req.provinceId, req.quarter, asOf);
    const issuingBodyId = req.actor.bodyId;
    const data = {
      provinceId: req.provinceId, period, window, asOf, contentHash: contentHash(content),
      documentNumber: req.documentNumber ?? null, signer: req.signer ?? null,
      recipients: req.recipients?.length ? req.recipients : DEFAULT_RECIPIENTS, issuingBodyId,
    };
    const commandId = req.commandId ?? randomUUID();
    const outcome = await this.pipeline.handle(reportDecider.decide, {
      streamId: quarterlyStreamId(req.provinceId, period),
      command: { type: 'compile-quarterly', data, today },
      commandId: req.commandId ? `quarterly:${req.commandId}` : undefined,
      commandType: 'compile-quarterly',
      payloadHash: createHash('sha256').update(JSON.stringify([req.provinceId, period, req.documentNumber ?? null, req.signer ?? null, req.recipients ?? null])).digest('hex'),
      metadata: {
        actorId: req.actor.userId, actorRole: req.actor.role, actorBodyId: req.actor.bodyId,
        occurredAt: now, correlationId: commandId, causationId: commandId, commandId,
      },
    });
    if (!outcome.ok) throw refusal(outcome.refusal);
    const edition = outcome.state.editions[outcome.duplicate ? editionOf(outcome.events) - 1 : outcome.state.editions.length - 1];
    return { edition, content: outcome.duplicate ? await this.content(edition.provinceId, req.quarter, edition.asOf) : content, duplicate: outcome.duplicate };
  }

  /** Every edition compiled for the province, newest quarter first. */
  async list(provinceId: string, filter: { year?: number } = {}): Promise<Array<CompiledEdition & { compiledBy: string }>> {
    const rows: Array<{ data: Omit<CompiledEdition, 'compiledAt'>; compiled_at: string; actor: string }> = await this.db.query(
      `SELECT data, to_char(occurred_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS compiled_at, metadata->>'actorId' AS actor
         FROM events WHERE stream_type = $1 AND stream_id LIKE $2 AND ($3::int IS NULL OR data->>'period' LIKE $3::text || '-Q_')
        ORDER BY data->>'period' DESC, stream_version DESC`,
      [QUARTERLY_REPORT_STREAM, `${QUARTERLY_REPORT_STREAM}:${likeEscape(provinceId)}:%`, filter.year ?? null],
    );
    return rows.map((r) => ({ ...r.data, compiledAt: r.compiled_at, compiledBy: r.actor }));
  }

  /** One edition (the latest unless named) with its content computed again from the position it records. */
  async get(provinceId: string, quarter: Quarter, edition?: number): Promise<QuarterlyDocument | undefined> {
    const view = await this.pipeline.load(quarterlyStreamId(provinceId, periodOf(quarter)));
    const chosen = edition === undefined ? view.state.editions.at(-1) : view.state.editions.find((e) => e.edition === edition);
    if (!chosen) return undefined;
    const content = await this.content(provinceId, quarter, chosen.asOf);
    const regeneratedHash = contentHash(content);
    return this.names.document(content, chosen, regeneratedHash, consolidationLastDay(quarter));
  }

  /**
   * The timeliness indicators of a quarter now (the same definitions and the same computation as the
   * consolidated report, at the current stable position), each with its formula, and the names of the
   * bodies and officials they are about.
   */
  async timeliness(provinceId: string, quarter: Quarter) {
    const today = vietnamDate(this.clock.now().toISOString());
    const content = await this.content(provinceId, quarter, { xmin: await this.decisions.log.stableXmin(), date: today });
    const t = content.timeliness;
    const names = await this.names.lookup({
      provinceId, issuingBodyId: '', bodyIds: [...t.stagesByBody, ...t.reportsByBody].map((g) => g.key),
      userIds: [...t.stagesByOfficial, ...t.returnsByOfficial].map((g) => g.key),
    });
    return { period: content.period, window: content.window, asOfDate: today, indicators: INDICATORS, ...t, bodyNames: names.bodyNames, userNames: names.userNames };
  }

  /** The content of a province's quarter as of a stable log position (pure once the events are read). */
  async content(provinceId: string, quarter: Quarter, asOf: { xmin: string; date: string }): Promise<QuarterlyContent> {
    return quarterlyContent(provinceId, quarter, asOf.date, await this.snapshots.of(provinceId, asOf.xmin));
  }
}

const likeEscape = (s: string) => s.replace(/[\\%_]/g, (c) => `\\${c}`);
const editionOf = (events: Array<{ data: unknown }>) => (events[0]?.data as { edition?: number } | undefined)?.edition ?? 1;

function refusal(r: ReportRefusal): ProblemException {
  switch (r.kind) {
    case 'quarter-not-started':
      return new ProblemException(409, 'quarter-not-started', { vi: 'Kỳ báo cáo chưa bắt đầu', en: 'The reporting period has not begun' }, {
        vi: `Kỳ báo cáo này tính từ ngày ${r.windowFrom}; hôm nay là ${r.today}.`,
        en: `This reporting period starts on ${r.windowFrom}; today is ${r.today}.`,
      }, { windowFrom: r.windowFrom });
    case 'wrong-province':
      return new ProblemException(409, 'wrong-province', { vi: 'Sai tỉnh', en: 'Wrong province' }, {
        vi: 'Báo cáo này thuộc tỉnh khác.', en: 'This report belongs to another province.',
      });
  }
}
