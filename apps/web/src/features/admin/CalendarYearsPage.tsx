import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { Link, useNavigate, useParams } from 'react-router-dom';
import { api, ApiError } from '../../api/client';
import { path } from '../../api/endpoints';
import { Field, lines, parseDate } from '../../components/Field';
import { Loading, ProblemAlert } from '../../components/ProblemAlert';
import { formatDate, formatDateTime } from '../../format';
import { useAdminT, withLabel, type AdminKey } from './messages';
import type { CalendarDay, YearListing, YearView } from './types';

type A = (key: AdminKey, vars?: Record<string, string | number>) => string;

/** ISO dates inside a server reason shown as dd/mm/yyyy. */
const ddmm = (s: string) => s.replace(/\b(\d{4})-(\d{2})-(\d{2})\b/g, '$3/$2/$1');

export interface ScheduleForm {
  source: string;
  daysOff: string;
  makeUpWorkingDays: string;
  entrySources: string;
  notes: string;
}

/** The form filled from a year's current official schedule (a reload starts from it). */
export function formFrom(y: YearView | null): ScheduleForm {
  if (!y || y.basis !== 'official') return { source: '', daysOff: '', makeUpWorkingDays: '', entrySources: '', notes: '' };
  const own = [...y.daysOff, ...y.makeUpWorkingDays].filter((d) => d.source && d.source !== y.source).sort((p, q) => p.date.localeCompare(q.date));
  return {
    source: y.source,
    daysOff: y.daysOff.map((d) => formatDate(d.date)).join('\n'),
    makeUpWorkingDays: y.makeUpWorkingDays.map((d) => formatDate(d.date)).join('\n'),
    entrySources: own.map((d) => `${formatDate(d.date)}: ${d.source}`).join('\n'),
    notes: y.notes ?? '',
  };
}

type Body = { source: string; daysOff: string[]; makeUpWorkingDays: string[]; entrySources?: Record<string, string>; notes?: string };

/** The PUT body from the form, or the errors of the lines that are not dates (field → message). */
export function buildSchedule(f: ScheduleForm, a: A, label: (k: keyof ScheduleForm) => string): { body?: Body; errors: Record<string, string> } {
  const errors: Record<string, string> = {};
  const dates = (name: 'daysOff' | 'makeUpWorkingDays') => {
    const out: string[] = [];
    const bad: string[] = [];
    lines(f[name]).forEach((text, i) => {
      const iso = parseDate(text);
      if (iso) out.push(iso);
      else bad.push(a('calendar.badLine', { line: i + 1, text }));
    });
    if (bad.length) errors[name] = `${label(name)}: ${bad.join('; ')}`;
    return out;
  };
  const daysOff = dates('daysOff');
  const makeUpWorkingDays = dates('makeUpWorkingDays');
  const entrySources: Record<string, string> = {};
  const badEntries: string[] = [];
  lines(f.entrySources).forEach((text, i) => {
    const m = /^([\d/.-]+)\s*[:=]\s*(.+)$/.exec(text);
    const iso = m ? parseDate(m[1]) : undefined;
    if (m && iso) entrySources[iso] = m[2].trim();
    else badEntries.push(a('calendar.badEntry', { line: i + 1 }));
  });
  if (badEntries.length) errors.entrySources = `${label('entrySources')}: ${badEntries.join('; ')}`;
  if (!f.source.trim()) errors.source = `${label('source')}: ${a('calendar.required')}`;
  if (Object.keys(errors).length) return { errors };
  return {
    errors,
    body: {
      source: f.source.trim(), daysOff, makeUpWorkingDays,
      ...(Object.keys(entrySources).length ? { entrySources } : {}),
      ...(f.notes.trim() ? { notes: f.notes.trim() } : {}),
    },
  };
}

/** The server's field errors ("daysOff[2]", "entrySources.2026-05-02") beside the form's fields, by line. */
export function scheduleErrors(err: ApiError, lang: 'vi' | 'en', a: A, label: (k: keyof ScheduleForm) => string): Record<string, string> {
  const grouped: Record<string, string[]> = {};
  for (const [field, reason] of Object.entries(err.fieldErrors)) {
    const m = /^(source|daysOff|makeUpWorkingDays|entrySources|notes)(?:\[(\d+)\]|\.(.+))?$/.exec(field);
    if (!m) continue;
    const name = m[1] as keyof ScheduleForm;
    const text = ddmm(reason[lang].replace(/^[\w.[\]-]+:\s*/, ''));
    const where = m[2] !== undefined ? `${a('calendar.line', { line: Number(m[2]) + 1 })}: ` : m[3] !== undefined ? `${ddmm(m[3])}: ` : '';
    (grouped[name] ??= []).push(where + text);
  }
  return Object.fromEntries(Object.entries(grouped).map(([name, xs]) => [name, withLabel(xs.join('; '), label(name as keyof ScheduleForm))]));
}

