import { Injectable, Logger, type OnApplicationShutdown } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import {
  EventSigningKeys, keyIdOf, MerkleLog, verifyCheckpointFile, type Checkpoint, type ConsistencyProof, type InclusionProof, type PublishedCheckpoint, type StreamsVerifyResult, type TamperKind, type VerifyResult,
} from '@app/event-store';
import type { Text } from '@app/kernel';
import { ProvinceStreams } from './application/province-streams.js';
import { AuditKit, type AuditSettings } from './audit-kit.js';

const SETTINGS: Array<keyof AuditSettings> = [
  'DATA_DIR', 'CHECKPOINT_DIR', 'CHECKPOINT_PRIVATE_KEY', 'CHECKPOINT_PUBLIC_KEY', 'AUDITOR_EMAIL', 'SMTP_URL', 'MAIL_FROM',
];

/**
 * A log-wide verification as the staff of one province see it when its first problem lies in a stream
 * they may not see (another province's, or one whose evidence is gone): that the log is not intact, but
 * not where, and whether their own province's streams are.
 */
export interface ProblemElsewhere {
  status: TamperKind;
  elsewhere: true;
  message: Text;
  reason: string;
  /** The province's own streams, each verified on its own: its stream chain and each event's link into the log chain. */
  own: StreamsVerifyResult;
}

export type ScopedVerifyResult = VerifyResult | ProblemElsewhere;

/** A signed tree head (RFC 9162's STH, as phancap signs it): a checkpoint that carries the Merkle root. */
export interface SignedTreeHead {
  treeSize: number;
  rootHash: string;
  timestamp: string;
  /** The checkpoint key's id (SHA-256 of its SPKI, 16 hex digits). */
  keyId?: string;
  signature: string;
  /** The whole signed checkpoint, as its signature covers it. */
  checkpoint: Checkpoint;
}

export const treeHeadOf = (c: Checkpoint, keyId?: string): SignedTreeHead => ({
  treeSize: c.treeSize!, rootHash: c.rootHash!, timestamp: c.createdAt, ...(keyId ? { keyId } : {}), signature: c.signature, checkpoint: c,
});

const ELSEWHERE: Text = {
  vi: 'Nhật ký sự kiện không toàn vẹn ở một sự kiện ngoài phạm vi tỉnh của bạn; vị trí chỉ người vận hành hệ thống (cấp quốc gia) được xem. Kết quả kiểm tra các luồng sự kiện của tỉnh bạn nằm trong "own".',
  en: 'The event log is not intact at an event outside your province; where, only the national system operator may see. Your province\'s own streams are checked in "own".',
};

/** Tamper evidence for the API and the background loops: chain, verify, publish checkpoints. */
@Injectable()
export class AuditService implements OnApplicationShutdown {
  private readonly logger = new Logger('Audit');
  readonly kit: AuditKit;
  readonly tree: MerkleLog;
  private readonly streams: ProvinceStreams;

  constructor(@InjectDataSource() db: DataSource, config: ConfigService, eventKeys: EventSigningKeys) {
    const settings = Object.fromEntries(SETTINGS.map((k) => [k, config.get<string>(k)])) as AuditSettings;
    this.kit = new AuditKit(db, settings, eventKeys);
    this.streams = new ProvinceStreams(db);
    this.tree = new MerkleLog(db);
  }

  /**
   * The signed tree heads published (the checkpoints that carry a Merkle root), newest first; with
   * `size`, only the one of that size. Only what the publisher verified is ever signed: a head is
   * signed on demand by publishing a checkpoint (POST /audit/checkpoints), never here.
   */
  async treeHeads(size?: number): Promise<SignedTreeHead[]> {
    const keyId = this.checkpointKeyId();
    return (await this.listCheckpoints())
      .filter(({ checkpoint: c }) => c.rootHash && (size === undefined || c.treeSize === size))
      .map(({ checkpoint: c }) => treeHeadOf(c, keyId));
  }

  /** The Merkle tree's size now (chained events), and the newest signed head's size. */
  async treeSizes(): Promise<{ current: number; signed: number | undefined }> {
    return { current: await this.tree.size(), signed: (await this.treeHeads())[0]?.treeSize };
  }

  inclusionProof(globalPosition: number, size: number): Promise<InclusionProof | undefined | 'beyond'> {
    return this.tree.inclusion(globalPosition, size);
  }

  consistencyProof(from: number, to: number): Promise<ConsistencyProof> {
    return this.tree.consistency(from, to);
  }

  private checkpointKeyId(): string | undefined {
    try {
      return keyIdOf(this.kit.keys({ generate: false }).publicKey);
    } catch {
      return undefined;
    }
  }

  /** Brings the hash chain up to date (a loop body for BackgroundJobs). */
  async chain(): Promise<number> {
    return this.kit.chainer.catchUp();
  }

  verifyLog(): Promise<VerifyResult> {
    return this.kit.verifier.verifyLog();
  }

  /**
   * The whole log, verified as one chain (an edit anywhere breaks it for everyone), reported as the staff
   * of `provinceId` may see it: see scopeResult.
   */
  async verifyLogFor(provinceId: string): Promise<ScopedVerifyResult> {
    return this.scopeResult(await this.kit.verifier.verifyLog(), provinceId);
  }

  /**
   * A log-wide result for the staff of one province: as it is when intact or when its problem lies in one
   * of the province's streams; otherwise no stream id, position or hash of it, only that the log is not
   * intact, with the province's own streams verified one by one.
   */
  async scopeResult(result: VerifyResult, provinceId: string): Promise<ScopedVerifyResult> {
    if (result.status === 'intact') return result;
    const streamId = result.at.streamId;
    if (streamId !== null && (await this.streams.contains(provinceId, streamId))) return result;
    const own = await this.kit.verifier.verifyStreams(await this.streams.list(provinceId));
    return { status: result.status, elsewhere: true, message: ELSEWHERE, reason: ELSEWHERE.en, own };
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
