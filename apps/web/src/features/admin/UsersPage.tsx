import { useCallback, useEffect, useRef, useState, type FormEvent } from 'react';
import { api, ApiError } from '../../api/client';
import { path } from '../../api/endpoints';
import type { Page, Role } from '../../api/types';
import { errorFor, Field } from '../../components/Field';
import { Loading, ProblemAlert } from '../../components/ProblemAlert';
import type { MessageKey } from '../../i18n';
import { useReference } from '../../reference';
import { useAdminT, withLabel, type AdminKey } from './messages';
import type { UserView } from './types';

/** The roles a province's admin grants (the operator works above the provinces). */
export const PROVINCE_ROLES: Role[] = [
  'proposer', 'reviewer', 'reviewer-lead', 'legal-appraiser', 'council-office', 'committee-office', 'auditor', 'admin',
];

const CREATE_FIELDS: Array<{ name: string; label: AdminKey; required: boolean }> = [
  { name: 'username', label: 'users.username', required: true },
  { name: 'displayName', label: 'users.displayName', required: true },
  { name: 'role', label: 'users.role', required: true },
  { name: 'bodyId', label: 'users.bodyId', required: true },
  { name: 'email', label: 'users.email', required: false },
  { name: 'password', label: 'users.password', required: true },
];

type Errors = Record<string, string>;

/** The server's field errors (and a taken user name) beside the fields, named by their labels. */
function serverErrors(err: unknown, fields: Array<{ name: string; label: string }>, lang: 'vi' | 'en'): Errors {
  const out: Errors = {};
  if (!(err instanceof ApiError)) return out;
  for (const f of fields) {
    const r = errorFor(err.fieldErrors, f.name);
    if (r) out[f.name] = withLabel(r[lang], f.label);
  }
  if (err.status === 409 && fields.some((f) => f.name === 'username')) out.username = withLabel(err.text(lang).detail, fields.find((f) => f.name === 'username')!.label);
  return out;
}

const without = (e: Errors, name: string): Errors => {
  if (!e[name]) return e;
  const { [name]: _gone, ...rest } = e;
  return rest;
};

function CreateUserForm({ onCreated }: { onCreated: (u: UserView) => void }) {
  const { t, a, lang } = useAdminT();
  const ref = useReference();
  const empty = { username: '', displayName: '', role: '', bodyId: '', email: '', password: '' };
  const [v, setV] = useState<Record<string, string>>(empty);
  const [errors, setErrors] = useState<Errors>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const fields = CREATE_FIELDS.map((f) => ({ ...f, label: a(f.label) }));

  const set = (name: string) => (value: string) => {
    setV((s) => ({ ...s, [name]: value }));
    setErrors((e) => without(e, name));
  };

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Errors = {};
    for (const f of fields) if (f.required && !v[f.name].trim()) missing[f.name] = `${f.label}: ${t('required').toLowerCase()}`;
    setErrors(missing);
    setProblem(null);
    const first = fields.find((f) => missing[f.name]);
    if (first) {
      document.getElementById(`user-${first.name}`)?.focus();
      return;
    }
    setBusy(true);
    try {
      const created = await api.post<UserView>('/api/v1/users', {
        username: v.username.trim(), displayName: v.displayName.trim(), role: v.role, bodyId: v.bodyId, password: v.password,
        ...(v.email.trim() ? { email: v.email.trim() } : {}),
      });
      setV(empty);
      onCreated(created);
    } catch (err) {
      const mapped = serverErrors(err, fields, lang);
      setErrors(mapped);
      setProblem(err);
      const f = fields.find((x) => mapped[x.name]);
      if (f) document.getElementById(`user-${f.name}`)?.focus();
    } finally {
      setBusy(false);
    }
  }

  const fp = (name: string) => {
    const f = fields.find((x) => x.name === name)!;
    return { idPrefix: 'user', name, label: f.label, value: v[name], onChange: set(name), error: errors[name], required: f.required };
  };
  return (
    <form className="card" onSubmit={submit} noValidate aria-labelledby="user-create-title" data-testid="user-create">
      <h2 id="user-create-title">{a('users.create')}</h2>
      <div className="form-grid">
        <Field {...fp('username')} autoComplete="off" />
        <Field {...fp('displayName')} />
        <Field
          {...fp('role')}
          type="select"
          options={[{ value: '', label: a('users.choose') }, ...PROVINCE_ROLES.map((r) => ({ value: r, label: t(`role.${r}` as MessageKey) }))]}
        />
        <Field
          {...fp('bodyId')}
          type="select"
          options={[{ value: '', label: a('users.choose') }, ...ref.bodies.map((b) => ({ value: b.id, label: lang === 'en' ? b.nameEn : b.nameVi }))]}
        />
        <Field {...fp('email')} autoComplete="off" />
        <Field {...fp('password')} type="password" autoComplete="new-password" hint={a('users.passwordHint')} />
      </div>
      <ProblemAlert error={problem} testId="user-create-problem" />
      <div className="buttons">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="user-create-submit">
          {busy ? a('users.busy') : a('users.createSubmit')}
        </button>
      </div>
    </form>
  );
}

