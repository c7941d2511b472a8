/** The stream moved on since the caller read it: re-read, decide again, retry. */
export class WrongExpectedVersionError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}, expected ${expectedVersion}`);
    this.name = 'WrongExpectedVersionError';
  }
}

/** A command id came back with another payload: a client bug, never a retry. */
export class IdempotencyKeyReusedError extends Error {
  constructor(
    readonly commandId: string,
    readonly reason: string,
  ) {
    super(`Command id ${commandId} was already used for a different command (${reason})`);
    this.name = 'IdempotencyKeyReusedError';
  }
}

/** The client named the version it saw (If-Match) and the stream has moved on since: 412. */
export class ExpectedVersionMismatchError extends Error {
  constructor(
    readonly streamId: string,
    readonly expectedVersion: number,
    readonly actualVersion: number,
  ) {
    super(`Stream ${streamId} is at version ${actualVersion}; the command expected version ${expectedVersion}`);
    this.name = 'ExpectedVersionMismatchError';
  }
}

/** Other writers kept winning the race for the stream, attempt after attempt: 409, try again. */
export class ConcurrencyConflictError extends Error {
  constructor(
    readonly streamId: string,
    readonly attempts: number,
  ) {
    super(`Stream ${streamId} kept changing during ${attempts} attempts`);
    this.name = 'ConcurrencyConflictError';
  }
}

/**
 * The append named the next number of a gap-free sequence, and another append took that number first:
 * nothing was written. Read the sequence again and retry (the stream itself did not change).
 */
export class SequenceClaimLostError extends Error {
  constructor(
    readonly streamId: string,
    readonly sequence: string,
    readonly value: number,
  ) {
    super(`Stream ${streamId}: number ${value} of sequence ${sequence} was taken by another append`);
    this.name = 'SequenceClaimLostError';
  }
}
