import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { sqlPool, type SqlPool } from '@app/event-store';
import { JobQueue, jobIds, type JobPayloads } from '@app/jobs';
import { Clock } from '@app/kernel';
import { REMINDER_WINDOW_DAYS } from './reconciler.js';

interface LeasedIntent {
  id: string;
  kind: string;
  payload: Record<string, unknown>;
  run_at: Date | null;
}

/** How long a dispatcher keeps what it took before another one may take it (a crash in between). */
const LEASE = `interval '60 seconds'`;

/**
 * Carries out what the workflows asked for (table `intents`, written with the events that asked):
 * it leases the intents due now (or, for reminders, within REMINDER_WINDOW_DAYS: BullMQ holds them
 * as delayed jobs), hands each to the queue under its deterministic job id, and deletes it. Each step
 * is one short statement: no transaction stays open while jobs are queued. Several processes may run
 * it: a leased intent is skipped by the others until its lease runs out.
 */
@Injectable()
export class IntentDispatcher {
  private readonly logger = new Logger('IntentDispatcher');
  private readonly sql: SqlPool;

  constructor(
    @InjectDataSource() db: DataSource,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
  ) {
    this.sql = sqlPool(db);
  }

  /** Handles at most `limit` due intents; returns how many it took. */
  async poll(limit = 200): Promise<number> {
    const horizon = new Date(this.clock.now().getTime() + REMINDER_WINDOW_DAYS * 86_400_000).toISOString();
    const leased = await this.sql.query<LeasedIntent>(
      `UPDATE intents SET leased_until = clock_timestamp() + ${LEASE}
        WHERE id IN (SELECT id FROM intents
                      WHERE coalesce(run_at, '-infinity'::timestamptz) <= $1::timestamptz AND (leased_until IS NULL OR leased_until < clock_timestamp())
                      ORDER BY coalesce(run_at, '-infinity'::timestamptz), created_at LIMIT $2 FOR UPDATE SKIP LOCKED)
        RETURNING id, kind, payload, run_at`,
      [horizon, limit],
    );
    const done: string[] = [];
    // The reminders of the batch go to the queue in one addBulk, each under its deterministic id.
    const reminders = leased.filter((i) => i.kind === 'send-reminder');
    if (reminders.length) {
      try {
        await this.queue.enqueueMany('send-reminder', reminders.map(({ payload, run_at }) => {
          const { deadlineId, type } = payload as { deadlineId: string; type: 'remind' | 'escalate' };
          return { payload: { deadlineId, type }, options: { jobId: jobIds.reminder(deadlineId, type), runAt: run_at ?? undefined } };
        }));
        done.push(...reminders.map((i) => i.id));
      } catch (e) {
        // Left leased: another pass takes them again once the lease runs out.
        this.logger.warn(`${reminders.length} reminder intent(s): ${(e as Error).message}`);
      }
    }
    for (const intent of leased.filter((i) => i.kind !== 'send-reminder')) {
      try {
        await this.carryOut(intent);
        done.push(intent.id);
      } catch (e) {
        // Left leased: another pass takes it again once the lease runs out.
        this.logger.warn(`${intent.id}: ${(e as Error).message}`);
      }
    }
    if (done.length) await this.sql.query(`DELETE FROM intents WHERE id = ANY($1)`, [done]);
    return leased.length;
  }

  private async carryOut({ kind, payload }: LeasedIntent): Promise<void> {
    switch (kind) {
      case 'run-checks': {
        const { decisionId, version } = payload as { decisionId: string; version: number };
        await this.queue.enqueue('check-decision', { decisionId, reason: `v${version}` }, { jobId: jobIds.check(decisionId, version) });
        return;
      }
      case 'notify-handoff': {
        const p = payload as JobPayloads['notify-handoff'];
        await this.queue.enqueue('notify-handoff', p, { jobId: jobIds.handoff(p.decisionId, p.version) });
        return;
      }
      case 'recheck-body': {
        // The decisions that name the body, by the indexes on delegate and delegator.
        const { bodyId, version } = payload as { bodyId: string; version: number };
        const named = await this.sql.query<{ id: string }>(
          `SELECT id FROM decision_list WHERE (delegate_body_id = $1 OR delegator_body_id = $1)
              AND stage NOT IN ('draft', 'rejected', 'withdrawn', 'revoked', 'expired') ORDER BY id`,
          [bodyId],
        );
        for (const { id } of named) {
          await this.queue.enqueue('check-decision', { decisionId: id, reason: `body:${bodyId}:v${version}` }, { jobId: jobIds.bodyCheck(id, bodyId, version) });
        }
        return;
      }
      case 'recheck-power': {
        // The live decisions that name the power, by the GIN index on their powers.
        const { powerId, version } = payload as { powerId: string; version: number };
        const named = await this.sql.query<{ id: string }>(
          `SELECT id FROM decision_list WHERE power_ids && ARRAY[$1::text]
              AND stage NOT IN ('draft', 'rejected', 'withdrawn', 'revoked', 'expired') ORDER BY id`,
          [powerId],
        );
        for (const { id } of named) {
          await this.queue.enqueue('check-decision', { decisionId: id, reason: `power:${powerId}:v${version}` }, { jobId: jobIds.powerCheck(id, powerId, version) });
        }
        return;
      }
      case 'recheck-related': {
        // What a decision's checks see of the others (CheckContextLoader.others) changed for one of them: the
        // issued decisions of its province sharing a power are checked again (proposals, on their own events).
        const { decisionId, version, powerIds, delegatorBodyIds } = payload as { decisionId: string; version: number; powerIds: string[]; delegatorBodyIds: string[] };
        const related = await this.sql.query<{ id: string }>(
          `SELECT d.id FROM decision_list d LEFT JOIN bodies b ON b.id = d.delegator_body_id
            WHERE d.power_ids && $1::text[] AND d.stage = 'issued' AND d.id <> $2
              AND d.stage NOT IN ('draft', 'rejected', 'withdrawn', 'revoked', 'expired')
              AND (b.province_id IS NULL OR b.province_id IN (SELECT province_id FROM bodies WHERE id = ANY($3)))
            ORDER BY d.id`,
          [powerIds, decisionId, delegatorBodyIds],
        );
        for (const { id } of related) {
          await this.queue.enqueue('check-decision', { decisionId: id, reason: `related:${decisionId}:v${version}` }, { jobId: jobIds.relatedCheck(id, decisionId, version) });
        }
        return;
      }
      default:
        throw new Error(`No dispatcher for intents of kind "${kind}"`);
    }
  }
}
