import { ApiError } from '../api/client';
import { useT } from '../i18n';

/** Shows an API problem (title and detail, in the user's language) or any other error. */
export function ProblemAlert({ error, testId = 'problem' }: { error: unknown; testId?: string }) {
  const { lang } = useT();
  if (!error) return null;
  if (error instanceof ApiError) {
    const { title, detail } = error.text(lang);
    const rule = error.problem.rule;
    return (
      <div className="alert alert--error" role="alert" data-testid={testId} data-status={error.status}>
        <strong>{title}</strong>
        {detail && <p>{detail}</p>}
        {rule?.source && <p className="muted">{rule.source}</p>}
      </div>
    );
  }
  return (
    <div className="alert alert--error" role="alert" data-testid={testId}>
      {error instanceof Error ? error.message : String(error)}
    </div>
  );
}

export function Loading() {
  const { t } = useT();
  return (
    <p className="loading" role="status" aria-live="polite">
      {t('loading')}
    </p>
  );
}
