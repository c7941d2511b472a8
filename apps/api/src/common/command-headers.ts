import { applyDecorators, createParamDecorator, type ExecutionContext } from '@nestjs/common';
import { ApiHeader } from '@nestjs/swagger';
import type { Request } from 'express';
import { problems } from '@app/kernel';

const field = (name: string, vi: string, en: string) => ({ field: name, constraint: 'header', reason: { vi: `${name}: ${vi}`, en: `${name}: ${en}` } });

/** Parses `If-Match: "3"` (also W/"3" or 3) into a stream version; absent → undefined. */
export function parseIfMatch(header: string | undefined): number | undefined {
  if (header === undefined || header === '') return undefined;
  const m = /^(?:W\/)?"?(\d{1,9})"?$/.exec(header.trim());
  if (!m) throw problems.validation([field('If-Match', 'phải là ETag dạng "3" (phiên bản)', 'must be an ETag like "3" (the version)')]);
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

/** What a command request says about versions, repeats and correlation, read from its headers. */
export interface CommandHeaderValues {
  /** The version the client saw (If-Match): a stream at another version answers 412. */
  ifMatch?: number;
  /** The client's Idempotency-Key, scoped by user so that two users' keys never collide. */
  commandId?: string;
  correlationId?: string;
}

export function commandHeadersOf(req: Request & { user?: { userId: string } }): CommandHeaderValues {
  const key = parseIdempotencyKey(req.header('idempotency-key'));
  return {
    ifMatch: parseIfMatch(req.header('if-match')),
    commandId: key && `${req.user?.userId ?? 'anonymous'}:${key}`,
    correlationId: req.header('x-correlation-id')?.slice(0, 200),
  };
}

/** The command headers of the request (If-Match, Idempotency-Key, X-Correlation-Id), parsed. */
export const CommandHeaders = createParamDecorator((_: unknown, ctx: ExecutionContext): CommandHeaderValues =>
  commandHeadersOf(ctx.switchToHttp().getRequest()));

/** OpenAPI for the headers every command route honours. */
export const CommandHeaderDocs = () =>
  applyDecorators(
    ApiHeader({ name: 'If-Match', required: false, description: 'ETag of the version the client saw, e.g. "3"; a stale one gets 412' }),
    ApiHeader({ name: 'Idempotency-Key', required: false, description: 'A retry with the same key answers with the first result' }),
    ApiHeader({ name: 'X-Correlation-Id', required: false, description: 'Recorded in the event metadata' }),
  );
