import { useEffect, useState } from 'react';
import { api } from '../api/client';
import type { Page, Person } from '../api/types';
import { useDebounced } from '../features/decisions/DecisionFiltersForm';
import { useT, type MessageKey } from '../i18n';
import { useReference } from '../reference';
import { fieldId } from './Field';

export interface PersonPickerProps {
  name: string;
  label: string;
  idPrefix: string;
  /** The roles to offer (GET /api/v1/people?role=…). */
  roles: string[];
  value: string;
  onChange: (id: string) => void;
  required?: boolean;
  error?: string;
}

/** Picks a colleague by name: a search box and the matching people (names shown, the id sent). */
export function PersonPicker(p: PersonPickerProps) {
  const { t } = useT();
  const ref = useReference();
  const id = fieldId(p.idPrefix, p.name);
  const [q, setQ] = useState('');
  const query = useDebounced(q, 250);
  const [people, setPeople] = useState<Person[] | null>(null);
  const { onChange, value, roles } = p;
  const roleList = roles.join(',');

  useEffect(() => {
    let live = true;
    api.get<Page<Person>>('/api/v1/people', { role: roleList, q: query, limit: 50 }).then((r) => {
      if (!live) return;
      setPeople(r.items);
      // The only match is chosen; a choice the search no longer shows is dropped.
      if (r.items.length === 1) onChange(r.items[0].id);
      else if (value && !r.items.some((x) => x.id === value)) onChange('');
    }, () => live && setPeople([]));
    return () => {
      live = false;
    };
    // eslint-disable-next-line react-hooks/exhaustive-deps
  }, [query, roleList]);

  const describedBy = p.error ? `${id}-error` : undefined;
  return (
    <div className={`field person-picker${p.error ? ' field--error' : ''}`}>
      <label htmlFor={`${id}-search`}>{t('people.search')}</label>
      <input id={`${id}-search`} type="search" value={q} onChange={(e) => setQ(e.target.value)} data-testid={`search-${p.name}`} autoComplete="off" />
      <label htmlFor={id}>
        {p.label}
        {p.required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      <select
        id={id}
        name={p.name}
        data-testid={`field-${p.name}`}
        value={value}
        onChange={(e) => onChange(e.target.value)}
        aria-invalid={p.error ? true : undefined}
        aria-describedby={describedBy}
        aria-required={p.required || undefined}
      >
        <option value="">{people && !people.length ? t('people.none') : '—'}</option>
        {(people ?? []).map((x) => (
          <option key={x.id} value={x.id}>
            {x.displayName} · {t(`role.${x.role}` as MessageKey)} · {ref.bodyName(x.bodyId)}
          </option>
        ))}
      </select>
      {p.error && (
        <p className="error-text" id={`${id}-error`} data-testid={`error-${p.name}`}>
          {p.error}
        </p>
      )}
    </div>
  );
}
