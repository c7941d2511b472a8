import type { DecisionView } from '../api/types';
import { useT } from '../i18n';

/** The decision's yearly evaluations, and for a recommendation to amend or revoke what followed it up (or that nothing has yet). */
export function EvaluationsCard({ view }: { view: Pick<DecisionView, 'evaluations'> }) {
  const { t } = useT();
  if (!view.evaluations?.length) return null;
  const what = (c: 'amend' | 'revoke') => t(c === 'amend' ? 'decision.amendVerb' : 'decision.revokeVerb');
  return (
    <section className="card" aria-labelledby="evaluations-title" data-testid="evaluations">
      <h2 id="evaluations-title">{t('decision.evaluations')}</h2>
      <ul>
        {view.evaluations.map((e) => {
          const opens = e.recommendation === 'amend' || e.recommendation === 'revoke' ? e.recommendation : undefined;
          return (
            <li key={e.year} data-testid={`evaluation-${e.year}`}>
              <strong>{t('decision.evaluationYear', { y: e.year })}</strong>: {e.summary}
              {e.followedBy ? (
                <div className="small" data-testid="evaluation-followed-by">
                  {t('decision.followedBy', { what: what(e.followedBy.command), doc: e.followedBy.documentNumber, from: e.followedBy.effectiveFrom })}
                </div>
              ) : opens ? (
                <div className="small" data-testid="evaluation-follow-up">{t('decision.followUpOpen', { what: what(opens), y: e.year })}</div>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
