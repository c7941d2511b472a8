import { useState, type FormEvent } from 'react';
import { useNavigate } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { path } from '../api/endpoints';
import type { CommandResult, DocumentRef, Text } from '../api/types';
import { Field, lines } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { formatMoney } from '../format';
import { useT, type MessageKey } from '../i18n';
import { useReference } from '../reference';
import { useUser } from '../session';

type Values = Record<string, string>;

/** The server's reason for a field: the field itself, a part of it ("legalBasis.0") or a whole it belongs to ("period"). */
export function reasonFor(errors: Record<string, Text>, name: string): Text | undefined {
  if (errors[name]) return errors[name];
  const part = Object.keys(errors).find((k) => k.startsWith(`${name}.`));
  if (part) return errors[part];
  const whole = Object.keys(errors).find((k) => name.startsWith(`${k}.`));
  return whole ? errors[whole] : undefined;
}

const FIELDS = [
  'kind', 'title', 'delegatorBodyId', 'delegateBodyId', 'sector', 'powerIds', 'legalBasis', 'resources.budgetVnd', 'resources.staffPositions',
  'resources.facilities', 'resources.noResourcesReason', 'period.from', 'period.to', 'conditions', 'justification', 'documents',
];

export function buildProposal(v: Values, powerIds: string[], documents: DocumentRef[]) {
  const resources: Record<string, unknown> = {
    budgetVnd: Number(v['resources.budgetVnd'] || 0),
    staffPositions: Number(v['resources.staffPositions'] || 0),
    facilities: lines(v['resources.facilities'] ?? ''),
  };
  if (v['resources.noResourcesReason']?.trim()) resources.noResourcesReason = v['resources.noResourcesReason'].trim();
  return {
    kind: v.kind,
    title: v.title.trim(),
    delegatorBodyId: v.delegatorBodyId,
    delegateBodyId: v.delegateBodyId,
    powerIds,
    sector: v.sector,
    legalBasis: lines(v.legalBasis ?? ''),
    resources,
    // A phân cấp has no period: only an ủy quyền runs for one.
    ...(v.kind === 'uy-quyen' && (v['period.from'] || v['period.to']) ? { period: { from: v['period.from'], to: v['period.to'] } } : {}),
    conditions: lines(v.conditions ?? ''),
    justification: (v.justification ?? '').trim(),
    documents: documents.filter((d) => d.title.trim() || d.reference.trim()).map((d) => ({ title: d.title.trim(), reference: d.reference.trim() })),
  };
}

