import { createHash } from 'node:crypto';
import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CheckContext, CheckSettings } from '../domain/types.js';
import { addDays } from '../domain/support.js';
import { evaluationLateFrom, quarterLabel, reportDueDate, type Quarter } from '../domain/periods.js';
import { ACCOUNTABILITY_RULES, DELEGATE_CAPACITY, TRANSITION_LAPSES_ON, TWO_LEVEL_GOVERNMENT_FROM } from '../rules/index.js';
import { CheckContextLoader } from './check-context.loader.js';
import { delegateRecords, NO_RECORD } from './delegate-records.js';

/** The issued decisions a day can change, each with why (the rules whose answer may differ). */
export type DueDecisions = Map<string, string[]>;

export interface DailyPlan {
  /** The last day already checked (null: none, or the rules or their reference data changed: every issued decision). */
  after: string | null;
  through: string;
  decisions: DueDecisions;
  /** Records the pass as done through `through`, once its checks are queued. */
  done: () => Promise<void>;
}

const PASS = 'daily';
/** A gap longer than this (a stopped reconciler) is caught up with one full pass. */
const MAX_GAP_DAYS = 366;

const quartersDueIn = (after: string, through: string): Quarter[] => {
  const out: Quarter[] = [];
  for (let year = Number(after.slice(0, 4)); year <= Number(through.slice(0, 4)); year++) {
    for (const quarter of [1, 2, 3, 4] as const) {
      const due = reportDueDate({ year, quarter });
      if (due > after && due <= through) out.push({ year, quarter });
    }
  }
  return out;
};

/**
 * Which issued decisions the passing of the days (after, through] can change, so that the daily pass
 * checks those and not every issued decision. Each rule's dependence on the date, and the index that
 * answers it (migration IndexedChecks1732402130000):
 * - quarterly-report-due: on each report's due day, the decisions that have not filed that quarter;
 * - yearly-evaluation: on 1 February, those without the year's evaluation;
 * - uy-quyen-ending: period end − expiryWarningDays, and the day after the period end (decision_list.period_to);
 * - transition-lapse-2027: 1/3/2027 − transitionWarningDays and 1/3/2027, those in effect since before
 *   1/7/2025; and any decision's own validity starting or ending (power_holdings.valid_from / valid_to);
 * - at-most-two-levels: another issued delegation of a shared power starting or ending (the same dates,
 *   then decision_list.power_ids);
 * - delegate-body-reorganised: a body's merger or abolition taking effect (bodies.ended_on);
 * - delegate-capacity: the delegate's 12-month record moves every day, so the record of each delegate of an
 *   issued decision is computed and the decisions whose open finding disagrees with it are checked.
 * What other decisions, bodies and powers change is re-checked when it happens (intents), and a change of
 * the rules, their settings or the legal documents (the reference digest) checks every issued decision once.
 */
