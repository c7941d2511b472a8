import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { CalendarService } from '@app/calendar';
import { TtlCache } from '@app/kernel';
import type { Role } from '../domain/types.js';
import type { DecisionProjectionContext, DecisionStreamView } from '../projections/decision-view.js';

const NO_STAFF: ReadonlyMap<string, string> = new Map();

/** Bodies and staff change rarely; a change shows in a decision's read models within this time. */
const TTL_MS = 30_000;

/**
 * The reference data the decision projections read: the working-day calendar, the province of the
 * delegator body, and which body answers for each role there. Loaded before an append transaction
 * begins and cached for the process, never read inside it: a transaction that waits on a second
 * pool connection deadlocks the pool under a burst.
 */
@Injectable()
export class DecisionReferences {
  private readonly provinces = new TtlCache<string | null>(TTL_MS);
  private readonly staff = new TtlCache<ReadonlyMap<string, string>>(TTL_MS);
  private readonly contexts = new Map<string, { calendar: unknown; staff: ReadonlyMap<string, string>; ctx: DecisionProjectionContext }>();
  private readonly settings: Pick<DecisionProjectionContext, 'reminderLeadWorkingDays' | 'expiryWarningDays'>;

  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly calendars: CalendarService,
    config: ConfigService,
  ) {
    this.settings = {
      reminderLeadWorkingDays: Number(config.get('REMINDER_LEAD_WORKING_DAYS') ?? 2),
      expiryWarningDays: Number(config.get('EXPIRY_WARNING_DAYS') ?? 30),
    };
  }

  /**
   * The same object for as long as the calendar and the province's staff are the ones cached: the
   * projections keep what they computed per context (deadlines.projection.ts).
   */
  async context(view: DecisionStreamView): Promise<DecisionProjectionContext> {
    const delegator = view.state.exists ? view.state.content.delegatorBodyId : undefined;
    const [calendar, provinceId] = await Promise.all([this.calendars.calendar(), delegator ? this.provinceOf(delegator) : null]);
    const staff = provinceId ? await this.staffOf(provinceId) : NO_STAFF;
    const known = this.contexts.get(provinceId ?? '');
    if (known && known.calendar === calendar && known.staff === staff) return known.ctx;
    const ctx = { ...this.settings, calendar, provinceId, bodyOfRole: (role: Role) => staff.get(role) ?? null };
    this.contexts.set(provinceId ?? '', { calendar, staff, ctx });
    return ctx;
  }

  /** Forgets what is cached (as when the TTL runs out). */
  invalidate(): void {
    this.provinces.invalidate();
    this.staff.invalidate();
  }

  provinceOf(bodyId: string): Promise<string | null> {
    return this.provinces.get(bodyId, async () => {
      const [row] = await this.db.query(`SELECT province_id FROM bodies WHERE id = $1`, [bodyId]);
      return row?.province_id ?? null;
    });
  }

  /** The body of the first active user (by id) of each role in the province. */
  private staffOf(provinceId: string): Promise<ReadonlyMap<string, string>> {
    return this.staff.get(provinceId, async () => {
      const rows: Array<{ role: string; body_id: string }> = await this.db.query(
        `SELECT DISTINCT ON (u.role) u.role, u.body_id FROM users u JOIN bodies b ON b.id = u.body_id
          WHERE u.active AND b.province_id = $1 ORDER BY u.role, u.id`,
        [provinceId],
      );
      return new Map(rows.map((r) => [r.role, r.body_id]));
    });
  }
}
