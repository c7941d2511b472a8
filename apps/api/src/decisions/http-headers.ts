import { problems } from '@app/kernel';

const field = (name: string, vi: string, en: string) => ({ field: name, constraint: 'header', reason: { vi: `${name}: ${vi}`, en: `${name}: ${en}` } });

/** Parses `If-Match: "3"` (also W/"3" or 3) into a stream version; absent → undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m) throw problems.validation([field('If-Match', 'phải là ETag dạng "3" (phiên bản của hồ sơ)', 'must be an ETag like "3" (the decision version)')]);
  return Number(m[1]);
}

/** An Idempotency-Key makes a retried request answer with the first result instead of writing twice. */
export function parseIdempotencyKey(header: string | undefined): string | undefined {
  if (header === undefined || header === '') return undefined;
  if (header.length > 200 || !/^[\x21-\x7e]+$/.test(header)) {
    throw problems.validation([field('Idempotency-Key', 'tối đa 200 ký tự ASCII in được', 'at most 200 printable ASCII characters')]);
  }
  return header;
}

export const etag = (version: number) => `"${version}"`;
