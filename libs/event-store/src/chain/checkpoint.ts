import { createPrivateKey, createPublicKey, generateKeyPairSync, randomUUID, sign, verify, type KeyObject } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { mkdir, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { DataSource } from 'typeorm';
import { canonicalJson } from './canonical.js';
import type { PublishedKey } from '../signing/event-signature.js';
import type { Verifier, VerifyResult } from './verifier.js';

/** The chain's head, published outside the database and signed (Ed25519, base64). */
export interface Checkpoint {
  logSeq: number;
  globalPosition: number;
  logHash: string;
  /** The signed tree head: the RFC 9162 Merkle root (hex) over the first treeSize = logSeq chain rows. */
  treeSize?: number;
  rootHash?: string;
  createdAt: string;
  /** The writer's public keys (current and retired) when it was signed: what an outside verifier trusts. */
  eventKeys?: PublishedKey[];
  signature: string;
}

export interface CheckpointKeys {
  /** Absent on a machine that only verifies. */
  privateKey?: KeyObject;
  publicKey: KeyObject;
}

export interface KeySource {
  privateKeyPem?: string;
  publicKeyPem?: string;
  /** Where a key pair is kept (generated on first use) when no private key is given. */
  keyDir?: string;
}

const PRIVATE_FILE = 'checkpoint-private.pem';
const PUBLIC_FILE = 'checkpoint-public.pem';

/** PEM from an environment variable may carry `\n` escapes instead of line breaks. */
const pem = (text: string) => text.replace(/\\n/g, '\n');

/**
 * The signing keys: from PEM text (CHECKPOINT_PRIVATE_KEY / CHECKPOINT_PUBLIC_KEY), else the pair in
 * `keyDir`, generated there (private key mode 0600) the first time. With only a public key, or
 * `generate: false` and no pair yet, the result can verify but not sign.
 */
export function loadCheckpointKeys(source: KeySource, opts: { generate?: boolean } = {}): CheckpointKeys {
  if (source.privateKeyPem) {
    const privateKey = createPrivateKey(pem(source.privateKeyPem));
    const publicKey = source.publicKeyPem ? createPublicKey(pem(source.publicKeyPem)) : createPublicKey(privateKey);
    return { privateKey, publicKey };
  }
  const dir = source.keyDir;
  const readPair = (): CheckpointKeys | undefined => {
    if (!dir) return undefined;
    try {
      const privateKey = createPrivateKey(readFileSync(join(dir, PRIVATE_FILE), 'utf8'));
      return { privateKey, publicKey: source.publicKeyPem ? createPublicKey(pem(source.publicKeyPem)) : createPublicKey(privateKey) };
    } catch (e) {
      if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
      throw e;
    }
  };
  const existing = readPair();
  if (existing) return existing;
  if (source.publicKeyPem) return { publicKey: createPublicKey(pem(source.publicKeyPem)) };
  if (!dir || opts.generate === false) throw new Error('No checkpoint key: set CHECKPOINT_PRIVATE_KEY / CHECKPOINT_PUBLIC_KEY or a key folder');
  mkdirSync(dir, { recursive: true, mode: 0o700 });
  const pair = generateKeyPairSync('ed25519');
  try {
    // 'wx': when two processes start at once, the first pair written wins and the other reads it.
    writeFileSync(join(dir, PRIVATE_FILE), pair.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string, { mode: 0o600, flag: 'wx' });
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code !== 'EEXIST') throw e;
    return readPair()!;
  }
  writeFileSync(join(dir, PUBLIC_FILE), pair.publicKey.export({ type: 'spki', format: 'pem' }) as string, { mode: 0o644 });
  return { privateKey: pair.privateKey, publicKey: pair.publicKey };
}

/** The bytes the signature covers: the checkpoint without its signature, canonical JSON. */
export function checkpointPayload(cp: Omit<Checkpoint, 'signature'>): Buffer {
  return Buffer.from(canonicalJson({
    logSeq: cp.logSeq, globalPosition: cp.globalPosition, logHash: cp.logHash, createdAt: cp.createdAt,
    ...(cp.rootHash ? { treeSize: cp.treeSize, rootHash: cp.rootHash } : {}),
    ...(cp.eventKeys ? { eventKeys: cp.eventKeys.map((k) => ({ keyId: k.keyId, publicKey: k.publicKey, ...(k.retiredAt ? { retiredAt: k.retiredAt } : {}) })) } : {}),
  }), 'utf8');
}

export function signCheckpoint(body: Omit<Checkpoint, 'signature'>, privateKey: KeyObject): Checkpoint {
  return { ...body, signature: sign(null, checkpointPayload(body), privateKey).toString('base64') };
}

export function checkpointSignatureValid(cp: Checkpoint, publicKey: KeyObject): boolean {
  try {
    return verify(null, checkpointPayload(cp), publicKey, Buffer.from(cp.signature, 'base64'));
  } catch {
    return false;
  }
}