export function NewProposalPage() {
  const { t, lang } = useT();
  const ref = useReference();
  const user = useUser();
  const navigate = useNavigate();
  const [v, setV] = useState<Values>({
    kind: 'uy-quyen', title: '', delegatorBodyId: '', delegateBodyId: user.bodyId, sector: '', legalBasis: '', 'resources.budgetVnd': '0',
    'resources.staffPositions': '0', 'resources.facilities': '', 'resources.noResourcesReason': '', 'period.from': '', 'period.to': '',
    conditions: '', justification: '',
  });
  const [powerIds, setPowerIds] = useState<string[]>([]);
  const [documents, setDocuments] = useState<DocumentRef[]>([]);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const set = (name: string) => (value: string) => setV((s) => ({ ...s, [name]: value }));
  const uyQuyen = v.kind === 'uy-quyen';

  function validate(): Record<string, string> {
    const e: Record<string, string> = {};
    for (const name of ['title', 'delegatorBodyId', 'delegateBodyId', 'sector', 'legalBasis', 'justification']) {
      if (!(v[name] ?? '').trim()) e[name] = t('required');
    }
    if (!powerIds.length) e.powerIds = t('required');
    if (uyQuyen) {
      if (!v['period.from']) e['period.from'] = t('new.periodRequired');
      if (!v['period.to']) e['period.to'] = t('new.periodRequired');
    }
    if (v['period.from'] && v['period.to'] && v['period.to'] < v['period.from']) e['period.to'] = t('new.periodOrder');
    for (const n of ['resources.budgetVnd', 'resources.staffPositions']) {
      if (!/^\d+$/.test((v[n] ?? '').trim() || '0')) e[n] = t('required');
    }
    return e;
  }

  async function save(submitToo: boolean) {
    const e = validate();
    setErrors(e);
    setProblem(null);
    if (Object.keys(e).length) {
      const first = FIELDS.find((f) => e[f]);
      if (first) document.getElementById(`new-${first.replace(/[^\w-]/g, '-')}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await api.post<CommandResult>('/api/v1/decisions', buildProposal(v, powerIds, documents));
      if (submitToo) await api.post<CommandResult>(path('/api/v1/decisions/{id}/submit', { id: created.decisionId }), {}, { ifMatch: created.version });
      navigate(`/decisions/${created.decisionId}`);
    } catch (err) {
      if (err instanceof ApiError) {
        const mapped: Record<string, string> = {};
        for (const f of FIELDS) {
          const r = reasonFor(err.fieldErrors, f);
          if (r) mapped[f] = r[lang];
        }
        setErrors(mapped);
      }
      setProblem(err);
      setBusy(false);
    }
  }

  const onSubmit = (e: FormEvent) => {
    e.preventDefault();
    void save(false);
  };
  const bodyOptions = [{ value: '', label: t('new.choose') }, ...ref.bodies.map((b) => ({ value: b.id, label: lang === 'en' ? b.nameEn : b.nameVi }))];
  const powers = ref.powers.filter((p) => p.delegable !== false && !p.retired && (!v.sector || p.sector === v.sector));
  const fieldProps = (name: string, label: MessageKey, required = false) => ({
    idPrefix: 'new', name, label: t(label), value: v[name] ?? '', onChange: set(name), error: errors[name], required,
  });

  return (
    <section className="page" aria-labelledby="proposal-heading">
      <h1 id="proposal-heading">{t('new.title')}</h1>
      {Object.keys(errors).length > 0 && (
        <p className="alert alert--error" role="alert" data-testid="form-errors">
          {t('fixErrors')}
        </p>
      )}
      <form className="card proposal-form" onSubmit={onSubmit} noValidate data-testid="proposal-form">
        <div className="form-grid">
          <Field {...fieldProps('kind', 'new.kind', true)} type="select" options={[{ value: 'uy-quyen', label: t('kind.uy-quyen') }, { value: 'phan-cap', label: t('kind.phan-cap') }]} />
          <Field {...fieldProps('title', 'new.titleField', true)} />
          <Field {...fieldProps('delegatorBodyId', 'new.delegator', true)} type="select" options={bodyOptions} />
          <Field {...fieldProps('delegateBodyId', 'new.delegate', true)} type="select" options={bodyOptions} />
          <Field
            {...fieldProps('sector', 'new.sector', true)}
            type="select"
            options={[{ value: '', label: t('new.choose') }, ...ref.sectors.map((s) => ({ value: s.id, label: ref.sectorLabel(s.id) }))]}
          />
        </div>
        <fieldset className={`group${errors.powerIds ? ' field--error' : ''}`} data-testid="field-powerIds" aria-describedby={errors.powerIds ? 'new-powerIds-error' : undefined}>
          <legend>
            {t('new.powers')} <span className="req" aria-hidden="true">*</span>
          </legend>
          {!powers.length && <p className="muted">{t('new.noPowers')}</p>}
          <ul className="plain power-list">
            {powers.map((p) => (
              <li key={p.id}>
                <label className="check">
                  <input
                    type="checkbox"
                    data-testid={`power-${p.id}`}
                    checked={powerIds.includes(p.id)}
                    onChange={(e) => setPowerIds((xs) => (e.target.checked ? [...xs, p.id] : xs.filter((x) => x !== p.id)))}
                  />{' '}
                  <span className="code">{p.id}</span> {lang === 'en' ? p.titleEn : p.titleVi}
                </label>
              </li>
            ))}
          </ul>
          {errors.powerIds && <p className="error-text" id="new-powerIds-error" data-testid="error-powerIds">{errors.powerIds}</p>}
        </fieldset>
        <Field {...fieldProps('legalBasis', 'new.legalBasis', true)} type="textarea" />
        <fieldset className="group">
          <legend>{t('new.resources')}</legend>
          <div className="form-grid">
            <Field {...fieldProps('resources.budgetVnd', 'new.budget')} type="number" hint={formatMoney(Number(v['resources.budgetVnd'] || 0))} />
            <Field {...fieldProps('resources.staffPositions', 'new.staff')} type="number" />
          </div>
          <Field {...fieldProps('resources.facilities', 'new.facilities')} type="textarea" rows={2} />
          <Field {...fieldProps('resources.noResourcesReason', 'new.noResourcesReason')} type="textarea" rows={2} />
        </fieldset>
        {uyQuyen && (
          <fieldset className="group" data-testid="period">
            <legend>
              {t('new.period')} <span className="req" aria-hidden="true">*</span>
            </legend>
            <div className="form-grid">
              <Field {...fieldProps('period.from', 'new.periodFrom', true)} type="date" />
              <Field {...fieldProps('period.to', 'new.periodTo', true)} type="date" />
            </div>
          </fieldset>
        )}
        <Field {...fieldProps('conditions', 'new.conditions')} type="textarea" />
        <Field {...fieldProps('justification', 'new.justification', true)} type="textarea" rows={4} />
        <fieldset className="group" data-testid="field-documents">
          <legend>{t('new.documents')}</legend>
          {documents.map((d, i) => (
            <div className="form-grid doc-row" key={i}>
              <Field
                idPrefix="new" name={`documents.${i}.title`} label={t('new.docTitle', { n: i + 1 })} value={d.title} error={errors.documents}
                onChange={(x) => setDocuments((ds) => ds.map((y, j) => (j === i ? { ...y, title: x } : y)))}
              />
              <Field
                idPrefix="new" name={`documents.${i}.reference`} label={t('new.docReference', { n: i + 1 })} value={d.reference}
                onChange={(x) => setDocuments((ds) => ds.map((y, j) => (j === i ? { ...y, reference: x } : y)))}
              />
              <button type="button" className="btn btn--small" onClick={() => setDocuments((ds) => ds.filter((_, j) => j !== i))}>
                {t('new.removeDocument', { n: i + 1 })}
              </button>
            </div>
          ))}
          <button type="button" className="btn btn--small" data-testid="add-document" onClick={() => setDocuments((ds) => [...ds, { title: '', reference: '' }])}>
            {t('new.addDocument')}
          </button>
        </fieldset>
        <ProblemAlert error={problem} testId="proposal-problem" />
        <div className="buttons">
          <button type="submit" className="btn" disabled={busy} data-testid="proposal-save">
            {t('new.save')}
          </button>
          <button type="button" className="btn btn--primary" disabled={busy} data-testid="proposal-submit" onClick={() => void save(true)}>
            {t('new.saveAndSubmit')}
          </button>
        </div>
      </form>
    </section>
  );
}
