import type { IsoDate } from '@app/delegation';

/** A reporting quarter. */
export interface Quarter {
  year: number;
  quarter: 1 | 2 | 3 | 4;
}

const pad = (n: number) => String(n).padStart(2, '0');

export function quarterOf(date: IsoDate): Quarter {
  const year = Number(date.slice(0, 4));
  const month = Number(date.slice(5, 7));
  return { year, quarter: (Math.floor((month - 1) / 3) + 1) as Quarter['quarter'] };
}

export const quarterLabel = (q: Quarter): string => `${q.year}-Q${q.quarter}`;

export function nextQuarter(q: Quarter): Quarter {
  return q.quarter === 4 ? { year: q.year + 1, quarter: 1 } : { year: q.year, quarter: (q.quarter + 1) as Quarter['quarter'] };
}

/** The report is due "trước ngày 15 tháng cuối quý" (seed 003): this is the first day it is late. */
export function reportDueDate(q: Quarter): IsoDate {
  return `${q.year}-${pad(q.quarter * 3)}-15`;
}

/**
 * The days a quarter's report covers (Nghị định 09/2019/NĐ-CP, Art. 12): from the 15th of the month
 * before the quarter to the 14th of its last month, i.e. [from, to) with `to` = the due date.
 */
export function reportWindow(q: Quarter): { from: IsoDate; to: IsoDate } {
  const from = q.quarter === 1 ? `${q.year - 1}-12-15` : `${q.year}-${pad(q.quarter * 3 - 3)}-15`;
  return { from, to: reportDueDate(q) };
}

/** The yearly evaluation of year Y is due by 31 January of Y + 1: the first day it is late. */
export function evaluationLateFrom(year: number): IsoDate {
  return `${year + 1}-02-01`;
}
