import type { DataSource } from 'typeorm';
import type { CheckContext } from '../domain/types.js';

export type DelegateRecord = CheckContext['delegateRecord'];

export const NO_RECORD: DelegateRecord = { stagesFinished: 0, stagesLate: 0, reportsDue: 0, reportsLate: 0 };

/**
 * Each body's stages and reports over the 12 months before `today`, from the deadline table (for the
 * delegate-capacity rule): stages finished and late, reports due and late. A row counts when it was due
 * in the window, or was closed (met, late) with its due day still ahead; a row open or paused and not yet
 * due counts for nothing, so it is not read. Both halves are ranges of the index
 * deadlines_record_idx (responsible_body_id, status, due_on), whatever the body's history.
 */
export async function delegateRecords(db: Pick<DataSource, 'query'>, bodyIds: readonly string[], today: string): Promise<Map<string, DelegateRecord>> {
  if (!bodyIds.length) return new Map();
  const rows: Array<{ body: string; kind: string; finished: string; late: string; due: string }> = await db.query(
    `SELECT responsible_body_id AS body, kind,
            count(*) FILTER (WHERE status IN ('met','late')) AS finished,
            count(*) FILTER (WHERE status = 'late' OR (status = 'open' AND due_on < $2::date)) AS late,
            count(*) FILTER (WHERE due_on < $2::date OR status IN ('met','late')) AS due
       FROM (SELECT responsible_body_id, kind, status, due_on FROM deadlines
              WHERE responsible_body_id = ANY($1) AND kind IN ('stage','report') AND status IN ('open','met','late','paused')
                AND due_on >= $2::date - 365 AND due_on < $2::date
             UNION ALL
             SELECT responsible_body_id, kind, status, due_on FROM deadlines
              WHERE responsible_body_id = ANY($1) AND kind IN ('stage','report') AND status IN ('met','late')
                AND due_on >= $2::date) r
      GROUP BY 1, 2`,
    [bodyIds, today],
  );
  const out = new Map<string, DelegateRecord>();
  for (const r of rows) {
    const rec = { ...(out.get(r.body) ?? NO_RECORD) };
    if (r.kind === 'stage') Object.assign(rec, { stagesFinished: Number(r.finished), stagesLate: Number(r.late) });
    else Object.assign(rec, { reportsDue: Number(r.due), reportsLate: Number(r.late) });
    out.set(r.body, rec);
  }
  return out;
}
