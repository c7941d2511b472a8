import { addDays, type IsoDate } from '@app/calendar';

/** A reporting quarter, written "2026-Q1" in URLs and stream ids. */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

const PERIOD = /^(\d{4})-Q([1-4])$/;
const pad = (n: number) => String(n).padStart(2, '0');

export function parsePeriod(period: string): Quarter | null {
  const m = PERIOD.exec(period);
  if (!m) return null;
  const year = Number(m[1]);
  if (year < 1990 || year > 2199) return null;
  return { year, quarter: Number(m[2]) as Quarter['quarter'] };
}

export const periodOf = (q: Quarter): string => `${q.year}-Q${q.quarter}`;

/** The quarter a day falls in (calendar quarters). */
export function quarterOfDate(date: IsoDate): Quarter {
  return { year: Number(date.slice(0, 4)), quarter: (Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1) as Quarter['quarter'] };
}

export function previousQuarter(q: Quarter): Quarter {
  return q.quarter === 1 ? { year: q.year - 1, quarter: 4 } : { year: q.year, quarter: (q.quarter - 1) as Quarter['quarter'] };
}

/**
 * The days a quarter's report covers (Nghị định 09/2019/NĐ-CP, Điều 12, khoản 1: "tính từ ngày 15 của
 * tháng trước kỳ báo cáo đến ngày 14 của tháng cuối quý thuộc kỳ báo cáo"), both ends included:
 * Q1 2026 is 15/12/2025 – 14/03/2026. Consecutive quarters tile the year with no gap and no overlap.
 */
export function dataWindow(q: Quarter): { from: IsoDate; to: IsoDate } {
  const from = q.quarter === 1 ? `${q.year - 1}-12-15` : `${q.year}-${pad(q.quarter * 3 - 3)}-15`;
  return { from, to: `${q.year}-${pad(q.quarter * 3)}-14` };
}

export const inWindow = (day: IsoDate, w: { from: IsoDate; to: IsoDate }) => day >= w.from && day <= w.to;

/** The delegates' last day: reports go "trước ngày 15 tháng cuối quý" (Kế hoạch 7781/KH-UBND). */
export const delegateReportLastDay = (q: Quarter): IsoDate => `${q.year}-${pad(q.quarter * 3)}-14`;

/** The office's last day: it consolidates "trước ngày 20 tháng cuối quý" (Kế hoạch 7781/KH-UBND). */
export const consolidationLastDay = (q: Quarter): IsoDate => `${q.year}-${pad(q.quarter * 3)}-19`;

/** The day after a window: what a half-open interval [from, to) takes as its end. */
export const dayAfter = (day: IsoDate): IsoDate => addDays(day, 1);