function ResetPasswordForm({ user, onDone, onCancel }: { user: UserView; onDone: () => void; onCancel: () => void }) {
  const { t, a, lang } = useAdminT();
  const [value, setValue] = useState('');
  const [error, setError] = useState<string | undefined>();
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);
  const label = a('users.newPassword');

  async function submit(e: FormEvent) {
    e.preventDefault();
    setProblem(null);
    if (!value) {
      setError(`${label}: ${t('required').toLowerCase()}`);
      return;
    }
    setBusy(true);
    try {
      await api.post(path('/api/v1/users/{id}/password', { id: user.id }), { newPassword: value });
      onDone();
    } catch (err) {
      setError(serverErrors(err, [{ name: 'newPassword', label }], lang).newPassword);
      setProblem(err);
    } finally {
      setBusy(false);
    }
  }

  return (
    <form className="card" onSubmit={submit} noValidate aria-label={a('users.resetFor', { name: user.displayName })} data-testid="password-form">
      <h3>{a('users.resetFor', { name: user.displayName })}</h3>
      <Field
        idPrefix="reset"
        name="newPassword"
        label={label}
        type="password"
        autoComplete="new-password"
        value={value}
        onChange={(x) => {
          setValue(x);
          setError(undefined);
        }}
        hint={a('users.passwordHint')}
        error={error}
        required
      />
      <ProblemAlert error={problem} testId="password-problem" />
      <div className="buttons">
        <button type="submit" className="btn btn--primary" disabled={busy} data-testid="password-submit">
          {busy ? a('users.busy') : a('users.resetSubmit')}
        </button>
        <button type="button" className="btn" onClick={onCancel}>{t('cancel')}</button>
      </div>
    </form>
  );
}

/** Admins: the province's users, creating one, deactivating and reactivating, resetting a password. */
export function UsersPage() {
  const { t, a } = useAdminT();
  const ref = useReference();
  const [active, setActive] = useState('');
  const [page, setPage] = useState<Page<UserView> | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [notice, setNotice] = useState('');
  const [actionError, setActionError] = useState<unknown>(null);
  const [resetting, setResetting] = useState<UserView | null>(null);
  const noticeRef = useRef<HTMLParagraphElement>(null);

  const load = useCallback(() => {
    setError(null);
    api.get<Page<UserView>>('/api/v1/users', { limit: 200, active: active || undefined }).then(setPage, setError);
  }, [active]);
  useEffect(load, [load]);

  const say = (text: string) => {
    setNotice(text);
    setActionError(null);
    setTimeout(() => noticeRef.current?.focus(), 0);
  };

  async function toggle(u: UserView) {
    setActionError(null);
    try {
      const updated = await api.patch<UserView>(path('/api/v1/users/{id}', { id: u.id }), { active: !u.active });
      setPage((p) => (p ? { ...p, items: p.items.map((x) => (x.id === u.id ? updated : x)) } : p));
      say(a(updated.active ? 'users.reactivated' : 'users.deactivated', { name: updated.displayName }));
    } catch (err) {
      setNotice('');
      setActionError(err);
    }
  }

  return (
    <section className="page page--wide" aria-labelledby="users-title">
      <h1 id="users-title">{a('users.title')}</h1>
      {notice && (
        <p className="alert alert--ok" role="status" tabIndex={-1} ref={noticeRef} data-testid="users-notice">{notice}</p>
      )}
      <ProblemAlert error={actionError} testId="users-problem" />
      <CreateUserForm
        onCreated={(u) => {
          say(a('users.created', { name: `${u.displayName} (${u.username})` }));
          load();
        }}
      />
      {resetting && (
        <ResetPasswordForm
          user={resetting}
          onCancel={() => setResetting(null)}
          onDone={() => {
            say(a('users.passwordReset', { name: resetting.displayName }));
            setResetting(null);
          }}
        />
      )}
      <div className="table-tools">
        <p data-testid="users-count">{page ? a('users.count', { n: page.total }) : ''}</p>
        <Field
          idPrefix="users"
          name="active"
          label={a('users.filterActive')}
          type="select"
          value={active}
          onChange={setActive}
          options={[
            { value: '', label: a('users.all') },
            { value: 'true', label: a('users.isActive') },
            { value: 'false', label: a('users.isInactive') },
          ]}
        />
      </div>
      <ProblemAlert error={error} />
      {!page && !error && <Loading />}
      {page && !page.items.length && <p>{a('users.empty')}</p>}
      {page && page.items.length > 0 && (
        <div className="table-wrap">
          <table className="list-table" data-testid="users-table">
            <thead>
              <tr>
                <th scope="col">{a('users.displayName')}</th>
                <th scope="col">{a('users.username')}</th>
                <th scope="col">{a('users.role')}</th>
                <th scope="col">{a('users.bodyId')}</th>
                <th scope="col">{a('users.active')}</th>
                <th scope="col">{a('users.actions')}</th>
              </tr>
            </thead>
            <tbody>
              {page.items.map((u) => (
                <tr key={u.id} data-testid={`user-row-${u.username}`}>
                  <td>{u.displayName}{u.email && <div className="muted">{u.email}</div>}</td>
                  <td>{u.username}</td>
                  <td>{t(`role.${u.role}` as MessageKey)}</td>
                  <td data-testid="user-body">{ref.bodyName(u.bodyId)}</td>
                  <td>
                    <span className={`badge ${u.active ? 'badge--on-time' : 'badge--none'}`} data-testid="user-active">
                      {a(u.active ? 'users.isActive' : 'users.isInactive')}
                    </span>
                  </td>
                  <td>
                    <div className="buttons">
                      <button type="button" className="btn" onClick={() => void toggle(u)} data-testid="user-toggle">
                        {a(u.active ? 'users.deactivate' : 'users.reactivate')}
                      </button>
                      <button type="button" className="btn" onClick={() => setResetting(u)} data-testid="user-reset">
                        {a('users.resetPassword')}
                      </button>
                    </div>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </section>
  );
}
