import { useEffect, useMemo, useState } from 'react';
import { Link } from 'react-router-dom';
import { api } from '../api/client';
import type { Deadline, DecisionListItem, Page } from '../api/types';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { canPropose } from '../components/Header';
import { Loading, ProblemAlert } from '../components/ProblemAlert';
import { currentStageDeadline, deadlineColour, fetchManyDeadlines } from '../deadlines';
import { matchesQuery, vietnamDate } from '../format';
import { useT } from '../i18n';
import { useReference } from '../reference';
import { useUser } from '../session';

/** The list of decisions in the caller's scope (one page of 100, the API's maximum). */
export async function fetchDecisions(): Promise<DecisionListItem[]> {
  const page = await api.get<Page<DecisionListItem>>('/api/v1/decisions', { limit: 100 });
  return page.items;
}

export function BoardPage() {
  const { t } = useT();
  const ref = useReference();
  const user = useUser();
  const [items, setItems] = useState<DecisionListItem[] | null>(null);
  const [deadlines, setDeadlines] = useState<Record<string, Deadline[]>>({});
  const [error, setError] = useState<unknown>(null);
  const [query, setQuery] = useState('');
  const [kind, setKind] = useState('');
  const [sector, setSector] = useState('');
  const [body, setBody] = useState('');
  const [overdueOnly, setOverdueOnly] = useState(false);
  const [showClosed, setShowClosed] = useState(false);
  const today = vietnamDate();

  useEffect(() => {
    let live = true;
    fetchDecisions().then(
      (list) => {
        if (!live) return;
        setItems(list);
        void fetchManyDeadlines(list.filter((d) => !ref.terminalStages.has(d.stage)).map((d) => d.id)).then((m) => live && setDeadlines(m));
      },
      (e) => live && setError(e),
    );
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, []);

  const stageDeadline = (d: DecisionListItem) => currentStageDeadline(deadlines[d.id] ?? [], d.stage);

  const visible = useMemo(() => {
    return (items ?? []).filter((d) => {
      if (!showClosed && ref.terminalStages.has(d.stage)) return false;
      if (kind && d.kind !== kind) return false;
      if (sector && d.sector !== sector) return false;
      if (body && ![d.delegatorBodyId, d.delegateBodyId, d.proposerBodyId].includes(body)) return false;
      if (overdueOnly && deadlineColour(stageDeadline(d), today) !== 'overdue') return false;
      return matchesQuery(
        query, d.title, d.sector, ref.sectorLabel(d.sector), ref.bodyName(d.delegatorBodyId), ref.bodyName(d.delegateBodyId),
        ref.bodyName(d.proposerBodyId), ...d.powerIds.map(ref.powerTitle),
      );
    });
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [items, deadlines, kind, sector, body, overdueOnly, showClosed, query, ref, today]);

  const stages = ref.stageOrder.filter((s) => showClosed || !ref.terminalStages.has(s));
  const extra = [...new Set(visible.map((d) => d.stage))].filter((s) => !ref.stageOrder.includes(s));
  const usedBodies = useMemo(() => {
    const ids = new Set((items ?? []).flatMap((d) => [d.delegatorBodyId, d.delegateBodyId, d.proposerBodyId]));
    return [...ids].sort((a, b) => ref.bodyName(a).localeCompare(ref.bodyName(b), 'vi'));
  }, [items, ref]);

  return (
    <section className="page page--wide" aria-labelledby="board-title">
      <div className="page-head">
        <h1 id="board-title">{t('board.title')}</h1>
        {canPropose(user.role) && (
          <Link className="btn btn--primary" to="/proposals/new" data-testid="new-proposal">
            {t('nav.new')}
          </Link>
        )}
      </div>
      <div className="filters" role="search">
        <div className="field field--grow">
          <label htmlFor="board-search">{t('board.search')}</label>
          <input id="board-search" type="search" data-testid="board-search" value={query} placeholder={t('board.searchHint')} onChange={(e) => setQuery(e.target.value)} />
        </div>
        <div className="field">
          <label htmlFor="filter-kind">{t('board.kind')}</label>
          <select id="filter-kind" data-testid="filter-kind" value={kind} onChange={(e) => setKind(e.target.value)}>
            <option value="">{t('board.all')}</option>
            <option value="phan-cap">{t('kind.phan-cap')}</option>
            <option value="uy-quyen">{t('kind.uy-quyen')}</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-sector">{t('board.sector')}</label>
          <select id="filter-sector" data-testid="filter-sector" value={sector} onChange={(e) => setSector(e.target.value)}>
            <option value="">{t('board.all')}</option>
            {ref.sectors.map((s) => (
              <option key={s.id} value={s.id}>{ref.sectorLabel(s.id)}</option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="filter-body">{t('board.body')}</label>
          <select id="filter-body" data-testid="filter-body" value={body} onChange={(e) => setBody(e.target.value)}>
            <option value="">{t('board.all')}</option>
            {usedBodies.map((id) => (
              <option key={id} value={id}>{ref.bodyName(id)}</option>
            ))}
          </select>
        </div>
        <div className="checks">
          <label className="check">
            <input type="checkbox" data-testid="filter-overdue" checked={overdueOnly} onChange={(e) => setOverdueOnly(e.target.checked)} /> {t('board.overdueOnly')}
          </label>
          <label className="check">
            <input type="checkbox" data-testid="filter-closed" checked={showClosed} onChange={(e) => setShowClosed(e.target.checked)} /> {t('board.showClosed')}
          </label>
        </div>
      </div>
      <ProblemAlert error={error} />
      {!items && !error && <Loading />}
      {items && (
        <>
          <p className="muted" aria-live="polite" data-testid="board-count">{t('board.count', { n: visible.length })}</p>
          <div className="board" data-testid="board">
            {[...stages, ...extra].map((stage) => {
              const cards = visible.filter((d) => d.stage === stage);
              return (
                <section key={stage} className="board-column" data-testid={`board-column-${stage}`} data-stage={stage} aria-labelledby={`col-${stage}`}>
                  <h2 id={`col-${stage}`}>
                    {ref.stageLabel(stage)} <span className="count">{cards.length}</span>
                  </h2>
                  {!cards.length && <p className="muted small">{t('board.empty')}</p>}
                  <ul>
                    {cards.map((d) => {
                      const dl = stageDeadline(d);
                      const colour = deadlineColour(dl, today);
                      return (
                        <li key={d.id}>
                          <Link
                            to={`/decisions/${d.id}`}
                            className={`decision-card decision-card--${colour}`}
                            data-testid="decision-card"
                            data-decision-id={d.id}
                            data-deadline={colour}
                          >
                            <span className={`kind kind--${d.kind}`}>{t(`kind.${d.kind}`)}</span>
                            <span className="card-title">{d.title}</span>
                            <span className="card-bodies">
                              {ref.bodyName(d.delegatorBodyId)} → {ref.bodyName(d.delegateBodyId)}
                            </span>
                            <span className="card-sector">{ref.sectorLabel(d.sector)}</span>
                            <DeadlineBadge deadline={dl} today={today} />
                          </Link>
                        </li>
                      );
                    })}
                  </ul>
                </section>
              );
            })}
          </div>
        </>
      )}
    </section>
  );
}
