/**
 * Which errors mean "the database cannot be reached now" (503 with Retry-After: the request may be
 * repeated once it is back; the pool reconnects by itself), as the pg driver, its pool, Node's
 * sockets and TypeORM report them. The error may come wrapped (TypeORM's QueryFailedError keeps the
 * driver's as `driverError`; an AggregateError lists one per address tried).
 */

/** Socket errors of a connection attempt or of a connection that broke. */
const SOCKET_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'ECONNABORTED', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENETUNREACH', 'EHOSTDOWN', 'ENOTFOUND', 'EAI_AGAIN']);

/**
 * PostgreSQL's SQLSTATEs of a server going away or not taking connections: class 08 (connection
 * exception), 57P01 admin shutdown (pg_terminate_backend, a fast shutdown), 57P02 crash shutdown,
 * 57P03 cannot connect now (starting up, recovering), 57P05 idle session timeout, 53300 too many connections.
 */
const SERVER_CODES = /^(08[0-9A-Z]{3}|57P0[1235]|53300)$/;

/** What the pg driver and pool say, without a code, when a connection dies or never comes. */
const DRIVER_MESSAGES = [
  /Connection terminated/i, // "…unexpectedly", "…due to connection timeout"
  /timeout exceeded when trying to connect/i,
  /Client has encountered a connection error and is not queryable/i,
  /Client was closed and is not queryable/i,
  /Cannot use a pool after calling end on the pool/i,
  /terminating connection due to administrator command/i,
  /the database system is (starting up|shutting down|in recovery mode|not yet accepting connections)/i,
];

/** TypeORM's errors of a data source or query runner without a live connection. */
const TYPEORM_NAMES = new Set([
  'ConnectionIsNotSetError', 'QueryRunnerAlreadyReleasedError', 'QueryRunnerProviderAlreadyReleasedError',
  'CannotExecuteNotConnectedError', 'CannotGetEntityManagerNotConnectedError', 'ConnectionNotFoundError',
]);

interface ErrorLike {
  name?: unknown;
  code?: unknown;
  message?: unknown;
  driverError?: unknown;
  cause?: unknown;
  errors?: unknown;
}

function own(e: ErrorLike): boolean {
  const code = typeof e.code === 'string' ? e.code : '';
  if (SOCKET_CODES.has(code) || SERVER_CODES.test(code)) return true;
  if (typeof e.name === 'string' && TYPEORM_NAMES.has(e.name)) return true;
  const message = typeof e.message === 'string' ? e.message : '';
  return DRIVER_MESSAGES.some((m) => m.test(message));
}

/** True when the error, or one it wraps, says the database is unreachable or went away. */
export function isDatabaseUnavailable(error: unknown): boolean {
  const seen = new Set<unknown>();
  const queue: unknown[] = [error];
  while (queue.length && seen.size < 20) {
    const e = queue.shift();
    if (!e || typeof e !== 'object' || seen.has(e)) continue;
    seen.add(e);
    const x = e as ErrorLike;
    if (own(x)) return true;
    queue.push(x.driverError, x.cause, ...(Array.isArray(x.errors) ? x.errors : []));
  }
  return false;
}

/** Seconds a client should wait before trying again while the database is unreachable. */
export const DATABASE_RETRY_AFTER_SECONDS = 5;
