import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import type { DecisionListItem, DecisionPage, DecisionSort } from '../../api/types';
import { DeadlineBadge } from '../../components/DeadlineBadge';
import { Loading, ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime, vietnamDate } from '../../format';
import { useT, type MessageKey } from '../../i18n';
import { useReference, type Reference } from '../../reference';
import { DecisionFiltersForm, useDebounced } from './DecisionFiltersForm';
import { download, toCsv, toXlsx, type ExportTable } from './export';
import { fetchAllDecisions, fetchDecisionPage, type DecisionFilters } from './list';

export interface SavedFilter {
  name: string;
  filters: DecisionFilters;
  sort: DecisionSort;
}

const SAVED_KEY = (k: string) => `phancap.savedFilters.${k}`;

export function loadSavedFilters(key: string): SavedFilter[] {
  try {
    const raw = localStorage.getItem(SAVED_KEY(key));
    const xs = raw ? (JSON.parse(raw) as SavedFilter[]) : [];
    return Array.isArray(xs) ? xs.filter((x) => x && typeof x.name === 'string' && typeof x.filters === 'object') : [];
  } catch {
    return [];
  }
}

function storeSavedFilters(key: string, xs: SavedFilter[]): void {
  try {
    localStorage.setItem(SAVED_KEY(key), JSON.stringify(xs));
  } catch {
    /* private mode: saved for this page only */
  }
}

type T = (key: MessageKey, vars?: Record<string, string | number>) => string;

function waitingOnText(d: DecisionListItem, t: T, ref: Reference): string {
  const w = d.waitingOn;
  if (!w) return '—';
  if (w.userId && d.assignee?.id === w.userId) return d.assignee.displayName;
  const role = t(`role.${w.role}` as MessageKey);
  return w.bodyId ? `${role} · ${ref.bodyName(w.bodyId)}` : role;
}

/** The rows of an export, in the language shown. */
export function exportTable(items: DecisionListItem[], t: T, ref: Reference): ExportTable {
  return {
    sheet: t('export.sheet'),
    header: [
      t('table.case'), t('table.title'), t('table.kind'), t('table.stage'), t('board.sector'), t('table.bodies'), t('table.assignee'),
      t('table.waitingOn'), t('table.deadline'), t('table.documentNumber'), t('table.updated'),
    ],
    rows: items.map((d) => [
      d.caseNumber, d.title, t(`kind.${d.kind}`), ref.stageLabel(d.stage), ref.sectorLabel(d.sector),
      `${ref.bodyName(d.delegatorBodyId)} → ${ref.bodyName(d.delegateBodyId)}`, d.assignee?.displayName ?? null, waitingOnText(d, t, ref),
      d.deadline ? formatDate(d.deadline.dueOn) : null, d.documentNumber, formatDateTime(d.updatedAt),
    ]),
  };
}

const SORTABLE: Array<{ key: string; label: MessageKey }> = [
  { key: 'caseNumber', label: 'table.case' },
  { key: 'title', label: 'table.title' },
  { key: 'deadline', label: 'table.deadline' },
  { key: 'updatedAt', label: 'table.updated' },
];

export interface DecisionTableProps {
  /** Where its saved filters are kept (localStorage), one list per page. */
  storageKey: string;
  initial: DecisionFilters;
  defaultSort: DecisionSort;
  withMine?: boolean;
}

