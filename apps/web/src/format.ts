/** Formatting for Vietnamese users: dates dd/mm/yyyy, VND with Vietnamese grouping, Vietnam time, accent folding. */

export const TIME_ZONE = 'Asia/Ho_Chi_Minh';

/** A YYYY-MM-DD calendar date (or an ISO instant, taken in Vietnam time) as dd/mm/yyyy. */
export function formatDate(value: string | null | undefined): string {
  if (!value) return '—';
  const plain = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value);
  if (plain) return `${plain[3]}/${plain[2]}/${plain[1]}`;
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  return vietnamDate(d).split('-').reverse().join('/');
}

/** An ISO instant as dd/mm/yyyy HH:mm in Vietnam time. */
export function formatDateTime(value: string | null | undefined): string {
  if (!value) return '—';
  const d = new Date(value);
  if (Number.isNaN(d.getTime())) return value;
  const time = new Intl.DateTimeFormat('en-GB', { timeZone: TIME_ZONE, hour: '2-digit', minute: '2-digit', hour12: false }).format(d);
  return `${formatDate(value)} ${time}`;
}

/** The calendar date (YYYY-MM-DD) of an instant in Vietnam. */
export function vietnamDate(d: Date = new Date()): string {
  const parts = new Intl.DateTimeFormat('en-CA', { timeZone: TIME_ZONE, year: 'numeric', month: '2-digit', day: '2-digit' }).formatToParts(d);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  return `${get('year')}-${get('month')}-${get('day')}`;
}

const VND = new Intl.NumberFormat('vi-VN', { style: 'currency', currency: 'VND', maximumFractionDigits: 0 });
const NUM = new Intl.NumberFormat('vi-VN');

/** 1500000000 → "1.500.000.000 ₫" (the non-breaking space Intl puts before ₫ is made a plain space). */
export function formatMoney(vnd: number | null | undefined): string {
  if (vnd === null || vnd === undefined || Number.isNaN(vnd)) return '—';
  return VND.format(vnd).replace(/\u00a0/g, ' ');
}

export function formatNumber(n: number): string {
  return NUM.format(n);
}

/** Lower case, without diacritics, đ → d: "Đất đai" → "dat dai". */
export function foldAccents(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/đ/g, 'd')
    .replace(/Đ/g, 'D')
    .toLowerCase()
    .normalize('NFC');
}

/** Whether every word of the query is found, accent- and case-insensitively, in one of the texts. */
export function matchesQuery(query: string, ...texts: Array<string | null | undefined>): boolean {
  const words = foldAccents(query).split(/\s+/).filter(Boolean);
  if (!words.length) return true;
  const hay = foldAccents(texts.filter(Boolean).join(' \u0001 '));
  return words.every((w) => hay.includes(w));
}

/** The quarter (1–4) of a YYYY-MM-DD date, and its first and last day. */
export function quarterOf(date: string): { year: number; quarter: number; from: string; to: string } {
  const year = Number(date.slice(0, 4));
  const quarter = Math.floor((Number(date.slice(5, 7)) - 1) / 3) + 1;
  const firstMonth = (quarter - 1) * 3 + 1;
  const lastMonth = firstMonth + 2;
  const lastDay = new Date(Date.UTC(year, lastMonth, 0)).getUTCDate();
  const pad = (n: number) => String(n).padStart(2, '0');
  return { year, quarter, from: `${year}-${pad(firstMonth)}-01`, to: `${year}-${pad(lastMonth)}-${pad(lastDay)}` };
}
