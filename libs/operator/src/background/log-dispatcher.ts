import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { LogFollower, type StoredEvent } from '@app/event-store';
import { upcast } from '@app/delegation';
import { BODY_STREAM_TYPE, isBodyEventType, isPowerEventType, upcastBodyEvent, upcastPowerEvent } from '@app/organisation';
import { DECISION_STREAM } from '@app/delegation';
import { JobQueue, jobIds } from '@app/jobs';
import { Reconciler } from './reconciler.js';

/** Events the checks themselves write: following them would only re-check what was just checked. */
const CHECK_OUTPUT = new Set(['FindingRaised', 'FindingResolved']);

/**
 * Follows the event log (checkpointed and gap-safe: see libs/event-store/src/log-reader.ts) and turns
 * each changed decision into a check job and its reminder jobs. Not the in-memory event bus: a crash
 * between a commit and a job loses nothing, since the checkpoint only moves with the batch handled.
 */
@Injectable()
export class LogDispatcher {
  readonly follower: LogFollower;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly queue: JobQueue,
    private readonly reconciler: Reconciler,
  ) {
    this.follower = new LogFollower(db, 'jobs', (events) => this.handle(events), {
      batchSize: 200,
      // The log holds body and power streams too (stream types 'body', 'power'): each kind of event with its own upcaster.
      upcast: (type, version, data) =>
        isBodyEventType(type) ? upcastBodyEvent(type, version, data)
          : isPowerEventType(type) ? upcastPowerEvent(type, version, data)
            : upcast(type, version, data),
    });
  }

  /** Handles what is new in the log; returns how many events it read. */
  poll(): Promise<number> {
    return this.follower.pollOnce();
  }

  private async handle(events: StoredEvent[]): Promise<void> {
    const latest = new Map<string, number>();
    const bodies = new Map<string, number>();
    for (const e of events) {
      // A body that changed (merged, abolished, renamed, re-parented) changes no decision stream, yet the
      // decisions naming it must be checked again (e.g. delegate-body-reorganised).
      if (e.streamType === BODY_STREAM_TYPE && e.type !== 'BodyEstablished') {
        const bodyId = (e.data as { bodyId?: string }).bodyId ?? e.streamId.replace(/^body:/, '');
        bodies.set(bodyId, Math.max(bodies.get(bodyId) ?? 0, e.streamVersion));
      }
      if (e.streamType !== DECISION_STREAM) continue;
      if (!CHECK_OUTPUT.has(e.type)) latest.set(e.streamId, Math.max(latest.get(e.streamId) ?? 0, e.streamVersion));
      else if (!latest.has(e.streamId)) latest.set(e.streamId, 0);
    }
    for (const [decisionId, version] of latest) {
      if (version > 0) {
        await this.queue.enqueue('check-decision', { decisionId, reason: `v${version}` }, { jobId: jobIds.check(decisionId, version) });
      }
      await this.reconciler.scheduleReminders(decisionId);
    }
    for (const [bodyId, bodyVersion] of bodies) {
      const named: Array<{ id: string }> = await this.db.query(
        `SELECT id FROM decision_list WHERE (delegate_body_id = $1 OR delegator_body_id = $1)
            AND stage NOT IN ('draft', 'rejected', 'withdrawn', 'revoked', 'expired') ORDER BY id`,
        [bodyId],
      );
      for (const { id } of named) {
        await this.queue.enqueue('check-decision', { decisionId: id, reason: `body:${bodyId}:v${bodyVersion}` }, { jobId: jobIds.bodyCheck(id, bodyId, bodyVersion) });
      }
    }
  }
}
