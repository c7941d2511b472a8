import type { WorkingCalendar } from '@app/calendar';
import type { Text } from '@app/kernel';

/** Why a deadline may still move: a year it is counted through has no official schedule of days off yet. */
export interface Provisional {
  /** The years without an official schedule that the deadline's dates depend on. */
  years: number[];
  reason: Text;
}

/**
 * Whether an open deadline is provisional: a stage deadline is counted in working days from its start,
 * so every year from its start to its due day matters; a fixed-date obligation (a report, an evaluation,
 * a period's end) depends on the calendar only for its reminder day, counted back from the due day.
 */
export function provisionalOf(
  calendar: WorkingCalendar,
  d: { kind: string; status: string; startsOn: string; remindOn: string; dueOn: string },
): Provisional | undefined {
  if (d.status !== 'open') return undefined;
  const from = d.kind === 'stage' ? d.startsOn : d.remindOn < d.dueOn ? d.remindOn : d.dueOn;
  const years = calendar.unannouncedYears(from, d.dueOn);
  if (!years.length) return undefined;
  const list = years.join(', ');
  return {
    years,
    reason: {
      vi: `Tạm tính: chưa có lịch nghỉ chính thức năm ${list}; ngày nghỉ được tính theo Bộ luật Lao động và hạn sẽ được tính lại khi lịch năm đó được nạp.`,
      en: `Provisional: no official schedule of days off for ${list} yet; days off follow the Labour Code's rules, and the deadline is recomputed once that year's schedule is loaded.`,
    },
  };
}
