import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { getWorkflow, type DecisionEvent, type DocumentRef, type Text } from '@app/delegation';
import { EventStore, type StoredEvent } from '@app/event-store';
import { AuditService } from '../audit.service.js';
import { Clock } from '@app/kernel';
import { problems } from '@app/kernel';
import { DecisionStore, DocumentFiles, EventPeople, toDomainEvent } from '@app/delegation';
import type {
  EvidenceActor, EvidenceDocument, EvidenceFile, EvidenceFinding, EvidencePack, EvidenceProof, ProvenEvent, StreamHash, TimelineEntry,
} from './evidence-pack.types.js';
import { formatInstantVi, KIND_VI, roleVi, STATUS_EN, STATUS_VI } from './evidence-text.js';

/** Who asks for the pack (printed on it). */
export interface EvidenceRequester {
  userId: string;
  displayName?: string;
  role: string;
}

const SYSTEM_REQUESTER: EvidenceRequester = { userId: 'system', displayName: 'Hệ thống', role: 'system' };
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const notFound = (id: string) => problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });

/**
 * The auditors' evidence pack of one decision: its current content, its whole history in words (who,
 * role, body, when, what), the appraisal, vote and issuance records, the findings, the documents it
 * references with their content hashes, and the verification of its stream against the hash chain.
 * Read-only: it loads the stream, the names of the people and bodies, and the chain rows.
 */
@Injectable()
export class EvidencePackService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly store: DecisionStore,
    private readonly files: DocumentFiles,
    private readonly audit: AuditService,
    private readonly clock: Clock,
  ) {}

  async build(decisionId: string, requester: EvidenceRequester = SYSTEM_REQUESTER): Promise<EvidencePack> {
    if (!UUID.test(decisionId)) throw notFound(decisionId);
    const id = decisionId.toLowerCase();
    // The history as stored (with who did what), and the state it folds to.
    const events = await this.store.log.readStream(id);
    const { state } = this.store.pipeline.fold(id, events.map((e) => this.store.pipeline.toEvent(e)));
    if (!state.exists || events.length === 0) throw notFound(id);

    const [verification, chainRows, uploaded] = await Promise.all([this.audit.verifyStream(id), this.streamHashes(id), this.files.list(id)]);
    const files: EvidenceFile[] = uploaded.map((f) => ({
      id: f.id, kind: f.kind, kindVi: f.kindLabel.vi, version: f.version, fileName: f.fileName, mediaType: f.mediaType, size: f.size,
      sha256: f.sha256, uploadedAt: f.uploadedAt, uploadedBy: f.uploadedBy.displayName,
    }));
    const verifiedAt = this.clock.now().toISOString();

    const people = await EventPeople.load(this.db, events, {
      userIds: [requester.userId], bodyIds: [state.proposerBodyId, state.content.delegatorBodyId, state.content.delegateBodyId],
    });
    const { userName, bodyName } = people;

    const hashes = new Map(chainRows.map((h) => [h.streamVersion, h]));
    const timeline: TimelineEntry[] = events.map((e) => {
      const who = people.actor(e);
      const actor: EvidenceActor = {
        userId: who.id, displayName: who.displayName, role: who.role, roleVi: who.roleName.vi, bodyId: who.bodyId, bodyNameVi: who.bodyName?.vi ?? null,
      };
      const what = people.describe(e, state.kind);
      const h = hashes.get(e.streamVersion);
      return {
        version: e.streamVersion,
        at: new Date(e.occurredAt).toISOString(),
        atVi: formatInstantVi(e.occurredAt),
        actor,
        type: e.type,
        whatVi: what.vi,
        whatEn: what.en,
        data: e.data,
        hash: h ? { logSeq: h.logSeq, streamHash: h.streamHash, logHash: h.logHash } : null,
      };
    });

    const findings: EvidenceFinding[] = Object.values(state.findings)
      .sort((a, b) => a.raisedAt.localeCompare(b.raisedAt) || a.findingId.localeCompare(b.findingId))
      .map((f) => ({
        findingId: f.findingId, ruleId: f.ruleId, ruleVersion: f.ruleVersion, severity: f.severity, message: f.message,
        open: f.open, raisedAt: f.raisedAt, resolvedAt: f.resolvedAt ?? null, resolution: f.resolution ?? null,
      }));

    const stage = getWorkflow(state.workflow.id, state.workflow.version)?.stages[state.stage];
    const namedBodies: Record<string, string> = {};
    for (const bid of [state.proposerBodyId, state.content.delegatorBodyId, state.content.delegateBodyId]) {
      if (bid) namedBodies[bid] = bodyName(bid).vi;
    }
    const generatedAt = this.clock.now();
    return {
      schema: 'phancap.evidence-pack/1',
      decisionId: id,
      decision: { ...state, kindVi: KIND_VI[state.kind], stageVi: stage?.label.vi ?? state.stage, bodyNamesVi: namedBodies },
      timeline,
      appraisal: state.appraisal ?? null,
      legalAppraisal: state.legalAppraisal ?? null,
      councilSubmission: state.councilSubmission ?? null,
      councilVote: state.councilVote ?? null,
      decisionByCommittee: state.decision ?? null,
      issuance: state.issuance ?? null,
      amendments: state.amendments,
      revocation: state.revocation ?? null,
      findings,
      documents: [
        ...documentsOf(events, state.content.documents),
        ...files.map((f) => ({
          title: `${f.kindVi} — ${f.fileName}`, reference: `file:${f.id}`, contentHash: f.sha256,
          source: `Tệp tải lên, phiên bản ${f.version}, ${f.size} byte, ${f.uploadedBy}, ${formatInstantVi(f.uploadedAt)} / uploaded file, version ${f.version}`,
        })),
      ],
      files,
      verification: {
        result: verification,
        status: verification.status,
        statusVi: STATUS_VI[verification.status],
        statusEn: STATUS_EN[verification.status],
        streamHashes: chainRows,
        verifiedAt,
      },
      proof: await this.proofOf(id),
      generatedAt: generatedAt.toISOString(),
      generatedAtVi: formatInstantVi(generatedAt),
      generatedBy: {
        userId: requester.userId,
        displayName: requester.displayName ?? userName(requester.userId),
        role: requester.role,
        roleVi: roleVi(requester.role),
      },
    };
  }

  /** The chain rows (event_hashes) of the stream: what the verifier recomputed and compared. */
  /**
   * The events as stored (no upcasting: what was signed and hashed), each with its writer signature and,
   * when the newest signed tree head covers it, its inclusion proof in that head.
   */
  private async proofOf(id: string): Promise<EvidenceProof> {
    const stored = await new EventStore(this.db).readStream(id);
    const [head] = await this.audit.treeHeads();
    const events: ProvenEvent[] = [];
    for (const e of stored) {
      const proof = head ? await this.audit.inclusionProof(e.globalPosition, head.treeSize) : undefined;
      events.push({
        event: {
          globalPosition: e.globalPosition, streamId: e.streamId, streamType: e.streamType, streamVersion: e.streamVersion, type: e.type,
          storedSchemaVersion: e.storedSchemaVersion, data: e.data, metadata: e.metadata, occurredAt: e.occurredAt,
        },
        signature: e.signature ?? null,
        inclusion: proof && proof !== 'beyond' ? { leafIndex: proof.leafIndex, path: proof.path } : null,
      });
    }
    return { treeHead: head?.checkpoint ?? null, events };
  }

  private async streamHashes(id: string): Promise<StreamHash[]> {
    const rows: Array<{ stream_version: number; log_seq: string; global_position: string; stream_hash: string; log_hash: string; chained_at: Date | string }> =
      await this.db.query(
        `SELECT stream_version, log_seq, global_position, stream_hash, log_hash, chained_at
         FROM event_hashes WHERE stream_id = $1 ORDER BY stream_version`,
        [id],
      );
    return rows.map((r) => ({
      streamVersion: Number(r.stream_version),
      logSeq: Number(r.log_seq),
      globalPosition: Number(r.global_position),
      streamHash: r.stream_hash,
      logHash: r.log_hash,
      chainedAt: new Date(r.chained_at).toISOString(),
    }));
  }
}

