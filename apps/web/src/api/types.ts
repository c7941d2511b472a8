/** The API's response shapes that the web app uses (see the OpenAPI document at /docs/openapi.json). */

export interface Text {
  vi: string;
  en: string;
}

export type Role =
  | 'proposer' | 'reviewer' | 'reviewer-lead' | 'legal-appraiser' | 'council-office' | 'committee-office' | 'auditor' | 'admin' | 'operator'
  | 'system';

export type DecisionKind = 'phan-cap' | 'uy-quyen';

export interface SessionUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  bodyId: string;
  provinceId: string;
}

export interface LoginResponse {
  accessToken: string;
  expiresIn: string;
  user: SessionUser;
}

export interface Page<T> {
  items: T[];
  total: number;
  limit: number;
  offset: number;
}

/** A list item's current deadline, as of today (the list carries it: no request per card). */
export interface ListDeadline {
  id: string;
  kind: 'stage' | 'report' | 'evaluation' | 'period-end';
  subject: string;
  title: Text;
  dueOn: string;
  remindOn: string;
  escalateOn: string;
  status: DeadlineStatus;
  responsibleRole: Role;
  responsibleBodyId: string | null;
  responsibleUserId: string | null;
  workingDaysLeft: number;
  overdue: boolean;
  dueSoon: boolean;
}

export interface DecisionListItem {
  id: string;
  version: number;
  kind: DecisionKind;
  stage: string;
  title: string;
  caseNumber: string | null;
  documentNumber: string | null;
  delegatorBodyId: string;
  delegateBodyId: string;
  proposerBodyId: string;
  provinceId: string | null;
  sector: string;
  powerIds: string[];
  workflowVersion: number;
  periodFrom: string | null;
  periodTo: string | null;
  reviewerId: string | null;
  assignee: { id: string; displayName: string } | null;
  deadline: ListDeadline | null;
  waitingOn: { role: Role; bodyId: string | null; userId: string | null } | null;
  stageEnteredAt: string;
  createdAt: string;
  updatedAt: string;
}

export type DecisionSort = 'updatedAt' | '-updatedAt' | 'createdAt' | '-createdAt' | 'deadline' | '-deadline' | 'caseNumber' | '-caseNumber' | 'title' | '-title';

export interface DecisionPage extends Page<DecisionListItem> {
  sort: DecisionSort;
  nextCursor: string | null;
}

export interface OnTime {
  met: number;
  late: number;
  /** 0–1, null when no stage has finished. */
  rate: number | null;
}

export interface DecisionSummary {
  total: number;
  open: number;
  overdue: number;
  byStage: Array<{ stage: string; count: number }>;
  byKind: Array<{ kind: DecisionKind; count: number }>;
  bySector: Array<{ sector: string; count: number }>;
  findingsByRule: Array<{ ruleId: string; count: number }>;
  onTime: OnTime & { byStage: Array<{ stage: string } & OnTime>; byBodyMonth: Array<{ bodyId: string; month: string } & OnTime> };
  quarter: { year: number; quarter: number; from: string; to: string };
  reportsDue: Array<{ decisionId: string; decisionTitle: string; caseNumber: string | null; deadlineId: string; kind: string; title: Text; dueOn: string; status: DeadlineStatus }>;
}

export interface Person {
  id: string;
  displayName: string;
  role: Role;
  bodyId: string;
}

export interface DocumentRef {
  title: string;
  reference: string;
  contentHash?: string;
}

export interface Resources {
  budgetVnd: number;
  staffPositions: number;
  facilities: string[];
  noResourcesReason?: string;
}

export interface ProposalContent {
  title: string;
  delegatorBodyId: string;
  delegateBodyId: string;
  powerIds: string[];
  sector: string;
  legalBasis: string[];
  resources: Resources;
  period?: { from: string; to: string };
  conditions: string[];
  justification: string;
  documents: DocumentRef[];
}

