import { DecisionTable } from '../features/decisions/DecisionTable';
import { useT } from '../i18n';

/** "Việc của tôi": what waits on me or my role in my body, oldest deadline first. */
export function WorkPage() {
  const { t } = useT();
  return (
    <section className="page page--wide" aria-labelledby="work-title">
      <h1 id="work-title">{t('work.title')}</h1>
      <p className="muted">{t('work.intro')}</p>
      <DecisionTable storageKey="work" initial={{ waitsOnMe: true }} defaultSort="deadline" withMine />
    </section>
  );
}
