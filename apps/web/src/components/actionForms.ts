import type { ProposalContent } from '../api/types';
import type { MessageKey } from '../i18n';

/** One input of an action form; `name` is the request field path ("changes.conditions"). */
export interface ActionField {
  name: string;
  label: MessageKey;
  type: 'text' | 'textarea' | 'lines' | 'date' | 'number' | 'select' | 'person';
  /** For a person: the roles offered. */
  roles?: string[];
  required?: boolean;
  options?: string[];
  defaultValue?: string;
  /** Filled in from the decision's current content: the form shows what is there, and sends only what changed. */
  current?: (c: ProposalContent) => string;
  /** Only for ủy quyền (a phân cấp has no period). */
  uyQuyenOnly?: boolean;
}

const lines = (xs: string[] | undefined) => (xs ?? []).join('\n');
/** Every content field, filled in with the current content: a revision may change any of them. */
const CONTENT_FIELDS: ActionField[] = [
  { name: 'changes.resources.budgetVnd', label: 'f.changes.budgetVnd', type: 'number', current: (c) => String(c.resources.budgetVnd) },
  { name: 'changes.resources.staffPositions', label: 'f.changes.staffPositions', type: 'number', current: (c) => String(c.resources.staffPositions) },
  { name: 'changes.resources.facilities', label: 'f.changes.facilities', type: 'lines', current: (c) => lines(c.resources.facilities) },
  { name: 'changes.legalBasis', label: 'f.changes.legalBasis', type: 'lines', current: (c) => lines(c.legalBasis) },
  { name: 'changes.powerIds', label: 'f.changes.powerIds', type: 'lines', current: (c) => lines(c.powerIds) },
  { name: 'changes.period.from', label: 'f.changes.periodFrom', type: 'date', current: (c) => c.period?.from ?? '', uyQuyenOnly: true },
  { name: 'changes.period.to', label: 'f.changes.periodTo', type: 'date', current: (c) => c.period?.to ?? '', uyQuyenOnly: true },
  { name: 'changes.conditions', label: 'f.changes.conditions', type: 'lines', current: (c) => lines(c.conditions) },
  { name: 'changes.justification', label: 'f.changes.justification', type: 'textarea', current: (c) => c.justification },
  { name: 'changes.documents', label: 'f.changes.documents', type: 'lines', current: (c) => c.documents.map((d) => `${d.reference} | ${d.title}`).join('\n') },
];

const reasons = (required: boolean): ActionField => ({ name: 'reasons', label: required ? 'f.reasons' : 'f.reasonsOptional', type: 'lines', required });

