import { Transform } from 'class-transformer';

/** `true` / `false` in a query string as a boolean (anything else is left for @IsBoolean to refuse). */
export const QueryBoolean = () => Transform(({ value }) => (value === 'true' ? true : value === 'false' ? false : value));

/** A list in a query string, repeated (`stage=a&stage=b`) or comma-separated (`stage=a,b`). */
export const QueryList = () => Transform(({ value }) => {
  const parts = (Array.isArray(value) ? value : [value]).flatMap((v) => (typeof v === 'string' ? v.split(',') : [v]));
  return parts.map((v) => (typeof v === 'string' ? v.trim() : v)).filter((v) => v !== '');
});
