import type { Checkpoint } from '@app/event-store';
import type { DecisionState, Role, Text } from '@app/delegation';
import type { VerifyResult } from '@app/event-store';

/** Who did something: the user, their role and their body, with the names an auditor reads. */
export interface EvidenceActor {
  userId: string;
  /** users.display_name; the user id when the user is unknown (e.g. `system`). */
  displayName: string;
  role: Role | string;
  roleVi: string;
  bodyId: string | null;
  /** bodies.name_vi; null when the event names no body. */
  bodyNameVi: string | null;
}

/** One event of the decision's stream, in words. */
export interface TimelineEntry {
  version: number;
  /** ISO 8601 instant (occurredAt, the business time). */
  at: string;
  /** `dd/mm/yyyy HH:mm` in Asia/Ho_Chi_Minh. */
  atVi: string;
  actor: EvidenceActor;
  type: string;
  whatVi: string;
  whatEn: string;
  /** The event's data as stored (after upcasting). */
  data: unknown;
  /** The stream and log hashes chained for this event, when it has been chained. */
  hash: { logSeq: number; streamHash: string; logHash: string } | null;
}

export interface EvidenceFinding {
  findingId: string;
  ruleId: string;
  ruleVersion: number;
  severity: string;
  message: Text;
  open: boolean;
  raisedAt: string;
  resolvedAt: string | null;
  resolution: Text | null;
}

export interface EvidenceFile {
  id: string;
  kind: string;
  kindVi: string;
  version: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedAt: string;
  uploadedBy: string;
}

export interface EvidenceDocument {
  title: string;
  reference: string;
  /** SHA-256 of the document's content (hex) as recorded, or null when none was given. */
  contentHash: string | null;
  /** Where the document is referenced: the proposal, or an implementation report (period). */
  source: string;
}

/** The chain row of one event of the stream (event_hashes), as the verifier checked it. */
export interface StreamHash {
  streamVersion: number;
  logSeq: number;
  globalPosition: number;
  streamHash: string;
  logHash: string;
  chainedAt: string;
}

export interface EvidenceVerification {
  /** AuditService.verifyStream(decisionId), as returned. */
  result: VerifyResult;
  status: VerifyResult['status'];
  statusVi: string;
  statusEn: string;
  /** The per-event chain rows of the stream, in stream order. */
  streamHashes: StreamHash[];
  /** When the verification ran (ISO). */
  verifiedAt: string;
}

/** The decision's current state, with the names of the bodies it names. */
export type EvidenceDecision = DecisionState & {
  kindVi: string;
  stageVi: string;
  bodyNamesVi: Record<string, string>;
};

/** Everything an auditor needs about one decision, in one document (JSON; the PDF renders the same). */
export interface EvidencePack {
  schema: 'phancap.evidence-pack/1';
  decisionId: string;
  decision: EvidenceDecision;
  timeline: TimelineEntry[];
  appraisal: DecisionState['appraisal'] | null;
  legalAppraisal: DecisionState['legalAppraisal'] | null;
  councilSubmission: DecisionState['councilSubmission'] | null;
  councilVote: DecisionState['councilVote'] | null;
  decisionByCommittee: DecisionState['decision'] | null;
  issuance: DecisionState['issuance'] | null;
  amendments: DecisionState['amendments'];
  revocation: DecisionState['revocation'] | null;
  findings: EvidenceFinding[];
  documents: EvidenceDocument[];
  /** The files uploaded to the decision, every version, with their SHA-256 (also listed in `documents`). */
  files: EvidenceFile[];
  verification: EvidenceVerification;
  /** What an inspector checks offline, with the pack and the tree-head public key only (tools/verify-pack.mjs). */
  proof: EvidenceProof;
  generatedAt: string;
  generatedAtVi: string;
  generatedBy: { userId: string; displayName: string; role: string; roleVi: string };
}

/** One event as stored, with its writer signature and its inclusion proof in the signed tree head. */
export interface ProvenEvent {
  event: {
    globalPosition: number; streamId: string; streamType: string; streamVersion: number; type: string;
    storedSchemaVersion: number; data: unknown; metadata: unknown; occurredAt: string;
  };
  signature: { keyId: string; value: string } | null;
  /** RFC 9162 audit path (hex) of leaf `leafIndex` in the tree head; null for an event after the head. */
  inclusion: { leafIndex: number; path: string[] } | null;
}

export interface EvidenceProof {
  /** The newest published signed tree head (a checkpoint with a Merkle root, signed with the checkpoint key); its eventKeys are the writer's keys. */
  treeHead: Checkpoint | null;
  events: ProvenEvent[];
}

export type EvidenceFormat = 'pdf' | 'json';
