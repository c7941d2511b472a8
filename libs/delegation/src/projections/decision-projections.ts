import type { EntityManager } from 'typeorm';
import type { WorkingCalendar } from '@app/calendar';
import { getWorkflow } from '../workflows/registry.js';
import { holdingsOf } from '../registry/holdings.js';
import { vietnamDate } from '../domain/rules/expires-after-period-end.js';
import { type DecisionEvent } from '../domain/events.js';
import { type DecisionState } from '../domain/state.js';
import { type Role } from '../domain/types.js';
import { deadlinesOf } from '../deadlines/schedule.js';

export interface EventWithMeta {
  event: DecisionEvent;
  occurredAt: string;
  version: number;
}

export interface ProjectionSettings {
  reminderLeadWorkingDays: number;
  expiryWarningDays: number;
}

/**
 * The read models of one decision, written in the same transaction as its events (inline projection):
 * its row in the decision list, its intervals in the power registry, its deadlines and its findings.
 * Each is a function of the stream (and, for deadlines, of today and the working-day calendar), so
 * replaying a stream rewrites them identically (see rebuildDecisionProjections).
 */
export class DecisionProjector {
  constructor(
    private readonly calendar: () => Promise<WorkingCalendar>,
    private readonly now: () => Date,
    private readonly settings: ProjectionSettings,
  ) {}

  async project(m: EntityManager, state: DecisionState, events: readonly EventWithMeta[]): Promise<void> {
    if (!state.exists) return;
    await this.list(m, state);
    await this.registry(m, state, events.map((e) => e.event));
    await this.deadlines(m, state, events);
    await this.findings(m, state);
  }

  private async list(m: EntityManager, state: DecisionState): Promise<void> {
    const c = state.content;
    await m.query(
      `INSERT INTO decision_list (id, version, kind, stage, title, delegator_body_id, delegate_body_id, proposer_body_id,
         sector, power_ids, workflow_version, period_from, period_to, reviewer_id, stage_entered_at, created_at, updated_at, province_id)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16,$17, (SELECT province_id FROM bodies WHERE id = $6))
       ON CONFLICT (id) DO UPDATE SET version=$2, kind=$3, stage=$4, title=$5, delegator_body_id=$6, delegate_body_id=$7,
         proposer_body_id=$8, sector=$9, power_ids=$10, workflow_version=$11, period_from=$12, period_to=$13,
         reviewer_id=$14, stage_entered_at=$15, created_at=$16, updated_at=$17, province_id=EXCLUDED.province_id`,
      [
        state.id, state.version, state.kind, state.stage, c.title, c.delegatorBodyId, c.delegateBodyId, state.proposerBodyId,
        c.sector, c.powerIds, state.workflow.version, c.period?.from ?? null, c.period?.to ?? null, state.reviewerId ?? null,
        state.stageEnteredAt, state.createdAt, state.updatedAt,
      ],
    );
  }

  private async registry(m: EntityManager, state: DecisionState, events: DecisionEvent[]): Promise<void> {
    await m.query(`DELETE FROM power_holdings WHERE decision_id = $1`, [state.id]);
    for (const [seq, h] of holdingsOf(events).entries()) {
      await m.query(
        `INSERT INTO power_holdings (decision_id, seq, power_id, holder_body_id, delegator_body_id, kind, valid_from, valid_to)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
        [state.id, seq, h.powerId, h.holderBodyId, h.delegatorBodyId, h.kind, h.validFrom, h.validTo],
      );
    }
  }

  private async deadlines(m: EntityManager, state: DecisionState, events: readonly EventWithMeta[]): Promise<void> {
    const workflow = getWorkflow(state.workflow.id, state.workflow.version);
    if (!workflow) return;
    // The staff of the decision's own province (the province of its delegator body).
    const staff: Array<{ role: Role; body_id: string }> = await m.query(
      `SELECT DISTINCT ON (u.role) u.role, u.body_id FROM users u JOIN bodies b ON b.id = u.body_id
        WHERE u.active AND b.province_id = (SELECT province_id FROM bodies WHERE id = $1) ORDER BY u.role, u.id`,
      [state.content.delegatorBodyId],
    );
    const rows = deadlinesOf({
      events: [...events],
      workflow,
      calendar: await this.calendar(),
      today: vietnamDate(this.now().toISOString()),
      bodyOfRole: (role) => staff.find((s) => s.role === role)?.body_id ?? null,
      ...this.settings,
    });
    await m.query(`DELETE FROM deadlines WHERE decision_id = $1`, [state.id]);
    for (const d of rows) {
      await m.query(
        `INSERT INTO deadlines (id, decision_id, kind, subject, title_vi, title_en, starts_on, due_on, remind_on, escalate_on,
           responsible_role, responsible_body_id, responsible_user_id, status, closed_on, explanation)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
        [d.id, d.decisionId, d.kind, d.subject, d.title.vi, d.title.en, d.startsOn, d.dueOn, d.remindOn, d.escalateOn,
          d.responsibleRole, d.responsibleBodyId, d.responsibleUserId, d.status, d.closedOn, JSON.stringify(d.explanation)],
      );
    }
  }

  private async findings(m: EntityManager, state: DecisionState): Promise<void> {
    await m.query(`DELETE FROM findings WHERE decision_id = $1`, [state.id]);
    for (const f of Object.values(state.findings ?? {})) {
      await m.query(
        `INSERT INTO findings (decision_id, finding_id, rule_id, rule_version, key, severity, message_vi, message_en, details,
           open, raised_at, resolved_at, resolution_vi, resolution_en, delegator_body_id, delegate_body_id)
         VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$10,$11,$12,$13,$14,$15,$16)`,
        [state.id, f.findingId, f.ruleId, f.ruleVersion, f.key, f.severity, f.message.vi, f.message.en,
          f.details ? JSON.stringify(f.details) : null, f.open, f.raisedAt, f.resolvedAt ?? null,
          f.resolution?.vi ?? null, f.resolution?.en ?? null, state.content.delegatorBodyId, state.content.delegateBodyId],
      );
    }
  }
}