export interface FindingRecord {
  findingId: string;
  ruleId: string;
  ruleVersion: number;
  key: string;
  severity: 'info' | 'warning' | 'violation';
  message: Text;
  details?: Record<string, unknown>;
  open: boolean;
  raisedAt: string;
  resolvedAt?: string | null;
  resolution?: Text | null;
  decisionId?: string;
  delegatorBodyId?: string;
  delegateBodyId?: string;
  /** The other decision the finding names, to link to. */
  related?: { decisionId: string; caseNumber: string | null; title: string; documentNumber: string | null; stage: string } | null;
}

/** A decision's findings of one rule, with the rule as people read it. */
export interface FindingGroup {
  rule: { id: string; title: Text; source: string; resolve: Text };
  severity: 'info' | 'warning' | 'violation';
  openCount: number;
  items: FindingRecord[];
}

export interface AllowedAction {
  command: string;
  label: Text;
}

export interface StageDefinition {
  label: Text;
  timeLimitWorkingDays?: number;
  clockStopped?: boolean;
  terminal?: boolean;
}

export interface DecisionView {
  id: string;
  version: number;
  kind: DecisionKind;
  /** Readable case number, e.g. PC-2026-0012 (absent on decisions drafted before case numbers). */
  caseNumber?: string;
  workflow: { id: DecisionKind; version: number };
  stage: string;
  stageEnteredAt?: string;
  proposerBodyId: string;
  content: ProposalContent;
  reviewerId?: string;
  /** The assigned reviewer by name; null before an assignment. */
  reviewer?: { id: string; displayName: string } | null;
  revisionRound: number;
  appraisal?: { opinion: string; reportNumber: string; summary: string; reasons?: string[] };
  legalAppraisal?: { opinion: string; reportNumber: string; notes?: string; reasons?: string[] };
  councilSubmission?: { submissionNumber: string; submittedOn: string };
  councilVote?: {
    session: string; sessionDate: string; resolutionNumber?: string; totalDelegates: number;
    votesFor: number; votesAgainst: number; abstentions: number; outcome: string;
  };
  decision?: { outcome: string; decidedBy: string; reasons?: string[] };
  issuance?: { documentNumber: string; signer: string; signedOn: string; effectiveFrom: string; effectiveTo?: string };
  revocation?: { documentNumber: string; reason: string; effectiveFrom: string };
  withdrawal?: { reason: string };
  /** Yearly evaluations; `followedBy` is the amendment or revocation that named one as its basis. */
  evaluations?: Array<{
    year: number; result: string; summary: string; problems?: string[]; recommendation?: 'keep' | 'amend' | 'revoke' | 'extend';
    followedBy?: { command: 'amend' | 'revoke'; documentNumber: string; effectiveFrom: string; amendment?: number; at: string };
  }>;
  findings: Record<string, FindingRecord>;
  stageInfo?: StageDefinition;
  allowedActions: AllowedAction[];
  asOf?: { version?: number; at?: string };
  createdAt?: string;
  updatedAt?: string;
}

export interface CommandResult {
  decisionId: string;
  version: number;
  stage: string;
  caseNumber?: string;
  duplicate?: boolean;
}

export interface StoredEvent {
  globalPosition: number;
  streamId: string;
  streamVersion: number;
  type: string;
  schemaVersion: number;
  data: Record<string, unknown>;
  metadata: { actorId: string; actorRole?: string; actorBodyId?: string; occurredAt: string; correlationId: string; [k: string]: unknown };
  occurredAt: string;
  recordedAt: string;
  /** Who acted, by name (the id stays in `id` and in metadata.actorId). */
  actor: { id: string; displayName: string; role: string; roleName: Text; bodyId: string | null; bodyName: Text | null };
  /** What the event recorded, in words: the server's one description (also in the evidence pack). */
  description: Text;
}

export type DeadlineStatus = 'open' | 'met' | 'late' | 'paused' | 'cancelled';