/** The form of each decision command (the request bodies of apps/api/src/decisions/actions.dto.ts). */
export const ACTION_FORMS: Record<string, ActionField[]> = {
  'update-draft': [
    { name: 'changes.title', label: 'f.changes.title', type: 'text' },
    { name: 'changes.justification', label: 'f.changes.justification', type: 'textarea' },
    { name: 'changes.conditions', label: 'f.changes.conditions', type: 'lines' },
    { name: 'changes.legalBasis', label: 'f.changes.legalBasis', type: 'lines' },
  ],
  submit: [],
  'assign-reviewer': [
    { name: 'reviewerId', label: 'f.reviewerId', type: 'person', roles: ['reviewer', 'reviewer-lead'], required: true },
    { name: 'note', label: 'f.note', type: 'textarea' },
  ],
  'request-revision': [reasons(true), { name: 'note', label: 'f.note', type: 'textarea' }],
  resubmit: [{ name: 'response', label: 'f.response', type: 'textarea', required: true }, ...CONTENT_FIELDS],
  appraise: [
    { name: 'opinion', label: 'f.opinion', type: 'select', options: ['favourable', 'unfavourable'], required: true },
    { name: 'reportNumber', label: 'f.reportNumber', type: 'text', required: true },
    { name: 'summary', label: 'f.summary', type: 'textarea', required: true },
    reasons(false),
  ],
  'record-legal-appraisal': [
    { name: 'opinion', label: 'f.opinion', type: 'select', options: ['lawful', 'unlawful'], required: true },
    { name: 'reportNumber', label: 'f.reportNumber', type: 'text', required: true },
    { name: 'notes', label: 'f.notes', type: 'textarea' },
    reasons(false),
  ],
  'submit-to-council': [
    { name: 'submissionNumber', label: 'f.submissionNumber', type: 'text', required: true },
    { name: 'submittedOn', label: 'f.submittedOn', type: 'date', required: true },
  ],
  'record-council-vote': [
    { name: 'session', label: 'f.session', type: 'text', required: true },
    { name: 'sessionDate', label: 'f.sessionDate', type: 'date', required: true },
    { name: 'resolutionNumber', label: 'f.resolutionNumber', type: 'text' },
    { name: 'totalDelegates', label: 'f.totalDelegates', type: 'number', required: true },
    { name: 'votesFor', label: 'f.votesFor', type: 'number', required: true },
    { name: 'votesAgainst', label: 'f.votesAgainst', type: 'number', required: true, defaultValue: '0' },
    { name: 'abstentions', label: 'f.abstentions', type: 'number', required: true, defaultValue: '0' },
    reasons(false),
  ],
  decide: [
    { name: 'outcome', label: 'f.outcome', type: 'select', options: ['approved', 'rejected'], required: true },
    { name: 'decidedBy', label: 'f.decidedBy', type: 'select', options: ['committee', 'chairman'], required: true },
    reasons(false),
  ],
  issue: [
    { name: 'documentNumber', label: 'f.documentNumber', type: 'text', required: true },
    { name: 'signer', label: 'f.signer', type: 'text', required: true },
    { name: 'signedOn', label: 'f.signedOn', type: 'date', required: true },
    { name: 'effectiveFrom', label: 'f.effectiveFrom', type: 'date', required: true },
  ],
  amend: [
    { name: 'documentNumber', label: 'f.documentNumber', type: 'text', required: true },
    { name: 'reason', label: 'f.reason', type: 'textarea', required: true },
    { name: 'effectiveFrom', label: 'f.effectiveFrom', type: 'date', required: true },
    { name: 'changes.conditions', label: 'f.changes.conditions', type: 'lines' },
    { name: 'changes.justification', label: 'f.changes.justification', type: 'textarea' },
  ],
  revoke: [
    { name: 'documentNumber', label: 'f.documentNumber', type: 'text', required: true },
    { name: 'reason', label: 'f.reason', type: 'textarea', required: true },
    { name: 'effectiveFrom', label: 'f.effectiveFrom', type: 'date', required: true },
  ],
  withdraw: [{ name: 'reason', label: 'f.reason', type: 'textarea', required: true }],
  expire: [],
  'file-report': [
    { name: 'period', label: 'f.period', type: 'text', required: true },
    { name: 'summary', label: 'f.summary', type: 'textarea', required: true },
  ],
  'record-evaluation': [
    { name: 'year', label: 'f.year', type: 'number', required: true },
    { name: 'result', label: 'f.result', type: 'select', options: ['effective', 'needs-adjustment', 'ineffective'], required: true },
    { name: 'summary', label: 'f.summary', type: 'textarea', required: true },
    { name: 'recommendations', label: 'f.recommendations', type: 'lines' },
  ],
};

/** Commands whose body always carries these fields even when the form has none for them. */
const FIXED: Record<string, Record<string, unknown>> = {
  'update-draft': { changes: {} },
  'file-report': { documents: [] },
};

/** The fields of a command's form for a decision of this kind. */
export const formFields = (command: string, kind?: string): ActionField[] =>
  (ACTION_FORMS[command] ?? []).filter((f) => !f.uyQuyenOnly || kind === 'uy-quyen');

/** The group a field belongs to: resources and period are sent whole when any part of them changed. */
const groupOf = (name: string) => (/^changes\.(resources|period)\./.test(name) ? name.split('.').slice(0, 2).join('.') : name);

/**
 * Builds the request body from the form values: empty optional fields are left out, and so are the
 * content fields still as they were (`initial`), except that a group (resources, period) goes whole.
 */
export function buildBody(command: string, values: Record<string, string>, initial: Record<string, string> = {}, kind?: string): Record<string, unknown> {
  const body: Record<string, unknown> = structuredClone(FIXED[command] ?? {});
  const fields = formFields(command, kind);
  const changedGroups = new Set(fields.filter((f) => f.current && (values[f.name] ?? '') !== (initial[f.name] ?? '')).map((f) => groupOf(f.name)));
  for (const f of fields) {
    const raw = (values[f.name] ?? '').trim();
    if (f.current && !changedGroups.has(groupOf(f.name))) continue;
    if (!raw && !(f.current && f.type === 'lines')) continue;
    let v: unknown = raw;
    if (f.name === 'changes.documents') {
      v = raw.split('\n').map((x) => x.trim()).filter(Boolean).map((x) => {
        const [reference, ...title] = x.split('|');
        return { reference: reference.trim(), title: (title.join('|').trim() || reference.trim()) };
      });
    } else if (f.type === 'lines') v = raw.split('\n').map((x) => x.trim()).filter(Boolean);
    else if (f.type === 'number') v = Number(raw);
    const parts = f.name.split('.');
    let target = body;
    for (const p of parts.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]] = v;
  }
  return body;
}

export function initialValues(command: string, content?: ProposalContent, kind?: string): Record<string, string> {
  const v: Record<string, string> = {};
  for (const f of formFields(command, kind)) {
    v[f.name] = f.current && content ? f.current(content) : f.defaultValue ?? (f.type === 'select' && f.options ? f.options[0] : '');
  }
  return v;
}
