import { resolve } from 'node:path';
import type { DataSource } from 'typeorm';
import {
  CheckpointPublisher, HashChainer, listCheckpointFiles, loadCheckpointKeys, Verifier, type Checkpoint, type CheckpointKeys, type EventSigningKeys,
} from '@app/event-store';
import { CheckpointMailer } from './checkpoint-mailer.js';

/** The settings the audit pieces read (environment variable names). */
export interface AuditSettings {
  DATA_DIR?: string;
  CHECKPOINT_DIR?: string;
  CHECKPOINT_PRIVATE_KEY?: string;
  CHECKPOINT_PUBLIC_KEY?: string;
  AUDITOR_EMAIL?: string;
  SMTP_URL?: string;
  MAIL_FROM?: string;
}

export const checkpointDir = (s: AuditSettings) => resolve(s.CHECKPOINT_DIR || resolve(s.DATA_DIR || '.data', 'checkpoints'));
export const checkpointKeyDir = (s: AuditSettings) => resolve(s.DATA_DIR || '.data', 'checkpoint-keys');

/**
 * The chainer, verifier and checkpoint publisher wired from settings, without NestJS: the API
 * (AuditService) and the CLI build the same kit. Keys are loaded (or generated) on first use only.
 */
export class AuditKit {
  readonly chainer: HashChainer;
  readonly verifier: Verifier;
  private keysCache?: CheckpointKeys;
  private publisherCache?: CheckpointPublisher;
  private readonly mailer?: CheckpointMailer;

  /** `eventKeys`: the writer's key ring; the verifier trusts the signatures of these keys only. */
  constructor(private readonly db: DataSource, private readonly settings: AuditSettings, readonly eventKeys: EventSigningKeys,
    opts: { chainBatchSize?: number } = {}) {
    this.chainer = new HashChainer(db, { batchSize: opts.chainBatchSize });
    this.verifier = new Verifier(db, eventKeys);
    if (settings.AUDITOR_EMAIL && settings.SMTP_URL) {
      this.mailer = new CheckpointMailer(settings.SMTP_URL, settings.MAIL_FROM || 'phancap <no-reply@phancap.local>', settings.AUDITOR_EMAIL);
    }
  }

  /** Signing keys; `generate: false` for verifying only (never creates a pair). */
  keys(opts: { generate?: boolean } = {}): CheckpointKeys {
    if (this.keysCache?.privateKey || (this.keysCache && opts.generate === false)) return this.keysCache;
    this.keysCache = loadCheckpointKeys({
      privateKeyPem: this.settings.CHECKPOINT_PRIVATE_KEY || undefined,
      publicKeyPem: this.settings.CHECKPOINT_PUBLIC_KEY || undefined,
      keyDir: checkpointKeyDir(this.settings),
    }, opts);
    return this.keysCache;
  }

  get publisher(): CheckpointPublisher {
    this.publisherCache ??= new CheckpointPublisher(this.db, {
      dir: checkpointDir(this.settings),
      keys: this.keys(),
      verifier: this.verifier,
      eventKeys: () => this.eventKeys.publicKeys(),
      deliver: this.mailer ? (cp: Checkpoint, file: string) => this.mailer!.send(cp, file) : undefined,
    });
    return this.publisherCache;
  }

  /** The publisher for listing only: needs no key. */
  /** The checkpoint files, newest first (needs no key). */
  listCheckpoints() {
    return listCheckpointFiles(checkpointDir(this.settings));
  }

  close(): void {
    this.mailer?.close();
  }
}