@Injectable()
export class DueChecks {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly contexts: CheckContextLoader,
  ) {}

  async plan(today: string): Promise<DailyPlan> {
    const settings = this.contexts.settings();
    const digest = await this.referenceDigest(settings);
    const [last] = await this.db.query(`SELECT to_char(last_day, 'YYYY-MM-DD') AS day, digest FROM check_passes WHERE name = $1`, [PASS]) as Array<{ day: string; digest: string }>;
    const incremental = last && last.digest === digest && last.day <= today && addDays(last.day, MAX_GAP_DAYS) >= today;
    const after = incremental ? last.day : null;
    const decisions = after === null ? await this.everyIssued() : await this.between(after, today, settings);
    const done = async () => {
      await this.db.query(
        `INSERT INTO check_passes (name, last_day, digest, passed_at) VALUES ($1, $2, $3, clock_timestamp())
         ON CONFLICT (name) DO UPDATE SET last_day = EXCLUDED.last_day, digest = EXCLUDED.digest, passed_at = EXCLUDED.passed_at`,
        [PASS, today, digest],
      );
    };
    return { after, through: today, decisions, done };
  }

  /** The issued decisions whose checks may find something else on `through` than they did on `after`. */
  async between(after: string, through: string, settings: CheckSettings = this.contexts.settings()): Promise<DueDecisions> {
    const due: DueDecisions = new Map();
    const add = (reason: string, rows: Array<{ id: string }>) => {
      for (const { id } of rows) due.set(id, [...(due.get(id) ?? []), reason]);
    };
    if (through <= after) return due;
    const q = (sql: string, params: unknown[]) => this.db.query(sql, params) as Promise<Array<{ id: string }>>;

    for (const quarter of quartersDueIn(after, through)) {
      const period = quarterLabel(quarter);
      add(`report:${period}`, await q(
        `SELECT d.id FROM decision_list d WHERE d.stage = 'issued'
            AND NOT EXISTS (SELECT 1 FROM deadlines r WHERE r.id = 'report:' || d.id || ':' || $1 AND r.status IN ('met','late'))`,
        [period],
      ));
    }
    for (let year = Number(after.slice(0, 4)) - 1; year < Number(through.slice(0, 4)); year++) {
      const lateFrom = evaluationLateFrom(year);
      if (lateFrom <= after || lateFrom > through) continue;
      add(`evaluation:${year}`, await q(
        `SELECT d.id FROM decision_list d WHERE d.stage = 'issued'
            AND NOT EXISTS (SELECT 1 FROM deadlines r WHERE r.id = 'evaluation:' || d.id || ':' || $1 AND r.status IN ('met','late'))`,
        [String(year)],
      ));
    }
    add('uy-quyen-ending', await q(
      `SELECT id FROM decision_list WHERE stage = 'issued' AND kind = 'uy-quyen'
          AND ((period_to > $1::date + $3::int AND period_to <= $2::date + $3::int) OR (period_to >= $1::date AND period_to < $2::date))`,
      [after, through, settings.expiryWarningDays],
    ));
    const lapseDays = [addDays(TRANSITION_LAPSES_ON, -settings.transitionWarningDays), TRANSITION_LAPSES_ON];
    if (lapseDays.some((day) => day > after && day <= through)) {
      add('transition-lapse-2027', await q(
        `SELECT DISTINCT d.id FROM power_holdings h JOIN decision_list d ON d.id = h.decision_id
          WHERE h.valid_from < $1::date AND d.stage = 'issued'`,
        [TWO_LEVEL_GOVERNMENT_FROM],
      ));
    }
    // A validity that starts or ends: the decision's own (transition-lapse-2027 asks whether it runs today)
    // and, through the powers it shares, the issued decisions whose at-most-two-levels counts it today.
    const moved = `SELECT decision_id FROM power_holdings WHERE valid_from > $1::date AND valid_from <= $2::date
                   UNION SELECT decision_id FROM power_holdings WHERE valid_to > $1::date AND valid_to <= $2::date`;
    add('validity', await q(`SELECT id FROM decision_list WHERE stage = 'issued' AND id IN (${moved})`, [after, through]));
    add('shared-power-validity', await q(
      `SELECT DISTINCT d.id FROM decision_list o
         JOIN decision_list d ON d.power_ids && o.power_ids AND d.id <> o.id
           AND d.stage NOT IN ('draft', 'rejected', 'withdrawn', 'revoked', 'expired') AND d.stage = 'issued'
        WHERE o.stage = 'issued' AND o.id IN (${moved})`,
      [after, through],
    ));
    add('delegate-body-reorganised', await q(
      `SELECT d.id FROM bodies b JOIN decision_list d ON d.delegate_body_id = b.id OR d.delegator_body_id = b.id
        WHERE b.ended_on > $1::date AND b.ended_on <= $2::date AND d.stage = 'issued'`,
      [after, through],
    ));
    add('delegate-capacity', await this.capacityDisagreements(through, settings));
    return due;
  }

  /**
   * The issued decisions whose open delegate-capacity finding (or its absence) disagrees with what the
   * rule finds in the delegate's record today. The rule itself decides, on the record alone.
   */
  private async capacityDisagreements(today: string, settings: CheckSettings): Promise<Array<{ id: string }>> {
    const bodies = (await this.db.query(`SELECT DISTINCT delegate_body_id AS id FROM decision_list WHERE stage = 'issued'`) as Array<{ id: string }>).map((r) => r.id);
    const flagged: string[] = [];
    for (let i = 0; i < bodies.length; i += 1000) {
      const chunk = bodies.slice(i, i + 1000);
      const records = await delegateRecords(this.db, chunk, today);
      for (const body of chunk) {
        const ctx = { delegateRecord: records.get(body) ?? NO_RECORD, settings, decision: { content: { delegateBodyId: body } } } as unknown as CheckContext;
        if (DELEGATE_CAPACITY.evaluate(ctx).length) flagged.push(body);
      }
    }
    const finding = `${DELEGATE_CAPACITY.id}:capacity`;
    return this.db.query(
      `SELECT d.id FROM decision_list d
        WHERE d.stage = 'issued' AND d.delegate_body_id = ANY($1)
          AND NOT EXISTS (SELECT 1 FROM findings f WHERE f.decision_id = d.id AND f.finding_id = $2 AND f.open)
       UNION
       SELECT d.id FROM findings f JOIN decision_list d ON d.id = f.decision_id
        WHERE f.open AND f.rule_id = $3 AND f.finding_id = $2 AND d.stage = 'issued' AND NOT d.delegate_body_id = ANY($1)`,
      [flagged, finding, DELEGATE_CAPACITY.id],
    );
  }

  private async everyIssued(): Promise<DueDecisions> {
    const rows: Array<{ id: string }> = await this.db.query(`SELECT id FROM decision_list WHERE stage = 'issued' ORDER BY id`);
    return new Map(rows.map((r) => [r.id, ['all']]));
  }

  /** What the checks answer with besides the log: the rules and their versions, the settings, the legal documents. */
  private async referenceDigest(settings: CheckSettings): Promise<string> {
    const docs = await this.db.query(
      `SELECT number, title, to_char(in_force_from, 'YYYY-MM-DD') AS f, to_char(in_force_until, 'YYYY-MM-DD') AS u FROM legal_documents ORDER BY number`,
    );
    const rules = ACCOUNTABILITY_RULES.map((r) => `${r.id}@${r.version}`);
    return createHash('sha256').update(JSON.stringify([rules, settings, docs])).digest('hex');
  }
}