/** Parses a checkpoint file's text; throws on anything but the five fields of the right types. */
export function parseCheckpoint(text: string): Checkpoint {
  const v = JSON.parse(text) as Record<string, unknown>;
  const ok = v && typeof v === 'object'
    && Number.isSafeInteger(v.logSeq) && (v.logSeq as number) >= 1
    && Number.isSafeInteger(v.globalPosition)
    && typeof v.logHash === 'string' && /^[0-9a-f]{64}$/.test(v.logHash)
    && typeof v.createdAt === 'string' && typeof v.signature === 'string';
  if (!ok) throw new Error('not a checkpoint: needs logSeq, globalPosition, logHash (64 hex), createdAt, signature');
  if (v.rootHash !== undefined && !(typeof v.rootHash === 'string' && /^[0-9a-f]{64}$/.test(v.rootHash) && v.treeSize === v.logSeq)) {
    throw new Error('not a checkpoint: rootHash must be 64 hex digits, with treeSize equal to logSeq');
  }
  const keys = v.eventKeys;
  if (keys !== undefined && !(Array.isArray(keys) && keys.every((k) => k && typeof k.keyId === 'string' && typeof k.publicKey === 'string'))) {
    throw new Error('not a checkpoint: eventKeys must be a list of { keyId, publicKey }');
  }
  return {
    logSeq: v.logSeq as number, globalPosition: v.globalPosition as number, logHash: v.logHash as string,
    ...(v.rootHash ? { treeSize: v.treeSize as number, rootHash: v.rootHash as string } : {}), createdAt: v.createdAt as string,
    ...(keys ? { eventKeys: keys as PublishedKey[] } : {}), signature: v.signature as string,
  };
}

export const checkpointFileName = (logSeq: number) => `checkpoint-${logSeq}.json`;

export interface CheckpointPublisherOptions {
  /** CHECKPOINT_DIR: where the signed files go (created if missing). */
  dir: string;
  keys: CheckpointKeys;
  verifier: Verifier;
  now?: () => Date;
  /** The writer's public keys, published in every checkpoint. */
  eventKeys?: () => PublishedKey[];
  /** Sends the checkpoint elsewhere too (the auditor's e-mail). At-least-once: it may run again for the same file. */
  deliver?: (checkpoint: Checkpoint, file: string) => Promise<void>;
}

export interface PublishedCheckpoint {
  checkpoint: Checkpoint;
  file: string;
  /** False when the chain head had not moved since the newest file (nothing written). */
  published: boolean;
}

/** The advisory lock that serialises publishers across processes (and machines) on one database. */
const PUBLISH_LOCK_SQL = `hashtext('phancap:checkpoint-publisher')`;

/** Publishes running in this process, by folder: one at a time, so a process holds at most one lock connection. */
const inProcess = new Map<string, Promise<unknown>>();

/**
 * Publishes the chain's head as a signed file: the evidence that survives a database rewrite.
 * It verifies the log up to the head first and refuses to sign a chain that does not verify.
 *
 * Publishers are serialised: in the process by a queue per folder, across processes by a PostgreSQL
 * advisory lock held while one verifies, signs and writes. A publisher that finds the head already
 * signed, in a file naming the same row and hash, answers with that file (`published: false`) instead
 * of signing it again. The file is written under a name of its own and renamed into place, so a reader
 * never sees half a file and two writers never take each other's temporary file.
 */
export class CheckpointPublisher {
  constructor(private readonly dataSource: DataSource, private readonly opts: CheckpointPublisherOptions) {}

