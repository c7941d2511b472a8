import { useState, type FormEvent } from 'react';
import { ApiError } from '../api/client';
import { Field } from '../components/Field';
import { ProblemAlert } from '../components/ProblemAlert';
import { useT } from '../i18n';
import { useSession } from '../session';

export function LoginPage({ onLoggedIn }: { onLoggedIn?: () => void }) {
  const { t, lang, setLang } = useT();
  const { login } = useSession();
  const [username, setUsername] = useState('');
  const [password, setPassword] = useState('');
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<unknown>(null);
  const [busy, setBusy] = useState(false);

  async function submit(e: FormEvent) {
    e.preventDefault();
    const missing: Record<string, string> = {};
    if (!username.trim()) missing.username = t('required');
    if (!password) missing.password = t('required');
    setErrors(missing);
    setProblem(null);
    if (Object.keys(missing).length) return;
    setBusy(true);
    try {
      await login(username.trim(), password);
      onLoggedIn?.();
    } catch (err) {
      if (err instanceof ApiError) {
        const fe: Record<string, string> = {};
        for (const [k, v] of Object.entries(err.fieldErrors)) fe[k] = v[lang];
        setErrors(fe);
      }
      setProblem(err);
      setBusy(false);
    }
  }

  return (
    <main className="login-page" id="main">
      <form className="login-card" onSubmit={submit} noValidate data-testid="login-form" aria-labelledby="login-title">
        <div className="login-brand">
          <span className="emblem" aria-hidden="true">★</span>
          <div>
            <div className="brand-name">{t('appName')}</div>
            <div className="brand-sub">{t('appSubtitle')}</div>
          </div>
        </div>
        <h1 id="login-title">{t('login.title')}</h1>
        <p className="muted">{t('login.intro')}</p>
        <Field idPrefix="login" name="username" label={t('login.username')} value={username} onChange={setUsername} autoComplete="username" required error={errors.username} />
        <Field idPrefix="login" name="password" label={t('login.password')} type="password" value={password} onChange={setPassword} autoComplete="current-password" required error={errors.password} />
        <ProblemAlert error={problem} testId="login-error" />
        <button type="submit" className="btn btn--primary btn--block" disabled={busy} data-testid="login-submit">
          {busy ? t('login.busy') : t('login.submit')}
        </button>
        <button type="button" className="btn btn--link" onClick={() => setLang(lang === 'vi' ? 'en' : 'vi')} data-testid="lang-switch">
          {t('switchLang')}
        </button>
      </form>
    </main>
  );
}
