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
}

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
  resubmit: [
    { name: 'response', label: 'f.response', type: 'textarea', required: true },
    { name: 'changes.conditions', label: 'f.changes.conditions', type: 'lines' },
    { name: 'changes.justification', label: 'f.changes.justification', type: 'textarea' },
  ],
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

/** Builds the request body from the form values: empty optional fields are left out. */
export function buildBody(command: string, values: Record<string, string>): Record<string, unknown> {
  const body: Record<string, unknown> = structuredClone(FIXED[command] ?? {});
  for (const f of ACTION_FORMS[command] ?? []) {
    const raw = (values[f.name] ?? '').trim();
    if (!raw) continue;
    let v: unknown = raw;
    if (f.type === 'lines') v = raw.split('\n').map((x) => x.trim()).filter(Boolean);
    else if (f.type === 'number') v = Number(raw);
    const parts = f.name.split('.');
    let target = body;
    for (const p of parts.slice(0, -1)) target = (target[p] ??= {}) as Record<string, unknown>;
    target[parts[parts.length - 1]] = v;
  }
  return body;
}

export function initialValues(command: string): Record<string, string> {
  const v: Record<string, string> = {};
  for (const f of ACTION_FORMS[command] ?? []) v[f.name] = f.defaultValue ?? (f.type === 'select' && f.options ? f.options[0] : '');
  return v;
}
