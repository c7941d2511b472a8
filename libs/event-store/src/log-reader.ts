import { EVENT_COLUMNS, toStoredEvent, type EventRow } from './rows.js';
import type { LogPosition, StoredEvent, Upcaster } from './types.js';

/*
 * Reading the whole log in commit-safe order.
 *
 * Why a plain `global_position > checkpoint` reader skips events: positions come from a
 * sequence when a row is inserted, not when its transaction commits. Writer A takes position 10
 * and stays open; writer B takes 11 and commits. A reader sees 11, checkpoints 11, and when A
 * commits its 10 sits below the checkpoint forever (a gap that later fills).
 *
 * What we do instead: every row carries the xid8 of its transaction (set by the inserting
 * statement). `pg_snapshot_xmin(pg_current_snapshot())` is the oldest transaction still running,
 * so every transaction below it has committed or aborted and can add no more rows. Reading only
 * `transaction_id < xmin`, ordered by (transaction_id, global_position), therefore never passes
 * a row that could still appear: the checkpoint (transaction_id, global_position) only moves over
 * finished transactions. Within one stream this order is also version order, because the event
 * INSERT is the first write of its transaction: its xid is assigned after the snapshot in which it
 * saw the previous version committed, so it is higher than that version's xid.
 *
 * The cost: the log is delivered only up to the oldest open transaction on the whole server
 * (other databases included), so a transaction left open stalls followers — keep transactions
 * short and set idle_in_transaction_session_timeout.
 */
const READ_LOG_SQL = `SELECT ${EVENT_COLUMNS} FROM events
  WHERE (transaction_id, global_position) > ($1::xid8, $2::bigint)
    AND transaction_id < pg_snapshot_xmin(pg_current_snapshot())
  ORDER BY events.transaction_id, events.global_position -- the columns: a bare name would sort the text alias
  LIMIT $3`;

export async function readLog(
  manager: { query(text: string, params?: unknown[]): Promise<unknown[]> },
  after: LogPosition,
  limit: number,
  upcast?: Upcaster,
): Promise<StoredEvent[]> {
  const rows = (await manager.query(READ_LOG_SQL, [after.transactionId, after.globalPosition, limit])) as EventRow[];
  return rows.map((r) => toStoredEvent(r, upcast));
}

/** The position just after `event`, to continue a read or store as a checkpoint. */
export function positionOf(event: StoredEvent): LogPosition {
  return { transactionId: event.transactionId, globalPosition: event.globalPosition };
}
