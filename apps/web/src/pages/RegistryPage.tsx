import { useEffect, useState, type FormEvent } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { Body, Holding, Page } from '../api/types';
import { Field } from '../components/Field';
import { Loading, ProblemAlert } from '../components/ProblemAlert';
import { formatDate, vietnamDate } from '../format';
import { useT } from '../i18n';
import { useReference } from '../reference';

function BodyTree({ bodies, parentId, lang }: { bodies: Body[]; parentId: string | null; lang: 'vi' | 'en' }) {
  const children = bodies.filter((b) => b.parentId === parentId || (parentId === null && b.parentId && !bodies.some((x) => x.id === b.parentId)));
  if (!children.length) return null;
  return (
    <ul className="tree">
      {children.map((b) => (
        <li key={b.id} data-testid="body-node" data-body-id={b.id}>
          <span>{lang === 'en' ? b.nameEn : b.nameVi}</span> <span className="code muted">{b.id}</span>
          {b.status !== 'active' && <span className="badge badge--none">{b.status}</span>}
          <BodyTree bodies={bodies} parentId={b.id} lang={lang} />
        </li>
      ))}
    </ul>
  );
}

export function RegistryPage() {
  const { t, lang } = useT();
  const ref = useReference();
  const [powerId, setPowerId] = useState('');
  const [at, setAt] = useState(vietnamDate());
  const [result, setResult] = useState<{ at: string; items: Holding[] } | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [mapAt, setMapAt] = useState(vietnamDate());
  const [bodies, setBodies] = useState<Body[] | null>(null);
  const [mapError, setMapError] = useState<unknown>(null);

  useEffect(() => {
    if (!powerId && ref.powers.length) setPowerId(ref.powers[0].id);
  }, [ref.powers, powerId]);

  const search = (e?: FormEvent) => {
    e?.preventDefault();
    if (!powerId) return;
    setError(null);
    api.get<{ at: string; items: Holding[] }>('/api/v1/registry', { powerId, at }).then(setResult, (err) => {
      setResult(null);
      setError(err);
    });
  };
  const showMap = (e?: FormEvent) => {
    e?.preventDefault();
    setMapError(null);
    api.get<Page<Body>>('/api/v1/bodies', { at: mapAt, limit: 500 }).then((p) => setBodies(p.items), setMapError);
  };
  // eslint-disable-next-line react-hooks/exhaustive-deps
  useEffect(() => showMap(), []);

  return (
    <section className="page" aria-labelledby="registry-title">
      <h1 id="registry-title">{t('registry.title')}</h1>
      <form className="card filters" onSubmit={search} data-testid="registry-form">
        <Field
          idPrefix="registry" name="powerId" label={t('registry.power')} type="select" value={powerId} onChange={setPowerId}
          options={ref.powers.map((p) => ({ value: p.id, label: `${p.id} — ${lang === 'en' ? p.titleEn : p.titleVi}` }))}
        />
        <Field idPrefix="registry" name="at" label={t('registry.date')} type="date" value={at} onChange={setAt} hint={formatDate(at)} />
        <div className="field field--end">
          <button type="submit" className="btn btn--primary" data-testid="registry-search">
            {t('registry.search')}
          </button>
        </div>
      </form>
      <ProblemAlert error={error} />
      {result && (
        <div className="card" data-testid="registry-result" aria-live="polite">
          {result.items.map((h, i) => (
            <div key={i} className="holding" data-testid="holding" data-holder={h.holderBodyId} data-source={h.source}>
              <p>
                {t('registry.holder')} ({formatDate(result.at)}): <strong data-testid="holder-name">{ref.bodyName(h.holderBodyId)}</strong>
              </p>
              <p className="muted">
                {h.source === 'law' ? (
                  t('registry.byLaw')
                ) : (
                  <>
                    {t('registry.byDelegation', { kind: t(h.kind === 'uy-quyen' ? 'kind.uy-quyen' : 'kind.phan-cap').toLowerCase() })}{' '}
                    <Link to={`/decisions/${h.decisionId}`}>{h.documentNumber ?? h.caseNumber ?? h.decisionId?.slice(0, 8)}</Link> · {ref.bodyName(h.delegatorBodyId)} →{' '}
                    {ref.bodyName(h.holderBodyId)} · {t('registry.validity')} {formatDate(h.validFrom)}
                    {h.validTo ? ` – ${formatDate(h.validTo)}` : ''}
                  </>
                )}
              </p>
            </div>
          ))}
        </div>
      )}
      <form className="card filters" onSubmit={showMap} aria-labelledby="map-title">
        <h2 id="map-title" className="sr-only">{t('registry.bodiesTitle')}</h2>
        <Field idPrefix="map" name="at" label={t('registry.bodiesTitle')} type="date" value={mapAt} onChange={setMapAt} hint={formatDate(mapAt)} />
        <div className="field field--end">
          <button type="submit" className="btn" data-testid="bodies-show">
            {t('registry.show')}
          </button>
        </div>
      </form>
      <ProblemAlert error={mapError} />
      {!bodies && !mapError && <Loading />}
      {bodies && (
        <div className="card" data-testid="body-map">
          <BodyTree bodies={bodies} parentId={null} lang={lang} />
        </div>
      )}
    </section>
  );
}
