import { useEffect, useState } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../api/client';
import { path } from '../api/endpoints';
import type { CompareResult, DecisionPage, DecisionView, VerifyResult } from '../api/types';
import { DecisionContent } from '../components/DecisionContent';
import { Loading, ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n';
import { useReference } from '../reference';
import { useDebounced } from '../features/decisions/DecisionFiltersForm';
import { fetchDecisionPage } from '../features/decisions/list';

/** A field's whole value: a list item by item, an object key by key, nothing as a dash. */
function FieldValue({ value }: { value: unknown }) {
  if (value === undefined || value === null || (Array.isArray(value) && !value.length)) return <>—</>;
  if (Array.isArray(value)) return <ul className="plain">{value.map((v, i) => <li key={i}><FieldValue value={v} /></li>)}</ul>;
  if (typeof value === 'object') {
    return (
      <dl className="kv">
        {Object.entries(value as Record<string, unknown>).map(([k, v]) => (
          <div key={k}><dt>{k}</dt><dd><FieldValue value={v} /></dd></div>
        ))}
      </dl>
    );
  }
  return <>{typeof value === 'number' ? value.toLocaleString('vi-VN') : String(value)}</>;
}

/** Finds a decision by search on the server (any number of decisions), and opens it. */
function Picker() {
  const { t } = useT();
  const navigate = useNavigate();
  const [q, setQ] = useState('');
  const query = useDebounced(q, 300);
  const [page, setPage] = useState<DecisionPage | null>(null);
  const [id, setId] = useState('');
  useEffect(() => {
    let live = true;
    fetchDecisionPage({ q: query }, { limit: 50, sort: '-updatedAt' }).then((p) => {
      if (!live) return;
      setPage(p);
      setId((cur) => (p.items.some((d) => d.id === cur) ? cur : p.items[0]?.id ?? ''));
    }, () => live && setPage({ items: [], total: 0, limit: 50, offset: 0, sort: '-updatedAt', nextCursor: null }));
    return () => {
      live = false;
    };
  }, [query]);
  return (
    <form className="card filters" onSubmit={(e) => { e.preventDefault(); if (id) navigate(`/audit/${id}`); }}>
      <div className="field field--grow">
        <label htmlFor="audit-search">{t('audit.search')}</label>
        <input id="audit-search" type="search" data-testid="audit-search" value={q} onChange={(e) => setQ(e.target.value)} />
        <p className="hint" aria-live="polite" data-testid="audit-matches" data-total={page?.total ?? ''}>{page ? t('audit.matches', { n: page.total }) : ''}</p>
      </div>
      <div className="field field--grow">
        <label htmlFor="audit-decision">{t('audit.pick')}</label>
        <select id="audit-decision" data-testid="audit-decision" value={id} onChange={(e) => setId(e.target.value)}>
          {(page?.items ?? []).map((d) => <option key={d.id} value={d.id}>{d.caseNumber ? `${d.caseNumber} · ` : ''}{d.title}</option>)}
        </select>
      </div>
      <div className="field field--end">
        <button type="submit" className="btn btn--primary" disabled={!id} data-testid="audit-open">{t('audit.open')}</button>
      </div>
    </form>
  );
}

export function AuditPage() {
  const { id } = useParams();
  const { t, tx } = useT();
  const ref = useReference();
  const [head, setHead] = useState<DecisionView | null>(null);
  const [version, setVersion] = useState(1);
  const [past, setPast] = useState<DecisionView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [from, setFrom] = useState(1);
  const [to, setTo] = useState(1);
  const [diff, setDiff] = useState<CompareResult | null>(null);
  const [diffError, setDiffError] = useState<unknown>(null);
  const [verify, setVerify] = useState<VerifyResult | null>(null);
  const [verifyError, setVerifyError] = useState<unknown>(null);
  const [packError, setPackError] = useState<unknown>(null);

  useEffect(() => {
    if (!id) return;
    setHead(null);
    api.get<DecisionView>(path('/api/v1/decisions/{id}', { id })).then((v) => {
      setHead(v);
      setVersion(v.version);
      setTo(v.version);
    }, setError);
    api.get<VerifyResult>(path('/api/v1/decisions/{id}/verify', { id })).then(setVerify, setVerifyError);
  }, [id]);

  useEffect(() => {
    if (!id || !head) return;
    let live = true;
    api.get<DecisionView>(path('/api/v1/decisions/{id}', { id }), { version }).then((v) => live && setPast(v), (e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [id, head, version]);

  if (!id) {
    return (
      <section className="page" aria-labelledby="audit-title">
        <h1 id="audit-title">{t('audit.title')}</h1>
        <Picker />
      </section>
    );
  }

  const compare = () => {
    setDiff(null);
    setDiffError(null);
    api.get<CompareResult>(path('/api/v1/decisions/{id}/compare', { id }), { from, to }).then(setDiff, setDiffError);
  };
  const download = async () => {
    setPackError(null);
    try {
      const { blob, filename } = await api.blob(path('/api/v1/decisions/{id}/evidence-pack', { id }), { format: 'pdf' }, 'application/pdf');
      const url = URL.createObjectURL(blob);
      const a = document.createElement('a');
      a.href = url;
      a.download = filename ?? `ho-so-chung-cu-${id}.pdf`;
      document.body.appendChild(a);
      a.click();
      a.remove();
      setTimeout(() => URL.revokeObjectURL(url), 10_000);
    } catch (e) {
      setPackError(e);
    }
  };
  const versions = head ? Array.from({ length: head.version }, (_, i) => i + 1) : [];
  const missing = (e: unknown) => e instanceof ApiError && (e.status === 404 || e.status === 501);

  return (
    <section className="page" aria-labelledby="audit-title">
      <p className="breadcrumb">
        <Link to={`/decisions/${id}`}>{head?.content.title ?? id}</Link> ›
      </p>
      <h1 id="audit-title">{t('audit.title')}</h1>
      <ProblemAlert error={error} />
      {!head && !error && <Loading />}
      {head && (
        <>
          <section className="card" aria-labelledby="verify-title" data-testid="verify-result" data-status={verify?.status ?? ''}>
            <h2 id="verify-title">{t('audit.verify')}</h2>
            {verify && verify.status === 'intact' && <p className="alert alert--ok">{t('audit.intact', { n: verify.checked })}</p>}
            {verify && verify.status !== 'intact' && (
              <p className="alert alert--error">{t('audit.broken', { status: verify.status, v: verify.at?.streamVersion ?? '?' })}</p>
            )}
            <ProblemAlert error={verifyError} />
            <button type="button" className="btn" onClick={() => void download()} data-testid="evidence-download">
              {t('audit.evidence')}
            </button>
            {packError !== null && (missing(packError) ? <p className="alert alert--info">{t('audit.evidenceMissing')}</p> : <ProblemAlert error={packError} />)}
          </section>

          <section className="card" aria-labelledby="slider-title">
            <h2 id="slider-title">{t('audit.asOf', { n: version, max: head.version })}</h2>
            <label htmlFor="version-slider">{t('audit.slider')}</label>
            <input
              id="version-slider"
              type="range"
              min={1}
              max={head.version}
              step={1}
              value={version}
              onChange={(e) => setVersion(Number(e.target.value))}
              data-testid="version-slider"
              aria-valuetext={`${version} / ${head.version}`}
              className="slider"
            />
            <div className="slider-scale" aria-hidden="true">
              <span>1</span>
              <span>{head.version}</span>
            </div>
            {past && (
              <div data-testid="version-view" data-version={past.version} data-stage={past.stage}>
                <p>
                  <strong>{past.content.title}</strong> — {ref.stageLabel(past.stage)} ({t('decision.version')} {past.version})
                </p>
                <DecisionContent view={past} />
              </div>
            )}
          </section>

          <section className="card" aria-labelledby="compare-title" data-testid="compare">
            <h2 id="compare-title">{t('audit.compare')}</h2>
            <div className="filters">
              <div className="field">
                <label htmlFor="compare-from">{t('audit.compareFrom')}</label>
                <select id="compare-from" data-testid="compare-from" value={from} onChange={(e) => setFrom(Number(e.target.value))}>
                  {versions.map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
              </div>
              <div className="field">
                <label htmlFor="compare-to">{t('audit.compareTo')}</label>
                <select id="compare-to" data-testid="compare-to" value={to} onChange={(e) => setTo(Number(e.target.value))}>
                  {versions.map((n) => <option key={n} value={n}>{n}</option>)}
                </select>
              </div>
              <div className="field field--end">
                <button type="button" className="btn btn--primary" onClick={compare} data-testid="compare-run">{t('audit.compareRun')}</button>
              </div>
            </div>
            {diffError !== null && (missing(diffError) ? <p className="alert alert--info" data-testid="compare-missing">{t('audit.compareMissing')}</p> : <ProblemAlert error={diffError} />)}
            {diff && !diff.fields.length && <p className="muted">{t('audit.noChanges')}</p>}
            {diff && diff.fields.length > 0 && (
              <div className="table-wrap">
                <table data-testid="compare-table">
                  <thead>
                    <tr><th scope="col">{t('audit.field')}</th><th scope="col">{t('audit.before')}</th><th scope="col">{t('audit.after')}</th></tr>
                  </thead>
                  <tbody>
                    {diff.fields.map((f) => (
                      <tr key={f.field} className="change change--changed" data-field={f.field}>
                        <th scope="row">{tx(f.label)}</th>
                        <td data-testid="compare-before"><FieldValue value={f.before} /></td>
                        <td data-testid="compare-after"><FieldValue value={f.after} /></td>
                      </tr>
                    ))}
                  </tbody>
                </table>
              </div>
            )}
          </section>
        </>
      )}
    </section>
  );
}
