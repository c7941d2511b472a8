import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { Link, useSearchParams } from 'react-router-dom';
import type { DecisionListItem, DecisionPage } from '../api/types';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { canPropose } from '../components/Header';
import { Loading, ProblemAlert } from '../components/ProblemAlert';
import { deadlineColour } from '../deadlines';
import { DecisionFiltersForm, useDebounced } from '../features/decisions/DecisionFiltersForm';
import { DecisionTable } from '../features/decisions/DecisionTable';
import { fetchDecisionPage, type DecisionFilters } from '../features/decisions/list';
import { vietnamDate } from '../format';
import { useT } from '../i18n';
import { useReference } from '../reference';
import { useUser } from '../session';

/** Cards a column loads at a time ("show more" loads the next ones by cursor). */
export const COLUMN_PAGE = 25;

interface Column {
  items: DecisionListItem[];
  total: number;
  nextCursor: string | null;
  loading: boolean;
}

/** One card: the case number, the title, the bodies by name, the assignee and the current deadline. */
export function DecisionCard({ d, today }: { d: DecisionListItem; today: string }) {
  const { t } = useT();
  const ref = useReference();
  const colour = deadlineColour(d.deadline, today);
  return (
    <Link to={`/decisions/${d.id}`} className={`decision-card decision-card--${colour}`} data-testid="decision-card" data-decision-id={d.id} data-deadline={colour}>
      <span className="card-top">
        <span className={`kind kind--${d.kind}`}>{t(`kind.${d.kind}`)}</span>
        {d.caseNumber && <span className="case-number" data-testid="case-number">{d.caseNumber}</span>}
      </span>
      <span className="card-title">{d.title}</span>
      <span className="card-bodies">
        {ref.bodyName(d.delegatorBodyId)} → {ref.bodyName(d.delegateBodyId)}
      </span>
      <span className="card-sector">{ref.sectorLabel(d.sector)}</span>
      {d.assignee && <span className="card-assignee" data-testid="card-assignee">{t('board.assignee')}: {d.assignee.displayName}</span>}
      <DeadlineBadge deadline={d.deadline} today={today} />
    </Link>
  );
}

/**
 * The board: one column per stage in the workflows' order, each paged on the server (its true total,
 * the first cards, "show more" by cursor), filtered and searched there. A table view beside it.
 */
