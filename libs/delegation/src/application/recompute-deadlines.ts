import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { insertRows, type Row } from '@app/event-store';
import { reminderIntents } from '../intents.js';
import { deadlinesProjection } from '../projections/deadlines.projection.js';
import { decisionListProjection } from '../projections/decision-list.projection.js';
import { DecisionStore } from './decision-store.js';

export interface RecomputeReport {
  year: number;
  /** Decisions with a deadline counted through the year. */
  decisions: number;
  /** Deadlines whose due or reminder day moved (each recorded in deadline_changes). */
  moved: number;
}

/** The read models whose rows depend on the working-day calendar. */
const CALENDAR_PROJECTIONS = [deadlinesProjection, decisionListProjection];
const ATTEMPTS = 5;
const DAY = (c: string) => `to_char(${c}, 'YYYY-MM-DD')`;

/**
 * Deadlines are a function of each decision's stream and of the working-day calendar. When an admin
 * loads a year's official schedule, the deadlines counted through that year (a stage counted from its
 * start to its due day, an obligation's reminder counted back from its due day) may move: this folds
 * those decisions again with the new calendar, writes their deadline and list rows, asks for their
 * reminders on the new days, and records each move (deadline_changes) with who loaded the year.
 *
 * Each decision is written in its own short transaction that holds its list row (an append of the same
 * decision waits for it, and one that committed in between makes it fold again).
 */
@Injectable()
export class DeadlineRecalculator {
  private readonly logger = new Logger(DeadlineRecalculator.name);

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: DecisionStore,
  ) {}

  async afterYearLoaded(year: number, changedBy: string): Promise<RecomputeReport> {
    const from = `${year}-01-01`;
    const to = `${year}-12-31`;
    const affected: Array<{ id: string }> = await this.db.query(
      `SELECT DISTINCT decision_id AS id FROM deadlines
        WHERE due_on >= $1::date AND (CASE WHEN kind = 'stage' THEN starts_on ELSE least(remind_on, due_on) END) <= $2::date
        ORDER BY 1`,
      [from, to],
    );
    let moved = 0;
    for (const { id } of affected) moved += await this.recompute(id, year, changedBy);
    if (affected.length) this.logger.log(`Calendar ${year} loaded by ${changedBy}: ${affected.length} decision(s) folded again, ${moved} deadline(s) moved`);
    return { year, decisions: affected.length, moved };
  }

  private async recompute(id: string, year: number, changedBy: string): Promise<number> {
    for (let attempt = 1; attempt <= ATTEMPTS; attempt++) {
      const view = await this.store.pipeline.load(id);
      const rows = await this.store.pipeline.rowsOf(view);
      const moved = await this.db.transaction(async (tx) => {
        const [head]: Array<{ version: number }> = await tx.query(`SELECT version FROM decision_list WHERE id = $1 FOR UPDATE`, [id]);
        if (!head || head.version !== view.version) return undefined; // appended meanwhile: fold again
        const before: Array<{ id: string; due_on: string; remind_on: string }> = await tx.query(
          `SELECT id, ${DAY('due_on')} AS due_on, ${DAY('remind_on')} AS remind_on FROM deadlines WHERE decision_id = $1`,
          [id],
        );
        const was = new Map(before.map((r) => [r.id, r]));
        const deadlines = rows.get(deadlinesProjection) ?? [];
        const changed = deadlines.filter((d) => {
          const prior = was.get(String(d.id));
          return prior && (prior.due_on !== d.due_on || prior.remind_on !== d.remind_on);
        });
        await tx.query(`DELETE FROM deadlines WHERE decision_id = $1 AND NOT (id = ANY($2))`, [id, deadlines.map((d) => d.id)]);
        for (const p of CALENDAR_PROJECTIONS) await insertRows(tx, p, rows.get(p) ?? []);
        if (changed.length) {
          await tx.query(
            `INSERT INTO deadline_changes (deadline_id, decision_id, year, due_before, due_after, remind_before, remind_after, changed_by)
             SELECT c.id, $1, $2, c.due_before::date, c.due_after::date, c.remind_before::date, c.remind_after::date, $3
               FROM json_to_recordset($4::json) AS c(id text, due_before text, due_after text, remind_before text, remind_after text)`,
            [id, year, changedBy, JSON.stringify(changed.map((d) => {
              const prior = was.get(String(d.id))!;
              return { id: d.id, due_before: prior.due_on, due_after: d.due_on, remind_before: prior.remind_on, remind_after: d.remind_on };
            }))],
          );
          const intents = changed.filter((d) => d.status === 'open').flatMap((d: Row) => reminderIntents(id, d));
          if (intents.length) {
            await tx.query(
              `INSERT INTO intents (id, kind, stream_id, payload, run_at)
               SELECT i.id, i.kind, i.stream_id, i.payload, i.run_at FROM json_to_recordset($1::json)
                 AS i(id text, kind text, stream_id text, payload jsonb, run_at timestamptz)
               ON CONFLICT (id) DO NOTHING`,
              [JSON.stringify(intents.map((i) => ({ id: i.id, kind: i.kind, stream_id: i.streamId, payload: i.payload, run_at: i.runAt ?? null })))],
            );
          }
        }
        return changed.length;
      });
      if (moved !== undefined) return moved;
      this.store.pipeline.forget(id);
    }
    throw new Error(`Deadlines of decision ${id}: the decision kept changing while they were recomputed (${ATTEMPTS} attempts)`);
  }
}
