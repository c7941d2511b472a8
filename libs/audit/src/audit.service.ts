import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { verifyCheckpointFile, type PublishedCheckpoint, type VerifyResult } from '@app/event-store';
import { AuditKit, type AuditSettings } from './audit-kit.js';

const SETTINGS: Array<keyof AuditSettings> = [
  'DATA_DIR', 'CHECKPOINT_DIR', 'CHECKPOINT_PRIVATE_KEY', 'CHECKPOINT_PUBLIC_KEY', 'AUDITOR_EMAIL', 'SMTP_URL', 'MAIL_FROM',
];

/** Tamper evidence for the API and the background loops: chain, verify, publish checkpoints. */
@Injectable()
export class AuditService implements OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  readonly kit: AuditKit;

  constructor(@InjectDataSource() db: DataSource, config: ConfigService) {
    const settings = Object.fromEntries(SETTINGS.map((k) => [k, config.get<string>(k)])) as AuditSettings;
    this.kit = new AuditKit(db, settings);
  }

  /** Brings the hash chain up to date (a loop body for BackgroundJobs). */
  async chain(): Promise<number> {
    return this.kit.chainer.catchUp();
  }

  verifyLog(): Promise<VerifyResult> {
    return this.kit.verifier.verifyLog();
  }

  verifyStream(streamId: string): Promise<VerifyResult> {
    return this.kit.verifier.verifyStream(streamId);
  }

  /** Chains what is committed, then signs and publishes the head (and mails it to AUDITOR_EMAIL). */
  async publishCheckpoint(options: { onlyIfMoved?: boolean } = {}): Promise<PublishedCheckpoint> {
    await this.chain();
    return this.kit.publisher.publish(options);
  }

  /** A loop body for BackgroundJobs: publishes only when the head moved since the newest file. */
  async publishIfMoved(): Promise<void> {
    const r = await this.publishCheckpoint({ onlyIfMoved: true }).catch((e: Error) => {
      if (/hash chain is empty/.test(e.message)) return undefined;
      throw e;
    });
    if (r?.published) this.logger.log(`Checkpoint ${r.checkpoint.logSeq} published to ${r.file}`);
  }

  listCheckpoints() {
    return this.kit.listCheckpoints();
  }

  verifyCheckpointFile(path: string) {
    return verifyCheckpointFile(path, this.kit.verifier, this.kit.keys({ generate: false }).publicKey);
  }

  onApplicationShutdown(): void {
    this.kit.close();
  }
}