const LABELS: Record<keyof ScheduleForm, AdminKey> = {
  source: 'calendar.source',
  daysOff: 'calendar.daysOffField',
  makeUpWorkingDays: 'calendar.makeUpField',
  entrySources: 'calendar.entrySourcesField',
  notes: 'calendar.notes',
};

function LoadYearForm({ year, current, onSaved, onCancel }: { year: number; current: YearView | null; onSaved: (y: YearView) => void; onCancel: () => void }) {
  const { t, a, lang } = useAdminT();
  const [f, setF] = useState<ScheduleForm>(() => formFrom(current));
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const label = (k: keyof ScheduleForm) => a(LABELS[k]);

  const set = (name: keyof ScheduleForm) => (v: string) => {
    setF((s) => ({ ...s, [name]: v }));
    setErrors((e) => {
      if (!e[name]) return e;
      const { [name]: _gone, ...rest } = e;
      return rest;
    });
  };
  const focusFirst = (e: Record<string, string>) => {
    const first = (Object.keys(LABELS) as Array<keyof ScheduleForm>).find((k) => e[k]);
    if (first) document.getElementById(`year-${first}`)?.focus();
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    const built = buildSchedule(f, a, label);
    setErrors(built.errors);
    if (!built.body) {
      focusFirst(built.errors);
      return;
    }
    setBusy(true);
    try {
      onSaved(await api.put<YearView>(path('/api/v1/calendar/years/{year}', { year: String(year) }), built.body));
    } catch (err) {
      if (err instanceof ApiError) {
        const mapped = scheduleErrors(err, lang, a, label);
        setErrors(mapped);
        focusFirst(mapped);
      }
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  const fp = (name: keyof ScheduleForm) => ({ idPrefix: 'year', name, label: label(name), value: f[name], onChange: set(name), error: errors[name] });
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="year-load-title" data-testid="year-form">
      <h2 id="year-load-title">{a('calendar.loadTitle', { year })}</h2>
      <Field {...fp('source')} required hint={a('calendar.sourceHint')} />
      <div className="form-grid">
        <Field {...fp('daysOff')} type="textarea" rows={8} placeholder="dd/mm/yyyy" hint={a('calendar.daysOffHint')} />
        <Field {...fp('makeUpWorkingDays')} type="textarea" rows={8} placeholder="dd/mm/yyyy" hint={a('calendar.makeUpHint')} />
      </div>
      <Field {...fp('entrySources')} type="textarea" rows={3} hint={a('calendar.entrySourcesHint')} />
      <Field {...fp('notes')} type="textarea" rows={2} />
      <ProblemAlert error={problem} testId="year-problem" />
      <div className="buttons">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="year-submit">
          {busy ? a('users.busy') : a('calendar.save')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}

function DayTable({ days, testId, showKind }: { days: CalendarDay[]; testId: string; showKind?: boolean }) {
  const { tx, a } = useAdminT();
  if (!days.length) return <p className="muted" data-testid={testId}>{a('calendar.none')}</p>;
  return (
    <div className="table-wrap">
      <table className="list-table" data-testid={testId}>
        <thead>
          <tr>
            <th scope="col">{a('calendar.date')}</th>
            <th scope="col">{a('calendar.weekday')}</th>
            <th scope="col">{a('calendar.reason')}</th>
            <th scope="col">{a('calendar.document')}</th>
          </tr>
        </thead>
        <tbody>
          {days.map((d) => (
            <tr key={d.date} data-kind={showKind ? d.kind : undefined}>
              <td>{formatDate(d.date)}</td>
              <td>{tx(d.weekday)}</td>
              <td>{tx(d.reason)}</td>
              <td>{d.source}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function YearDetail({ year, onChanged }: { year: number; onChanged: () => void }) {
  const { a } = useAdminT();
  const [view, setView] = useState<YearView | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [editing, setEditing] = useState(false);
  const [saved, setSaved] = useState<YearView['deadlinesRecomputed'] | null>(null);
  const savedRef = useRef<HTMLDivElement>(null);

  useEffect(() => {
    setView(null);
    setError(null);
    setEditing(false);
    setSaved(null);
    api.get<YearView>(path('/api/v1/calendar/years/{year}', { year: String(year) })).then(setView, setError);
  }, [year]);

  if (error) return <ProblemAlert error={error} />;
  if (!view) return <Loading />;
  return (
    <section className="card" aria-labelledby="year-title" data-testid="year-detail">
      <h2 id="year-title">{a('calendar.yearTitle', { year })}</h2>
      {saved && (
        <div className="alert alert--ok" role="status" tabIndex={-1} ref={savedRef} data-testid="year-saved">
          <strong>{a('calendar.saved', { year })}</strong>
          <p data-testid="deadlines-moved">
            {saved.moved
              ? a('calendar.moved', { decisions: saved.decisions, n: saved.moved })
              : a('calendar.noMoves', { decisions: saved.decisions })}
          </p>
        </div>
      )}
      <p data-testid="year-basis">{a(view.basis === 'official' ? 'calendar.basis.official' : 'calendar.basis.statutory')}</p>
      <dl className="facts">
        <dt>{a('calendar.source')}</dt>
        <dd data-testid="year-source">{view.source}</dd>
        {view.notes && (
          <>
            <dt>{a('calendar.notes')}</dt>
            <dd>{view.notes}</dd>
          </>
        )}
        {view.updatedAt && (
          <>
            <dt>{a('calendar.updated')}</dt>
            <dd>{formatDateTime(view.updatedAt)}</dd>
          </>
        )}
      </dl>
      <h3>{a('calendar.daysOff')} ({view.daysOff.length})</h3>
      <DayTable days={view.daysOff} testId="days-off" showKind />
      <h3>{a('calendar.makeUpWorkingDays')} ({view.makeUpWorkingDays.length})</h3>
      <DayTable days={view.makeUpWorkingDays} testId="make-up-days" />
      {!editing && (
        <div className="buttons">
          <button type="button" className="btn btn--primary" onClick={() => setEditing(true)} data-testid="year-load">
            {view.basis === 'official' ? a('calendar.replace', { year }) : a('calendar.load')}
          </button>
        </div>
      )}
      {editing && (
        <LoadYearForm
          year={year}
          current={view}
          onCancel={() => setEditing(false)}
          onSaved={(y) => {
            setView(y);
            setSaved(y.deadlinesRecomputed ?? { year, decisions: 0, moved: 0 });
            setEditing(false);
            onChanged();
            setTimeout(() => savedRef.current?.focus(), 0);
          }}
        />
      )}
    </section>
  );
}

function origin(y: YearListing, a: A): string {
  if (y.builtIn && y.loaded) return a('calendar.builtInReplaced');
  return a(y.loaded ? 'calendar.loaded' : 'calendar.builtIn');
}

/** Admins: the years with an official schedule; a year's days off; loading or replacing a year's schedule. */
export function CalendarYearsPage() {
  const { a } = useAdminT();
  const params = useParams();
  const navigate = useNavigate();
  const year = params.year && /^\d{4}$/.test(params.year) ? Number(params.year) : undefined;
  const [years, setYears] = useState<YearListing[] | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [other, setOther] = useState('');
  const [otherError, setOtherError] = useState<string | undefined>();

  const load = useCallback(() => {
    api.get<YearListing[]>('/api/v1/calendar/years').then(setYears, setError);
  }, []);
  useEffect(load, [load]);

  const open = (e: FormEvent) => {
    e.preventDefault();
    if (!/^\d{4}$/.test(other.trim())) {
      setOtherError(`${a('calendar.year')}: ${a('calendar.badYear')}`);
      return;
    }
    navigate(`/admin/calendar/${other.trim()}`);
  };

  return (
    <section className="page page--wide" aria-labelledby="calendar-title">
      <h1 id="calendar-title">{a('calendar.title')}</h1>
      <p className="muted">{a('calendar.intro')}</p>
      {params.year && year === undefined && <p className="alert alert--error" role="alert">{a('calendar.badYear')}</p>}
      {year !== undefined && (
        <>
          <p><Link to="/admin/calendar">{a('calendar.back')}</Link></p>
          <YearDetail key={year} year={year} onChanged={load} />
        </>
      )}
      <ProblemAlert error={error} />
      {!years && !error && <Loading />}
      {years && (
        <div className="table-wrap">
          <table className="list-table" data-testid="years-table">
            <thead>
              <tr>
                <th scope="col">{a('calendar.year')}</th>
                <th scope="col">{a('calendar.origin')}</th>
                <th scope="col">{a('calendar.daysOffCount')}</th>
                <th scope="col">{a('calendar.makeUpCount')}</th>
                <th scope="col">{a('calendar.source')}</th>
                <th scope="col">{a('calendar.updated')}</th>
              </tr>
            </thead>
            <tbody>
              {years.map((y) => (
                <tr key={y.year} data-testid={`year-row-${y.year}`}>
                  <td><Link to={`/admin/calendar/${y.year}`} aria-label={a('calendar.open', { year: y.year })}>{y.year}</Link></td>
                  <td data-testid="year-origin">{origin(y, a)}</td>
                  <td>{y.daysOff}</td>
                  <td>{y.makeUpWorkingDays}</td>
                  <td>{y.source}</td>
                  <td>{y.updatedAt ? formatDateTime(y.updatedAt) : '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <form className="buttons" onSubmit={open} noValidate aria-label={a('calendar.openOther')}>
        <Field
          idPrefix="calendar"
          name="year"
          label={a('calendar.openOther')}
          type="number"
          value={other}
          onChange={(v) => {
            setOther(v);
            setOtherError(undefined);
          }}
          error={otherError}
          placeholder="2027"
        />
        <button type="submit" className="btn" data-testid="year-open">{a('calendar.openSubmit')}</button>
      </form>
    </section>
  );
}
