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
