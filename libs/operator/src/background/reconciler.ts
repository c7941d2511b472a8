import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { DueChecks } from '@app/accountability';
import { vietnamDate } from '@app/delegation';
import { Clock } from '@app/kernel';
import { JobQueue, jobIds, type QueuedJob } from '@app/jobs';

/** 08:00 in Vietnam on a date: when reminders go out. */
const morningOf = (day: string) => new Date(`${day}T08:00:00+07:00`);

/**
 * How far ahead reminder jobs are created. A delegation's schedule runs for years; each reconciler
 * pass creates the jobs whose reminder day came within this window since the last one.
 */
export const REMINDER_WINDOW_DAYS = 60;

export interface ReconcileReport {
  remindersScheduled: number;
  checksScheduled: number;
}

/**
 * Makes the queue agree with the deadline table. BullMQ's delayed jobs are only triggers: when Redis
 * lost them (flushed, restarted without persistence) this re-creates every missing one from the table,
 * with the same deterministic ids, for the deadlines whose reminder falls within REMINDER_WINDOW_DAYS.
 * It also queues each day's checks of the delegations in effect that the day can change (DueChecks:
 * through indexes, not every issued decision). (Deadlines themselves are a function of each stream:
 * nothing needs re-projecting when the day changes.)
 */
@Injectable()
export class Reconciler {
  private readonly logger = new Logger('Reconciler');
  private lastDaily = '';

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: JobQueue,
    private readonly clock: Clock,
    private readonly dueChecks: DueChecks,
  ) {}

  async tick(): Promise<ReconcileReport> {
    const today = vietnamDate(this.clock.now().toISOString());
    let checksScheduled = 0;
    if (this.lastDaily !== today) {
      // Only the issued decisions whose checks the days since the last pass can change (DueChecks).
      const plan = await this.dueChecks.plan(today);
      for (const id of plan.decisions.keys()) {
        await this.queue.enqueue('check-decision', { decisionId: id, reason: `daily ${today}` }, { jobId: jobIds.dailyCheck(id, today) });
      }
      await plan.done();
      checksScheduled = plan.decisions.size;
      this.lastDaily = today;
    }
    const remindersScheduled = await this.scheduleReminders();
    if (remindersScheduled) this.logger.log(`Scheduled ${remindersScheduled} reminder job(s)`);
    return { remindersScheduled, checksScheduled };
  }

  /** Ensures a job exists for every reminder and escalation of an open deadline not yet sent. */
  async scheduleReminders(decisionId?: string): Promise<number> {
    const rows: Array<{ id: string; kind: string; remind_on: string; escalate_on: string }> = await this.db.query(
      `SELECT dl.id, dl.kind, to_char(dl.remind_on,'YYYY-MM-DD') AS remind_on, to_char(dl.escalate_on,'YYYY-MM-DD') AS escalate_on
         FROM deadlines dl
        WHERE dl.status = 'open' AND ($1::uuid IS NULL OR dl.decision_id = $1) AND dl.remind_on <= $2::date + ${REMINDER_WINDOW_DAYS}
          AND (NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = 'remind:' || dl.id)
               OR (dl.kind <> 'period-end' AND NOT EXISTS (SELECT 1 FROM notifications n WHERE n.id = 'escalate:' || dl.id)))
        ORDER BY dl.remind_on`,
      [decisionId ?? null, vietnamDate(this.clock.now().toISOString())],
    );
    const sent = new Set<string>(
      (await this.db.query(`SELECT id FROM notifications WHERE id = ANY($1)`, [rows.flatMap((r) => [`remind:${r.id}`, `escalate:${r.id}`])]))
        .map((r: { id: string }) => r.id),
    );
    // One addBulk for them all, under their deterministic ids: those already waiting or delayed are left alone.
    const jobs: Array<QueuedJob<'send-reminder'>> = [];
    for (const r of rows) {
      const wanted: Array<['remind' | 'escalate', string]> = [['remind', r.remind_on]];
      if (r.kind !== 'period-end') wanted.push(['escalate', r.escalate_on]);
      for (const [type, day] of wanted) {
        const jobId = jobIds.reminder(r.id, type);
        if (!sent.has(jobId)) jobs.push({ payload: { deadlineId: r.id, type }, options: { jobId, runAt: morningOf(day) } });
      }
    }
    const scheduled = jobs.length ? await this.queue.enqueueMany('send-reminder', jobs) : 0;
    return scheduled;
  }
}
