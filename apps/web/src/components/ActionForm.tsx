import { useState, type FormEvent } from 'react';
import { api, ApiError } from '../api/client';
import { path } from '../api/endpoints';
import type { CommandResult, ProposalContent, Text } from '../api/types';
import { useT } from '../i18n';
import { buildBody, formFields, initialValues } from './actionForms';
import { errorFor, Field } from './Field';
import { PersonPicker } from './PersonPicker';
import { ProblemAlert } from './ProblemAlert';

export interface ActionFormProps {
  decisionId: string;
  command: string;
  label: Text;
  /** The version the user saw (sent as If-Match: a stale one is refused with 412). */
  version?: number;
  onDone: (result: CommandResult) => void;
  onCancel: () => void;
  /** Reloads the decision (its version and actions) when the form was filled on a stale page (412). */
  onReload?: () => void;
  /** The decision's current content and kind: a revision's form starts from them. */
  content?: ProposalContent;
  kind?: string;
}

/** The HĐND passes a resolution with more than half of all its delegates (not of those present). */
export function votePreview(values: Record<string, string>): { passes: boolean; needed: number; votesFor: number; total: number } | null {
  const total = Number(values.totalDelegates);
  const votesFor = Number(values.votesFor);
  if (!values.totalDelegates?.trim() || !values.votesFor?.trim() || !Number.isInteger(total) || !Number.isInteger(votesFor) || total <= 0) return null;
  const needed = Math.floor(total / 2) + 1;
  return { passes: votesFor >= needed, needed, votesFor, total };
}

/** The form of one decision command, with client-side required checks and the server's field errors. */
export function ActionForm({ decisionId, command, label, version, onDone, onCancel, onReload, content, kind }: ActionFormProps) {
  const { t, tx, lang } = useT();
  const fields = formFields(command, kind);
  const [initial] = useState<Record<string, string>>(() => initialValues(command, content, kind));
  const [values, setValues] = useState<Record<string, string>>(initial);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const [key] = useState(() => (globalThis.crypto?.randomUUID ? globalThis.crypto.randomUUID() : `${Date.now()}-${Math.random()}`));

  /** A field's error goes once the field is changed. */
  function change(name: string, v: string) {
    setValues((s) => ({ ...s, [name]: v }));
    setErrors((e) => {
      if (!e[name]) return e;
      const { [name]: _gone, ...rest } = e;
      return rest;
    });
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    for (const f of fields) if (f.required && !(values[f.name] ?? '').trim()) missing[f.name] = t('required');
    setErrors(missing);
    setProblem(null);
    if (Object.keys(missing).length) {
      document.getElementById(`act-${command}-${Object.keys(missing)[0].replace(/[^\w-]/g, '-')}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const result = await api.post<CommandResult>(path(`/api/v1/decisions/{id}/${command}`, { id: decisionId }), buildBody(command, values, initial, kind), {
        ifMatch: version,
        idempotencyKey: key,
      });
      onDone(result);
    } catch (err) {
      if (err instanceof ApiError && Object.keys(err.fieldErrors).length) {
        const mapped: Record<string, string> = {};
        for (const f of fields) {
          const r = errorFor(err.fieldErrors, f.name);
          // The server names the request field ("votesFor: …"); the user knows the field by its label.
          if (r) mapped[f.name] = r[lang].replace(/^[\w.[\]-]+:\s*/, `${t(f.label)}: `);
        }
        setErrors(mapped);
      }
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="action-form card" onSubmit={submit} noValidate data-testid={`action-form-${command}`} aria-label={tx(label)}>
      <h3>{tx(label)}</h3>
      {!fields.length && <p>{t('action.confirmNoFields')}</p>}
      <div className="form-grid">
        {fields.map((f) => f.type === 'person' ? (
          <PersonPicker
            key={f.name}
            idPrefix={`act-${command}`}
            name={f.name}
            label={t(f.label)}
            roles={f.roles ?? []}
            value={values[f.name] ?? ''}
            onChange={(v) => change(f.name, v)}
            required={f.required}
            error={errors[f.name]}
          />
        ) : (
          <Field
            key={f.name}
            idPrefix={`act-${command}`}
            name={f.name}
            label={t(f.label)}
            type={f.type === 'lines' ? 'textarea' : (f.type as Exclude<typeof f.type, 'lines' | 'person'>)}
            options={f.options?.map((o) => ({ value: o, label: t(`opt.${o}` as Parameters<typeof t>[0]) }))}
            value={values[f.name] ?? ''}
            onChange={(v) => change(f.name, v)}
            required={f.required}
            error={errors[f.name]}
          />
        ))}
      </div>
      {command === 'record-council-vote' && (() => {
        const v = votePreview(values);
        return v && (
          <p className={`alert ${v.passes ? 'alert--ok' : 'alert--warning'}`} role="status" data-testid="vote-preview" data-passes={v.passes}>
            {t(v.passes ? 'vote.passes' : 'vote.fails', { for: v.votesFor, total: v.total, needed: v.needed })}
          </p>
        );
      })()}
      <ProblemAlert error={problem} testId="action-problem" />
      {problem instanceof ApiError && problem.status === 412 && onReload && (
        <button type="button" className="btn" onClick={onReload} data-testid="action-reload">{t('action.reload')}</button>
      )}
      <div className="buttons">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="action-submit">
          {busy ? t('action.busy') : t('action.submitForm')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>
          {t('cancel')}
        </button>
      </div>
    </form>
  );
}
