import type { BusinessRule } from '../errors.js';
import type { IsoDate, IsoInstant, Period } from '../types.js';
import { type RuleViolation, violation } from './violation.js';

/** Vietnam keeps UTC+7 all year (no daylight saving since 1975), so a fixed offset is exact. */
const VIETNAM_OFFSET_MS = 7 * 60 * 60 * 1000;

/** The civil date in Asia/Ho_Chi_Minh of an instant. */
export function vietnamDate(instant: IsoInstant): IsoDate {
  // The common case, an instant in UTC before 17:00: its own date (no Date object for it).
  if (instant.length === 24 && instant.endsWith('Z') && instant.slice(11, 13) < '17') return instant.slice(0, 10);
  return new Date(Date.parse(instant) + VIETNAM_OFFSET_MS).toISOString().slice(0, 10);
}

/** The authorisation holds through the whole of its last day; it expires only once that day is over. */
export const EXPIRES_AFTER_PERIOD_END: BusinessRule = {
  id: 'expires-after-period-end',
  version: 1,
  source: 'Luật 72/2025/QH15 Điều 14; Bộ luật Dân sự 2015 Điều 147–148',
  message: {
    vi: 'Chỉ được ghi nhận hết hiệu lực sau ngày kết thúc thời hạn ủy quyền.',
    en: 'An authorisation expires only after the last day of its period.',
  },
};

export function checkExpiresAfterPeriodEnd(period: Period | undefined, now: IsoInstant): RuleViolation | undefined {
  if (period && vietnamDate(now) > period.to) return undefined;
  return violation(EXPIRES_AFTER_PERIOD_END, 'now');
}