export function BoardPage() {
  const { t } = useT();
  const ref = useReference();
  const user = useUser();
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'table' ? 'table' : 'board';
  const [filters, setFilters] = useState<DecisionFilters>({});
  const [showClosed, setShowClosed] = useState(false);
  const debounced = useDebounced(filters, 300);
  const today = vietnamDate();
  const stages = useMemo(() => ref.stageOrder.filter((s) => showClosed || !ref.terminalStages.has(s)), [ref.stageOrder, ref.terminalStages, showClosed]);
  const [columns, setColumns] = useState<Record<string, Column>>({});
  const [error, setError] = useState<unknown>(null);
  const generation = useRef(0);

  useEffect(() => {
    if (!ref.ready || view !== 'board') return;
    const g = ++generation.current;
    setError(null);
    setColumns({});
    // One request per column (the stage's first page and total): never one per card.
    for (const stage of stages) {
      fetchDecisionPage({ ...debounced, stage: [stage] }, { limit: COLUMN_PAGE, sort: 'deadline' }).then(
        (p) => g === generation.current && setColumns((c) => ({ ...c, [stage]: { items: p.items, total: p.total, nextCursor: p.nextCursor, loading: false } })),
        (e) => g === generation.current && setError(e),
      );
    }
  }, [ref.ready, stages, debounced, view]);

  const more = useCallback((stage: string) => {
    const col = columns[stage];
    if (!col?.nextCursor) return;
    const g = generation.current;
    setColumns((c) => ({ ...c, [stage]: { ...col, loading: true } }));
    fetchDecisionPage({ ...debounced, stage: [stage] }, { limit: COLUMN_PAGE, sort: 'deadline', cursor: col.nextCursor }).then(
      (p: DecisionPage) => g === generation.current && setColumns((c) => ({ ...c, [stage]: { items: [...col.items, ...p.items], total: p.total, nextCursor: p.nextCursor, loading: false } })),
      (e) => g === generation.current && setError(e),
    );
  }, [columns, debounced]);

  const loaded = stages.every((s) => columns[s]);
  const total = stages.reduce((a, s) => a + (columns[s]?.total ?? 0), 0);
  const setView = (v: 'board' | 'table') => setParams((p) => {
    const n = new URLSearchParams(p);
    if (v === 'table') n.set('view', 'table');
    else n.delete('view');
    return n;
  }, { replace: true });

  return (
    <section className="page page--wide" aria-labelledby="board-title">
      <div className="page-head">
        <h1 id="board-title">{t('board.title')}</h1>
        <div className="buttons">
          <div className="segmented" role="group" aria-label={t('board.view')}>
            <button type="button" className={`btn${view === 'board' ? ' btn--primary' : ''}`} aria-pressed={view === 'board'} onClick={() => setView('board')} data-testid="view-board">
              {t('board.viewBoard')}
            </button>
            <button type="button" className={`btn${view === 'table' ? ' btn--primary' : ''}`} aria-pressed={view === 'table'} onClick={() => setView('table')} data-testid="view-table">
              {t('board.viewTable')}
            </button>
          </div>
          {canPropose(user.role) && (
            <Link className="btn btn--primary" to="/proposals/new" data-testid="new-proposal">
              {t('nav.new')}
            </Link>
          )}
        </div>
      </div>
      {view === 'table' ? (
        <DecisionTable storageKey="board" initial={{}} defaultSort="-updatedAt" />
      ) : (
        <>
          <DecisionFiltersForm value={filters} onChange={setFilters} showClosed={showClosed} onShowClosed={setShowClosed} />
          <ProblemAlert error={error} />
          {(!ref.ready || (!loaded && !error)) && <Loading />}
          {ref.ready && loaded && (
            <>
              <p className="muted" aria-live="polite" data-testid="board-count" data-total={total}>{t('board.count', { n: total })}</p>
              <ScrollingBoard>
                {stages.map((stage) => {
                  const col = columns[stage];
                  return (
                    <section key={stage} className="board-column" data-testid={`board-column-${stage}`} data-stage={stage} data-total={col.total} aria-labelledby={`col-${stage}`}>
                      <h2 id={`col-${stage}`}>
                        {ref.stageLabel(stage)} <span className="count" data-testid="column-total">{col.total}</span>
                      </h2>
                      {!col.total && <p className="muted small">{t('board.empty')}</p>}
                      <ul>
                        {col.items.map((d) => (
                          <li key={d.id}>
                            <DecisionCard d={d} today={today} />
                          </li>
                        ))}
                      </ul>
                      {col.total > col.items.length && (
                        <div className="column-more">
                          <p className="muted small">{t('board.shown', { n: col.items.length, total: col.total })}</p>
                          <button type="button" className="btn btn--small" disabled={col.loading} onClick={() => more(stage)} data-testid="column-more">
                            {t('board.more', { n: Math.min(COLUMN_PAGE, col.total - col.items.length) })}
                          </button>
                        </div>
                      )}
                    </section>
                  );
                })}
              </ScrollingBoard>
            </>
          )}
        </>
      )}
    </section>
  );
}

/** The columns side by side with a visible cue for those off-screen: a count and arrow buttons. */
function ScrollingBoard({ children }: { children: React.ReactNode }) {
  const { t } = useT();
  const box = useRef<HTMLDivElement>(null);
  const [hidden, setHidden] = useState({ left: 0, right: 0 });
  const measure = useCallback(() => {
    const el = box.current;
    if (!el) return;
    const { left, right } = el.getBoundingClientRect();
    let l = 0;
    let r = 0;
    for (const c of Array.from(el.children) as HTMLElement[]) {
      const b = c.getBoundingClientRect();
      if (b.right > right + 4) r++;
      else if (b.left < left - 4) l++;
    }
    setHidden((h) => (h.left === l && h.right === r ? h : { left: l, right: r }));
  }, []);
  useEffect(() => {
    measure();
    const el = box.current;
    el?.addEventListener('scroll', measure, { passive: true });
    window.addEventListener('resize', measure);
    return () => {
      el?.removeEventListener('scroll', measure);
      window.removeEventListener('resize', measure);
    };
  });
  const scroll = (dir: 1 | -1) => box.current?.scrollBy({ left: dir * box.current.clientWidth * 0.8, behavior: 'smooth' });
  return (
    <div className={`board-frame${hidden.left ? ' board-frame--left' : ''}${hidden.right ? ' board-frame--right' : ''}`}>
      {(hidden.left > 0 || hidden.right > 0) && (
        <div className="board-scroll" data-testid="board-scroll">
          <button type="button" className="btn btn--small" onClick={() => scroll(-1)} disabled={!hidden.left} aria-label={t('board.scrollLeft')} data-testid="board-scroll-left">
            ←
          </button>
          <span className="muted small" data-testid="board-hidden-right" data-hidden={hidden.right} aria-live="polite">
            {hidden.right > 0 ? t('board.scrollHint', { n: hidden.right }) : ''}
          </span>
          <button type="button" className="btn btn--small" onClick={() => scroll(1)} disabled={!hidden.right} aria-label={t('board.scrollRight')} data-testid="board-scroll-right">
            →
          </button>
        </div>
      )}
      <div className="board" data-testid="board" ref={box} tabIndex={0} role="region" aria-label={t('board.title')}>
        {children}
      </div>
    </div>
  );
}