/**
 * Every document the decision's history references (proposal content as drafted, revised or amended,
 * and implementation reports), once each, in first-mention order; `source` says where.
 */
function documentsOf(events: StoredEvent[], current: DocumentRef[]): EvidenceDocument[] {
  const out = new Map<string, EvidenceDocument>();
  const add = (docs: unknown, source: string) => {
    if (!Array.isArray(docs)) return;
    for (const d of docs as DocumentRef[]) {
      const key = `${d.reference}\u0000${d.title}\u0000${d.contentHash ?? ''}`;
      if (!out.has(key)) out.set(key, { title: d.title, reference: d.reference, contentHash: d.contentHash ?? null, source });
    }
  };
  add(current, 'Nội dung hiện hành / current content');
  for (const e of events) {
    const ev = toDomainEvent(e) as DecisionEvent;
    switch (ev.type) {
      case 'ProposalDrafted': add(ev.data.documents, `Dự thảo (phiên bản ${e.streamVersion}) / draft (v${e.streamVersion})`); break;
      case 'DraftUpdated':
      case 'ProposalResubmitted':
      case 'DecisionAmended':
        add(ev.data.changes?.documents, `Sửa đổi (phiên bản ${e.streamVersion}) / change (v${e.streamVersion})`); break;
      case 'ImplementationReportFiled': add(ev.data.documents, `Báo cáo ${ev.data.period} / report ${ev.data.period}`); break;
      default: break;
    }
  }
  return [...out.values()];
}
