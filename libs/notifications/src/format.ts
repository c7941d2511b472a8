import type { IsoDate, IsoInstant, Text } from './message.js';

const DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const EN_MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
/** Việt Nam keeps UTC+7 all year (no daylight saving). */
const VN_OFFSET_MS = 7 * 3600_000;

function parts(value: IsoDate | IsoInstant | Date): { y: number; m: number; d: number } {
  if (typeof value === 'string') {
    const m = DATE.exec(value);
    if (m) return { y: Number(m[1]), m: Number(m[2]), d: Number(m[3]) };
  }
  const t = (typeof value === 'string' ? new Date(value) : value).getTime();
  if (Number.isNaN(t)) throw new RangeError(`not a date: ${String(value)}`);
  const local = new Date(t + VN_OFFSET_MS);
  return { y: local.getUTCFullYear(), m: local.getUTCMonth() + 1, d: local.getUTCDate() };
}

const pad = (n: number) => String(n).padStart(2, '0');

/** `24/11/2026`: a calendar date (`YYYY-MM-DD`) as written, an instant as its civil date in Việt Nam. */
export function formatDateVi(value: IsoDate | IsoInstant | Date): string {
  const { y, m, d } = parts(value);
  return `${pad(d)}/${pad(m)}/${y}`;
}

/** `24 Nov 2026`: unambiguous for English readers (03/04 is not). */
export function formatDateEn(value: IsoDate | IsoInstant | Date): string {
  const { y, m, d } = parts(value);
  return `${d} ${EN_MONTHS[m - 1]} ${y}`;
}

export const formatDate = (value: IsoDate | IsoInstant | Date): Text => ({ vi: formatDateVi(value), en: formatDateEn(value) });

/** One line, NFC, no control characters: safe in a subject line and an e-mail header. */
export function oneLine(s: string): string {
  return s.normalize('NFC').replace(/[\u0000-\u001f\u007f\u2028\u2029]+/g, ' ').replace(/\s+/g, ' ').trim();
}

/** NFC for both languages (texts put together from user input typed in NFD). */
export const nfc = (t: Text): Text => ({ vi: t.vi.normalize('NFC'), en: t.en.normalize('NFC') });

export const plural = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`;

/** `Date | string` → ISO instant. */
export function toInstant(now: IsoInstant | Date): IsoInstant {
  const d = typeof now === 'string' ? new Date(now) : now;
  if (Number.isNaN(d.getTime())) throw new RangeError(`not an instant: ${String(now)}`);
  return d.toISOString();
}
