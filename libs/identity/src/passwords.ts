import { availableParallelism } from 'node:os';
import { hash, verify } from '@node-rs/bcrypt';

/** bcrypt's cost for new hashes (2^10 rounds), as the hashes stored so far. */
export const BCRYPT_COST = 10;

/**
 * A bcrypt hash of nothing anyone can type, compared against when the user name is unknown, so a wrong
 * user name costs as long as a wrong password (same cost). A constant: nothing to compute at start.
 */
export const DUMMY_HASH = '$2b$10$f/BUzLUEdHGd3JUktFSr2uNAHpPXKIFmeDr9eh1xH0lZcNW0zqenK';

/**
 * At most this many bcrypt computations at once, off the event loop (libuv's thread pool, through a
 * native binding). Every one keeps a core busy for tens of milliseconds: letting a password spray run
 * one per pool thread would leave the event loop, and every other user's request, a fraction of a core.
 * One core is kept for the event loop; the rest queue here.
 */
const MAX_CONCURRENT = Math.max(1, availableParallelism() - 1);
let running = 0;
const waiting: Array<() => void> = [];

async function limited<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) await new Promise<void>((resolve) => waiting.push(resolve));
  running += 1;
  try {
    return await work();
  } finally {
    running -= 1;
    waiting.shift()?.();
  }
}

/** A new bcrypt hash (`$2b$`, cost BCRYPT_COST) of `password`, computed off the event loop. */
export function hashPassword(password: string): Promise<string> {
  return limited(() => hash(password, BCRYPT_COST));
}

/**
 * Whether `password` matches the bcrypt hash `stored` (`$2a$`, `$2b$` or `$2y$`, as bcryptjs and
 * others wrote them), computed off the event loop; false for a malformed hash.
 */
export function verifyPassword(password: string, stored: string): Promise<boolean> {
  return limited(() => verify(password, stored).catch(() => false));
}
