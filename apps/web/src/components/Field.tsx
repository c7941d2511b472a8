import { useEffect, useState, type ReactNode } from 'react';

export interface Option {
  value: string;
  label: string;
}

export interface FieldProps {
  /** The request field this input fills (e.g. "reasons", "period.from"): its id, name and test id derive from it. */
  name: string;
  label: string;
  value: string;
  onChange: (value: string) => void;
  type?: 'text' | 'textarea' | 'date' | 'number' | 'select' | 'password';
  options?: Option[];
  error?: string;
  hint?: string;
  required?: boolean;
  idPrefix?: string;
  autoComplete?: string;
  rows?: number;
  placeholder?: string;
  list?: string;
  after?: ReactNode;
}

export const fieldId = (prefix: string, name: string) => `${prefix}-${name.replace(/[^\w-]/g, '-')}`;

/** A labelled input with its hint and its error message, wired for screen readers. */
export function Field(p: FieldProps) {
  const id = fieldId(p.idPrefix ?? 'f', p.name);
  const describedBy = [p.hint ? `${id}-hint` : '', p.error ? `${id}-error` : ''].filter(Boolean).join(' ') || undefined;
  const common = {
    id,
    name: p.name,
    'data-testid': `field-${p.name}`,
    'aria-invalid': p.error ? true : undefined,
    'aria-describedby': describedBy,
    'aria-required': p.required || undefined,
  };
  let input: ReactNode;
  if (p.type === 'textarea') {
    input = <textarea {...common} rows={p.rows ?? 3} value={p.value} placeholder={p.placeholder} onChange={(e) => p.onChange(e.target.value)} />;
  } else if (p.type === 'select') {
    input = (
      <select {...common} value={p.value} onChange={(e) => p.onChange(e.target.value)}>
        {(p.options ?? []).map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    );
  } else if (p.type === 'date') {
    input = <DateInput common={common} value={p.value} onChange={p.onChange} />;
  } else {
    input = (
      <input
        {...common}
        type={p.type ?? 'text'}
        value={p.value}
        autoComplete={p.autoComplete}
        placeholder={p.placeholder}
        list={p.list}
        inputMode={p.type === 'number' ? 'numeric' : undefined}
        onChange={(e) => p.onChange(e.target.value)}
      />
    );
  }
  return (
    <div className={`field${p.error ? ' field--error' : ''}`}>
      <label htmlFor={id}>
        {p.label}
        {p.required && <span className="req" aria-hidden="true"> *</span>}
      </label>
      {input}
      {p.hint && (
        <p className="hint" id={`${id}-hint`}>
          {p.hint}
        </p>
      )}
      {p.error && (
        <p className="error-text" id={`${id}-error`} data-testid={`error-${p.name}`}>
          {p.error}
        </p>
      )}
      {p.after}
    </div>
  );
}

/** The server's reason for a field or any of its parts ("reasons" matches "reasons.0"). */
export function errorFor<T>(errors: Record<string, T>, name: string): T | undefined {
  if (errors[name] !== undefined) return errors[name];
  const key = Object.keys(errors).find((k) => k.startsWith(`${name}.`) || k.startsWith(`${name}[`));
  return key === undefined ? undefined : errors[key];
}

/** "a\n\n b " → ["a", "b"]. */
export const lines = (s: string) => s.split('\n').map((x) => x.trim()).filter(Boolean);

/** "15/04/2026" or "2026-04-15" → "2026-04-15"; anything else → undefined. */
export function parseDate(text: string): string | undefined {
  const s = text.trim();
  let m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})$/.exec(s);
  const iso = m ? `${m[3]}-${m[2].padStart(2, '0')}-${m[1].padStart(2, '0')}` : (m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(s)) ? s : undefined;
  if (!iso) return undefined;
  const d = new Date(`${iso}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === iso ? iso : undefined;
}

const display = (iso: string) => (/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso);

/**
 * A date typed as dd/mm/yyyy whatever the browser's locale (a native date input follows the locale:
 * mm/dd/yyyy in an English Chromium). The form keeps YYYY-MM-DD; a text that is not a date is passed
 * on as it is, for the checks to refuse.
 */
function DateInput({ common, value, onChange }: { common: Record<string, unknown>; value: string; onChange: (v: string) => void }) {
  const [text, setText] = useState(display(value));
  useEffect(() => {
    // A value set from outside (a reset, a default) shows as dd/mm/yyyy.
    setText((t) => ((parseDate(t) ?? t) === value ? t : display(value)));
  }, [value]);
  return (
    <input
      {...common}
      type="text"
      inputMode="numeric"
      autoComplete="off"
      placeholder="dd/mm/yyyy"
      value={text}
      onChange={(e) => {
        setText(e.target.value);
        onChange(parseDate(e.target.value) ?? e.target.value.trim());
      }}
      onBlur={() => setText((t) => (parseDate(t) ? display(parseDate(t)!) : t))}
    />
  );
}
