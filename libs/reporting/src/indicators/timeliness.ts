import type { Text } from '@app/kernel';

/** A rate with what it is made of: the figure is never shown without its numerator and denominator. */
export interface Rate {
  numerator: number;
  denominator: number;
  /** numerator / denominator, rounded to 4 decimals; null when there is nothing to count. */
  rate: number | null;
}

export function rate(numerator: number, denominator: number): Rate {
  if (!Number.isInteger(numerator) || !Number.isInteger(denominator) || numerator < 0 || denominator < numerator) {
    throw new RangeError(`rate(${numerator}, ${denominator}): 0 ≤ numerator ≤ denominator, integers`);
  }
  return { numerator, denominator, rate: denominator === 0 ? null : Math.round((numerator / denominator) * 10_000) / 10_000 };
}

/** "87,5% (7/8)" in Vietnamese, "87.5% (7/8)" in English, "— (0/0)" when there is nothing to count. */
export function formatRate(r: Rate, lang: 'vi' | 'en'): string {
  if (r.rate === null) return `— (0/0)`;
  const pct = Math.round(r.rate * 1000) / 10;
  return `${lang === 'vi' ? String(pct).replace('.', ',') : String(pct)}% (${r.numerator}/${r.denominator})`;
}

export type IndicatorId = 'stage-on-time' | 'report-on-time' | 'late-items' | 'returned-more-than-once';

/**
 * The timeliness indicators, in the spirit of the Bộ chỉ số phục vụ người dân, doanh nghiệp (Quyết định
 * 766/QĐ-TTg ngày 23/6/2022), which Kế hoạch 7781/KH-UBND asks to follow. Each is defined here once, with
 * the formula that every report and screen shows next to the figure.
 */
export const INDICATORS: Record<IndicatorId, { name: Text; formula: Text }> = {
  'stage-on-time': {
    name: { vi: 'Tỷ lệ bước xử lý hoàn thành đúng hạn', en: 'Stages completed on time' },
    formula: {
      vi: 'Số bước hoàn thành trong kỳ không muộn hơn hạn (ngày làm việc) / số bước hoàn thành trong kỳ',
      en: 'Stages completed in the period by their deadline (working days) / stages completed in the period',
    },
  },
  'report-on-time': {
    name: { vi: 'Tỷ lệ báo cáo quý nộp đúng hạn', en: 'Quarterly reports filed on time' },
    formula: {
      vi: 'Số báo cáo của kỳ nộp trước ngày 15 tháng cuối quý / số báo cáo phải nộp của kỳ',
      en: "The period's reports filed before the 15th of the quarter's last month / reports owed for the period",
    },
  },
  'late-items': {
    name: { vi: 'Số việc chậm, muộn', en: 'Late items' },
    formula: {
      vi: 'Số bước hoàn thành quá hạn trong kỳ + số bước đã quá hạn mà chưa xong vào ngày cuối kỳ',
      en: 'Stages completed late in the period + stages past their deadline and still open on the last day of the period',
    },
  },
  'returned-more-than-once': {
    name: { vi: 'Tỷ lệ hồ sơ bị trả lại chỉnh sửa nhiều lần', en: 'Proposals returned for revision more than once' },
    formula: {
      vi: 'Số hồ sơ đã bị yêu cầu chỉnh sửa từ 2 lần trở lên (có lần trong kỳ) / số hồ sơ được thẩm định trong kỳ',
      en: 'Proposals asked for revision twice or more (once at least in the period) / proposals under appraisal in the period',
    },
  },
};

/** A stage deadline as the timeliness figures read it (a row of the deadlines read model). */
export interface StageRow {
  decisionId: string;
  bodyId: string | null;
  userId: string | null;
  startsOn: string;
  dueOn: string;
  closedOn: string | null;
  status: 'open' | 'met' | 'late' | 'paused' | 'cancelled';
}

export interface StageFigures {
  onTime: Rate;
  late: number;
  overdueOpen: number;
  lateItems: number;
}

/**
 * Stage timeliness in a window [from, to] (both included): completed stages (met or late, closed in the
 * window), and those past their deadline and not completed on its last day. A paused appraisal clock
 * (the proposer revising) and a cancelled stage count in neither.
 */
export function stageFigures(rows: readonly StageRow[], w: { from: string; to: string }): StageFigures {
  let met = 0;
  let late = 0;
  let overdueOpen = 0;
  for (const r of rows) {
    if ((r.status === 'met' || r.status === 'late') && r.closedOn && r.closedOn >= w.from && r.closedOn <= w.to) {
      if (r.status === 'met') met++;
      else late++;
    } else if (r.status !== 'cancelled' && r.status !== 'paused' && r.startsOn <= w.to && r.dueOn < w.to && (r.closedOn === null || r.closedOn > w.to)) {
      overdueOpen++;
    }
  }
  return { onTime: rate(met, met + late), late, overdueOpen, lateItems: late + overdueOpen };
}

/** The same figures per key (a body, an official), keys sorted, rows without a key left out. */
export function stageFiguresBy(rows: readonly StageRow[], key: (r: StageRow) => string | null, w: { from: string; to: string }): Array<{ key: string } & StageFigures> {
  const groups = new Map<string, StageRow[]>();
  for (const r of rows) {
    const k = key(r);
    if (k === null) continue;
    if (!groups.has(k)) groups.set(k, []);
    groups.get(k)!.push(r);
  }
  return [...groups.keys()].sort().map((k) => ({ key: k, ...stageFigures(groups.get(k)!, w) }))
    .filter((g) => g.onTime.denominator > 0 || g.overdueOpen > 0);
}