export interface Deadline {
  id: string;
  kind: 'stage' | 'report' | 'evaluation' | 'period-end';
  subject: string;
  title: Text;
  startsOn: string;
  dueOn: string;
  remindOn: string;
  escalateOn: string;
  responsibleRole: Role;
  responsibleBodyId: string | null;
  responsibleUserId: string | null;
  status: DeadlineStatus;
  closedOn: string | null;
  /** Open and past its due day, today in Vietnam. */
  overdue?: boolean;
  /** Open deadlines only: working days from today to the due date (negative when overdue). */
  workingDaysLeft?: number;
  explanation: { summary: Text; steps: Array<{ date: string; counted: boolean; reason: Text }>; notes: Text[] };
}

export interface Body {
  id: string;
  nameVi: string;
  nameEn: string;
  level: 'province' | 'district' | 'commune';
  type: string;
  parentId: string | null;
  provinceId: string;
  status: string;
}

export interface Power {
  id: string;
  code: string;
  titleVi: string;
  titleEn: string;
  sector: string;
  legalHolderBodyId: string;
  legalSource: string;
  delegable: boolean;
  retired?: boolean;
}

export interface Sector {
  id: string;
  label: Text;
}

export interface Workflow {
  id: DecisionKind;
  version: number;
  title: Text;
  stages: Record<string, StageDefinition>;
  transitions: Array<{ command: string; from: string[]; to: string[]; roles: Role[]; label: Text }>;
}

export interface InboxItem {
  id: string;
  kind: string;
  decisionId: string;
  subject: Text;
  body: Text;
  data: Record<string, unknown>;
  createdAt: string;
  readAt: string | null;
  /** A deadline notice whose stage moved on: nothing is asked any more. */
  closed: boolean;
  closedOn: string | null;
}

export interface NotificationPreference {
  kind: string;
  label: Text;
  inbox: boolean;
  email: boolean;
}

export interface InboxPage extends Page<InboxItem> {
  unreadCount: number;
}

export interface Holding {
  powerId: string;
  holderBodyId: string;
  source: 'delegation' | 'law';
  kind?: string;
  decisionId?: string;
  /** The number of the document that issued it (e.g. 05/2026/NQ-HĐND) and the case number. */
  documentNumber?: string | null;
  caseNumber?: string | null;
  delegatorBodyId?: string;
  validFrom?: string;
  validTo?: string | null;
}

export interface VerifyResult {
  status: 'intact' | 'altered' | 'deleted' | 'inserted';
  checked: number;
  pending?: number;
  at?: { globalPosition: number; streamId: string; streamVersion: number };
  reason?: string | Text;
}

export interface CompareResult {
  decisionId: string;
  from: { version: number; stage: string; asOf?: unknown };
  to: { version: number; stage: string; asOf?: unknown };
  changes: Array<{ path: string; kind: 'added' | 'removed' | 'changed'; before?: unknown; after?: unknown; added?: unknown[]; removed?: unknown[] }>;
  /** Each field that changed, whole on both sides (lists in full), with its label. */
  fields: Array<{ field: string; label: Text; before: unknown; after: unknown }>;
}

export interface FieldError {
  field: string;
  constraint?: string;
  reason: Text;
}

export interface ProblemDocument {
  type?: string;
  title?: string;
  status: number;
  detail?: string;
  messages?: { title: Text; detail: Text };
  errors?: FieldError[];
  field?: string;
  rule?: { id: string; version: number; source: string; message: Text };
  [k: string]: unknown;
}

/** One uploaded file of a decision (every upload a new version of its kind). */
export interface DocumentFile {
  id: string;
  decisionId: string;
  kind: string;
  kindLabel: Text;
  version: number;
  fileName: string;
  mediaType: string;
  size: number;
  sha256: string;
  uploadedBy: { id: string; displayName: string };
  uploadedAt: string;
}
