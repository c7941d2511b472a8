import type { ReactNode } from 'react';

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
