import { useEffect, useMemo, useState } from 'react';
import { useT } from '../../i18n';
import { useReference } from '../../reference';
import type { DecisionFilters } from './list';

/** The value, once it has stopped changing for `ms` (a search box does not send a request per key). */
export function useDebounced<T>(value: T, ms: number): T {
  const [v, setV] = useState(value);
  useEffect(() => {
    const id = setTimeout(() => setV(value), ms);
    return () => clearTimeout(id);
  }, [value, ms]);
  return v;
}

export interface FiltersFormProps {
  value: DecisionFilters;
  onChange: (f: DecisionFilters) => void;
  showClosed?: boolean;
  onShowClosed?: (v: boolean) => void;
  /** Offer a stage filter (the table; the board has a column per stage). */
  withStage?: boolean;
  /** Offer "only what waits on me". */
  withMine?: boolean;
  idPrefix?: string;
}

/** Search and filters of a decision list; every one is applied by the server. */
export function DecisionFiltersForm({ value: f, onChange, showClosed, onShowClosed, withStage, withMine, idPrefix = 'board' }: FiltersFormProps) {
  const { t } = useT();
  const ref = useReference();
  const set = (patch: Partial<DecisionFilters>) => onChange({ ...f, ...patch });
  const bodies = useMemo(() => [...ref.bodies].sort((a, b) => ref.bodyName(a.id).localeCompare(ref.bodyName(b.id), 'vi')), [ref]);
  const id = (s: string) => `${idPrefix}-${s}`;
  // On a phone the filters fold away under the search box, so that the first screen shows decisions.
  const [wide] = useState(() => typeof window === 'undefined' || !window.matchMedia || !window.matchMedia('(max-width: 760px)').matches);
  const active = [f.kind, f.sector, f.bodyId, f.stage?.length, f.overdue, showClosed].filter(Boolean).length;
  return (
    <div className="filters" role="search">
      <div className="field field--grow">
        <label htmlFor={id('search')}>{t('board.search')}</label>
        <input id={id('search')} type="search" data-testid="board-search" value={f.q ?? ''} placeholder={t('board.searchHint')} onChange={(e) => set({ q: e.target.value })} />
      </div>
      <details className="filter-more" open={wide}>
        <summary>{t('board.filters', { n: active })}</summary>
        <div className="filters">
      <div className="field">
        <label htmlFor={id('kind')}>{t('board.kind')}</label>
        <select id={id('kind')} data-testid="filter-kind" value={f.kind ?? ''} onChange={(e) => set({ kind: e.target.value })}>
          <option value="">{t('board.all')}</option>
          <option value="phan-cap">{t('kind.phan-cap')}</option>
          <option value="uy-quyen">{t('kind.uy-quyen')}</option>
        </select>
      </div>
      {withStage && (
        <div className="field">
          <label htmlFor={id('stage')}>{t('table.stageFilter')}</label>
          <select id={id('stage')} data-testid="filter-stage" value={f.stage?.[0] ?? ''} onChange={(e) => set({ stage: e.target.value ? [e.target.value] : undefined })}>
            <option value="">{t('board.all')}</option>
            {ref.stageOrder.map((s) => <option key={s} value={s}>{ref.stageLabel(s)}</option>)}
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={id('sector')}>{t('board.sector')}</label>
        <select id={id('sector')} data-testid="filter-sector" value={f.sector ?? ''} onChange={(e) => set({ sector: e.target.value })}>
          <option value="">{t('board.all')}</option>
          {ref.sectors.map((s) => <option key={s.id} value={s.id}>{ref.sectorLabel(s.id)}</option>)}
        </select>
      </div>
      <div className="field">
        <label htmlFor={id('body')}>{t('board.body')}</label>
        <select id={id('body')} data-testid="filter-body" value={f.bodyId ?? ''} onChange={(e) => set({ bodyId: e.target.value })}>
          <option value="">{t('board.all')}</option>
          {bodies.map((b) => <option key={b.id} value={b.id}>{ref.bodyName(b.id)}</option>)}
        </select>
      </div>
      <div className="checks">
        {withMine && (
          <label className="check">
            <input type="checkbox" data-testid="filter-mine" checked={!!f.waitsOnMe} onChange={(e) => set({ waitsOnMe: e.target.checked })} /> {t('work.onlyMine')}
          </label>
        )}
        <label className="check">
          <input type="checkbox" data-testid="filter-overdue" checked={!!f.overdue} onChange={(e) => set({ overdue: e.target.checked })} /> {t('board.overdueOnly')}
        </label>
        {onShowClosed && (
          <label className="check">
            <input type="checkbox" data-testid="filter-closed" checked={!!showClosed} onChange={(e) => onShowClosed(e.target.checked)} /> {t('board.showClosed')}
          </label>
        )}
      </div>
        </div>
      </details>
    </div>
  );
}