/** A decision list as a table: server paging, sorting, filters, saved filters, export to .xlsx and CSV. */
export function DecisionTable({ storageKey, initial, defaultSort, withMine }: DecisionTableProps) {
  const { t } = useT();
  const ref = useReference();
  const [filters, setFilters] = useState<DecisionFilters>(initial);
  const [sort, setSort] = useState<DecisionSort>(defaultSort);
  const [pageSize, setPageSize] = useState(25);
  const [pageNo, setPageNo] = useState(0);
  const [page, setPage] = useState<DecisionPage | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [saved, setSaved] = useState<SavedFilter[]>(() => loadSavedFilters(storageKey));
  const [name, setName] = useState('');
  const [status, setStatus] = useState('');
  const [exporting, setExporting] = useState(false);
  const debounced = useDebounced(filters, 300);
  const today = vietnamDate();

  // A new filter or sort starts from the first page.
  useEffect(() => setPageNo(0), [debounced, sort, pageSize]);
  useEffect(() => {
    let live = true;
    setError(null);
    fetchDecisionPage(debounced, { limit: pageSize, offset: pageNo * pageSize, sort }).then((p) => live && setPage(p), (e) => live && setError(e));
    return () => {
      live = false;
    };
  }, [debounced, sort, pageNo, pageSize]);

  const pages = page ? Math.max(1, Math.ceil(page.total / pageSize)) : 1;
  const toggleSort = (key: string) => setSort((s) => (s === key ? `-${key}` : s === `-${key}` ? key : key) as DecisionSort);
  const ariaSort = (key: string) => (sort === key ? 'ascending' : sort === `-${key}` ? 'descending' : undefined);

  function save() {
    const n = name.trim();
    if (!n) return;
    const next = [...saved.filter((s) => s.name !== n), { name: n, filters, sort }];
    setSaved(next);
    storeSavedFilters(storageKey, next);
    setName('');
    setStatus(t('saved.done', { name: n }));
  }
  function remove(n: string) {
    const next = saved.filter((s) => s.name !== n);
    setSaved(next);
    storeSavedFilters(storageKey, next);
  }

  async function exportAs(format: 'csv' | 'xlsx') {
    setExporting(true);
    setError(null);
    try {
      const all = await fetchAllDecisions(debounced, sort, (done, total) => setStatus(t('export.busy', { done, total })));
      const table = exportTable(all, t, ref);
      const stamp = vietnamDate();
      if (format === 'csv') download(new Blob([toCsv(table)], { type: 'text/csv;charset=utf-8' }), `ho-so-${stamp}.csv`);
      else download(await toXlsx(table), `ho-so-${stamp}.xlsx`);
      setStatus(t('export.done', { n: all.length }));
    } catch (e) {
      setError(e);
      setStatus('');
    } finally {
      setExporting(false);
    }
  }

  return (
    <div className="decision-table" data-testid="decision-table">
      <DecisionFiltersForm value={filters} onChange={setFilters} withStage withMine={withMine} idPrefix={`${storageKey}-table`} />
      <details className="saved-filters card" data-testid="saved-filters">
        <summary>{t('saved.title')} ({saved.length})</summary>
        {!saved.length && <p className="muted small">{t('saved.none')}</p>}
        <ul className="chips">
          {saved.map((s) => (
            <li key={s.name}>
              <button type="button" className="btn btn--small" onClick={() => { setFilters(s.filters); setSort(s.sort); }} aria-label={t('saved.apply', { name: s.name })} data-testid="saved-filter">
                {s.name}
              </button>
              <button type="button" className="btn btn--small btn--ghost" onClick={() => remove(s.name)} aria-label={t('saved.delete', { name: s.name })}>
                ×
              </button>
            </li>
          ))}
        </ul>
        <form className="inline-form" onSubmit={(e) => { e.preventDefault(); save(); }}>
          <label htmlFor={`${storageKey}-saved-name`}>{t('saved.name')}</label>
          <input id={`${storageKey}-saved-name`} data-testid="saved-name" value={name} onChange={(e) => setName(e.target.value)} maxLength={60} />
          <button type="submit" className="btn btn--small" disabled={!name.trim()} data-testid="saved-save">{t('saved.save')}</button>
        </form>
      </details>
      <div className="table-tools">
        <p className="muted" aria-live="polite" data-testid="table-count" data-total={page?.total ?? ''}>
          {page ? t('board.count', { n: page.total }) : ''}
        </p>
        <div className="buttons">
          <button type="button" className="btn btn--small" disabled={exporting || !page?.total} onClick={() => void exportAs('xlsx')} data-testid="export-xlsx">{t('export.xlsx')}</button>
          <button type="button" className="btn btn--small" disabled={exporting || !page?.total} onClick={() => void exportAs('csv')} data-testid="export-csv">{t('export.csv')}</button>
        </div>
      </div>
      <p className="muted small" role="status" data-testid="table-status">{status}</p>
      <ProblemAlert error={error} />
      {!page && !error && <Loading />}
      {page && (
        <>
          <div className="table-wrap">
            <table className="list-table">
              <caption className="sr-only">{t('table.caption')}</caption>
              <thead>
                <tr>
                  {SORTABLE.slice(0, 2).map((c) => (
                    <th key={c.key} scope="col" aria-sort={ariaSort(c.key)}>
                      <button type="button" className="sort-button" onClick={() => toggleSort(c.key)} data-testid={`sort-${c.key}`}>
                        {t(c.label)} <span aria-hidden="true">{sort === c.key ? '▲' : sort === `-${c.key}` ? '▼' : '↕'}</span>
                      </button>
                    </th>
                  ))}
                  <th scope="col">{t('table.stage')}</th>
                  <th scope="col">{t('table.bodies')}</th>
                  <th scope="col">{t('table.assignee')}</th>
                  <th scope="col">{t('table.waitingOn')}</th>
                  {SORTABLE.slice(2).map((c) => (
                    <th key={c.key} scope="col" aria-sort={ariaSort(c.key)}>
                      <button type="button" className="sort-button" onClick={() => toggleSort(c.key)} data-testid={`sort-${c.key}`}>
                        {t(c.label)} <span aria-hidden="true">{sort === c.key ? '▲' : sort === `-${c.key}` ? '▼' : '↕'}</span>
                      </button>
                    </th>
                  ))}
                </tr>
              </thead>
              <tbody>
                {page.items.map((d) => (
                  <tr key={d.id} data-testid="table-row" data-decision-id={d.id} data-due={d.deadline?.dueOn ?? ''}>
                    <td className="nowrap">{d.caseNumber ?? '—'}</td>
                    <td>
                      <span className={`kind kind--${d.kind}`}>{t(`kind.${d.kind}`)}</span>{' '}
                      <Link to={`/decisions/${d.id}`}>{d.title}</Link>
                      {d.documentNumber && <div className="muted small">{d.documentNumber}</div>}
                    </td>
                    <td>{ref.stageLabel(d.stage)}</td>
                    <td>{ref.bodyName(d.delegatorBodyId)} → {ref.bodyName(d.delegateBodyId)}</td>
                    <td data-testid="row-assignee">{d.assignee?.displayName ?? '—'}</td>
                    <td>{waitingOnText(d, t, ref)}</td>
                    <td>{d.deadline ? <DeadlineBadge deadline={d.deadline} today={today} /> : '—'}</td>
                    <td className="nowrap">{formatDate(d.updatedAt)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {!page.items.length && <p className="muted">{t('table.empty')}</p>}
          <nav className="pager" aria-label={t('table.caption')}>
            <button type="button" className="btn btn--small" disabled={pageNo === 0} onClick={() => setPageNo((n) => n - 1)} data-testid="page-prev">{t('table.prev')}</button>
            <span data-testid="page-of">{t('table.page', { page: pageNo + 1, pages })}</span>
            <button type="button" className="btn btn--small" disabled={pageNo + 1 >= pages} onClick={() => setPageNo((n) => n + 1)} data-testid="page-next">{t('table.next')}</button>
            <label htmlFor={`${storageKey}-page-size`}>{t('table.pageSize')}</label>
            <select id={`${storageKey}-page-size`} value={pageSize} onChange={(e) => setPageSize(Number(e.target.value))} data-testid="page-size">
              {[25, 50, 100].map((n) => <option key={n} value={n}>{n}</option>)}
            </select>
          </nav>
        </>
      )}
    </div>
  );
}
