import { registerDecorator, isISO8601, type ValidationOptions } from 'class-validator';

/**
 * THE span of every local date and instant the API accepts. The working calendar covers 1900–2199,
 * and an issued decision schedules its reports and evaluations up to ten years ahead of its dates
 * (libs/delegation/src/deadlines/schedule.ts), so a decision's dates stop at 2100: every deadline
 * they lead to stays inside the calendar. PostgreSQL has no year 0, and JavaScript dates before
 * 1900 or after 9999 do not round-trip through it as the client wrote them.
 */
export const DATE_RANGE = { min: '1900-01-01', max: '2100-12-31' } as const;

export interface DateRange {
  min: string;
  max: string;
}

const LOCAL_DATE = /^\d{4}-\d{2}-\d{2}$/;

/** True for a real calendar date written `YYYY-MM-DD` (rejects 2026-02-30); any year. */
export function isLocalDate(value: unknown): value is string {
  if (typeof value !== 'string' || !LOCAL_DATE.test(value)) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

/** True for a real date inside the range (both ends included). */
export function isLocalDateIn(value: unknown, range: DateRange = DATE_RANGE): value is string {
  return isLocalDate(value) && value >= range.min && value <= range.max;
}

/** The Vietnamese and English reasons of the range rule (the field name goes in front). */
export const rangeReason = (range: DateRange) => ({
  vi: `phải trong khoảng từ ${range.min} đến ${range.max}`,
  en: `must be between ${range.min} and ${range.max}`,
});

/**
 * A local date `YYYY-MM-DD` inside DATE_RANGE (or the range given, e.g. the working calendar's own).
 * Two constraints, so a client learns which part is wrong: `isLocalDate` (not a real date) and
 * `dateRange` (a real date outside the range). Both carry their Vietnamese text in `context.vi`.
 */
export function IsLocalDate(options: ValidationOptions & { range?: DateRange } = {}): PropertyDecorator {
  const { range = DATE_RANGE, ...validation } = options;
  return (target, propertyName) => {
    const name = String(propertyName);
    registerDecorator({
      name: 'isLocalDate',
      target: target.constructor,
      propertyName: name,
      options: {
        message: `${name} must be a real date written YYYY-MM-DD`,
        context: { vi: 'phải là ngày có thật, viết theo dạng YYYY-MM-DD' },
        ...validation,
      },
      validator: { validate: isLocalDate },
    });
    registerDecorator({
      name: 'dateRange',
      target: target.constructor,
      propertyName: name,
      options: { message: `${name} ${rangeReason(range).en}`, context: { vi: rangeReason(range).vi }, ...validation },
      // Only a real date is checked against the range: a malformed one has its own error above.
      validator: { validate: (v: unknown) => !isLocalDate(v) || isLocalDateIn(v, range) },
    });
  };
}

/** An ISO 8601 date-time (or date) that both JavaScript and PostgreSQL read the same way. */
const INSTANT = /^\d{4}-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(Z|[+-]\d{2}(:?\d{2})?)?)?$/;

export function isInstant(value: unknown): value is string {
  return typeof value === 'string' && INSTANT.test(value) && isISO8601(value, { strict: true }) && Number.isFinite(Date.parse(value));
}

const instantInRange = (value: string) => {
  const t = Date.parse(value);
  return t >= Date.parse(`${DATE_RANGE.min}T00:00:00Z`) && t < Date.parse(`${DATE_RANGE.max}T00:00:00Z`) + 86_400_000;
};

/** An instant (`2026-03-02T08:00:00+07:00`) inside DATE_RANGE: constraints `isInstant` and `dateRange`. */
export function IsInstant(options: ValidationOptions = {}): PropertyDecorator {
  return (target, propertyName) => {
    const name = String(propertyName);
    registerDecorator({
      name: 'isInstant',
      target: target.constructor,
      propertyName: name,
      options: {
        message: `${name} must be an ISO 8601 instant such as 2026-03-02T08:00:00+07:00`,
        context: { vi: 'phải là thời điểm theo ISO 8601, ví dụ 2026-03-02T08:00:00+07:00' },
        ...options,
      },
      validator: { validate: isInstant },
    });
    registerDecorator({
      name: 'dateRange',
      target: target.constructor,
      propertyName: name,
      options: { message: `${name} ${rangeReason(DATE_RANGE).en}`, context: { vi: rangeReason(DATE_RANGE).vi }, ...options },
      validator: { validate: (v: unknown) => !isInstant(v) || instantInRange(v) },
    });
  };
}