  /** `onlyIfMoved`: skip (published: false) when the newest file already names the head. */
  publish(options: { onlyIfMoved?: boolean; onProgress?: (checked: number) => void } = {}): Promise<PublishedCheckpoint> {
    const previous = inProcess.get(this.opts.dir) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.withPublishLock(() => this.publishLocked(options)));
    const settled = run.catch(() => undefined);
    inProcess.set(this.opts.dir, settled);
    void settled.then(() => {
      if (inProcess.get(this.opts.dir) === settled) inProcess.delete(this.opts.dir);
    });
    return run;
  }

  list(): Promise<Array<{ checkpoint: Checkpoint; file: string }>> {
    return listCheckpointFiles(this.opts.dir);
  }

  private async withPublishLock<T>(work: () => Promise<T>): Promise<T> {
    const runner = this.dataSource.createQueryRunner();
    await runner.connect();
    try {
      await runner.query(`SELECT pg_advisory_lock(${PUBLISH_LOCK_SQL})`);
      try {
        return await work();
      } finally {
        await runner.query(`SELECT pg_advisory_unlock(${PUBLISH_LOCK_SQL})`);
      }
    } finally {
      await runner.release();
    }
  }

  private async publishLocked(options: { onlyIfMoved?: boolean; onProgress?: (checked: number) => void }): Promise<PublishedCheckpoint> {
    const { privateKey } = this.opts.keys;
    if (!privateKey) throw new Error('checkpoint: no private key to sign with');
    const [head]: Array<{ log_seq: string; global_position: string; log_hash: string }> = await this.dataSource.query(
      `SELECT log_seq, global_position, log_hash FROM event_hashes ORDER BY log_seq DESC LIMIT 1`,
    );
    if (!head) throw new Error('checkpoint: the hash chain is empty (run the chainer first)');
    const logSeq = Number(head.log_seq);
    if (options.onlyIfMoved) {
      const newest = (await this.list())[0];
      if (newest && newest.checkpoint.logSeq >= logSeq) return { ...newest, published: false };
    }
    const ref = { logSeq, globalPosition: Number(head.global_position), logHash: head.log_hash };
    const result = await this.opts.verifier.verifyAgainstCheckpoint(ref, { onProgress: options.onProgress });
    if (result.status !== 'intact') {
      throw new ChainNotIntactError(result);
    }
    await mkdir(this.opts.dir, { recursive: true });
    const file = join(this.opts.dir, checkpointFileName(logSeq));
    const existing = await this.readSigned(file);
    if (existing && existing.globalPosition === ref.globalPosition && existing.logHash === ref.logHash) {
      return { checkpoint: existing, file, published: false };
    }
    const eventKeys = this.opts.eventKeys?.();
    const rootHash = result.status === 'intact' ? result.head.rootHash : undefined;
    const checkpoint = signCheckpoint({ ...ref, ...(rootHash ? { treeSize: logSeq, rootHash } : {}), createdAt: (this.opts.now?.() ?? new Date()).toISOString(), ...(eventKeys ? { eventKeys } : {}) }, privateKey);
    const tmp = `${file}.${process.pid}.${randomUUID()}.tmp`;
    try {
      await writeFile(tmp, `${JSON.stringify(checkpoint, null, 2)}\n`, { mode: 0o644 });
      await rename(tmp, file);
    } catch (e) {
      await unlink(tmp).catch(() => undefined);
      throw e;
    }
    if (this.opts.deliver) await this.opts.deliver(checkpoint, file);
    return { checkpoint, file, published: true };
  }

  /** The checkpoint in `file` when it is one and carries a valid signature by this publisher's key. */
  private async readSigned(file: string): Promise<Checkpoint | undefined> {
    try {
      const cp = parseCheckpoint(await readFile(file, 'utf8'));
      return checkpointSignatureValid(cp, this.opts.keys.publicKey) ? cp : undefined;
    } catch {
      return undefined;
    }
  }
}

/** The checkpoint files in `dir`, newest (highest logSeq) first; unreadable files are skipped. */
export async function listCheckpointFiles(dir: string): Promise<Array<{ checkpoint: Checkpoint; file: string }>> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw e;
  }
  const out: Array<{ checkpoint: Checkpoint; file: string }> = [];
  for (const name of names.filter((n) => /^checkpoint-\d+\.json$/.test(n))) {
    const file = join(dir, name);
    try {
      out.push({ checkpoint: parseCheckpoint(await readFile(file, 'utf8')), file });
    } catch {
      // not ours, or edited into something unreadable: ignore here (verifyCheckpointFile says why)
    }
  }
  return out.sort((a, b) => b.checkpoint.logSeq - a.checkpoint.logSeq);
}

export class ChainNotIntactError extends Error {
  constructor(readonly result: VerifyResult) {
    super(`the hash chain does not verify (${result.status}); no checkpoint was signed`);
    this.name = 'ChainNotIntactError';
  }
}

export type CheckpointVerification =
  | (VerifyResult & { checkpoint: Checkpoint })
  | { status: 'refused'; reason: string; checkpoint?: Checkpoint };

/** Checks an archived checkpoint file: its signature, then the log against it, then the log after it. */
export async function verifyCheckpointFile(path: string, verifier: Verifier, publicKey: KeyObject,
  opts: { onProgress?: (checked: number) => void } = {}): Promise<CheckpointVerification> {
  let checkpoint: Checkpoint;
  try {
    checkpoint = parseCheckpoint(await readFile(path, 'utf8'));
  } catch (e) {
    return { status: 'refused', reason: `unreadable checkpoint file: ${(e as Error).message}` };
  }
  if (!checkpointSignatureValid(checkpoint, publicKey)) {
    return { status: 'refused', reason: 'the signature does not match the checkpoint and the public key', checkpoint };
  }
  const covered = await verifier.verifyAgainstCheckpoint(checkpoint, opts);
  if (covered.status !== 'intact') return { ...covered, checkpoint };
  // What the checkpoint covers is as it was; what came after it must verify too (a row forged after
  // the checkpoint is not covered by its hash, but it carries no valid writer signature).
  const rest = await verifier.verifyLog();
  return { ...(rest.status === 'intact' ? covered : rest), checkpoint };
}
