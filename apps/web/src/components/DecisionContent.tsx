import type { DecisionView } from '../api/types';
import { formatDate, formatMoney, formatNumber } from '../format';
import { useT } from '../i18n';
import { useReference } from '../reference';

/** The content of a decision (as it is now or was at a version), as a definition list. */
export function DecisionContent({ view }: { view: DecisionView }) {
  const { t } = useT();
  const ref = useReference();
  const c = view.content;
  const list = (xs: string[] | undefined) =>
    xs && xs.length ? (
      <ul className="plain">{xs.map((x, i) => <li key={i}>{x}</li>)}</ul>
    ) : (
      <span className="muted">{t('none')}</span>
    );
  return (
    <dl className="facts" data-testid="decision-content">
      <dt>{t('decision.delegator')}</dt>
      <dd data-testid="content-delegator">{ref.bodyName(c.delegatorBodyId)}</dd>
      <dt>{t('decision.delegate')}</dt>
      <dd data-testid="content-delegate">{ref.bodyName(c.delegateBodyId)}</dd>
      <dt>{t('decision.proposer')}</dt>
      <dd>{ref.bodyName(view.proposerBodyId)}</dd>
      <dt>{t('decision.sector')}</dt>
      <dd>{ref.sectorLabel(c.sector)}</dd>
      <dt>{t('decision.powers')}</dt>
      <dd>{list(c.powerIds.map((p) => `${p} — ${ref.powerTitle(p)}`))}</dd>
      {c.period && (
        <>
          <dt>{t('decision.period')}</dt>
          <dd>{t('decision.from', { from: formatDate(c.period.from), to: formatDate(c.period.to) })}</dd>
        </>
      )}
      <dt>{t('decision.legalBasis')}</dt>
      <dd>{list(c.legalBasis)}</dd>
      <dt>{t('decision.resources')}</dt>
      <dd>
        {t('decision.budget')}: <span data-testid="content-budget">{formatMoney(c.resources?.budgetVnd)}</span>; {t('decision.staff')}:{' '}
        {formatNumber(c.resources?.staffPositions ?? 0)}
        {c.resources?.facilities?.length ? <> ; {t('decision.facilities')}: {c.resources.facilities.join(', ')}</> : null}
        {c.resources?.noResourcesReason && (
          <div className="muted">
            {t('decision.noResourcesReason')}: {c.resources.noResourcesReason}
          </div>
        )}
      </dd>
      <dt>{t('decision.conditions')}</dt>
      <dd data-testid="content-conditions">{list(c.conditions)}</dd>
      <dt>{t('decision.justification')}</dt>
      <dd>{c.justification}</dd>
      <dt>{t('decision.documents')}</dt>
      <dd>{list(c.documents?.map((d) => `${d.title} (${d.reference})`))}</dd>
      {view.issuance && (
        <>
          <dt>{t('decision.issuance')}</dt>
          <dd data-testid="content-issuance">
            {view.issuance.documentNumber} — {view.issuance.signer}, {formatDate(view.issuance.signedOn)}; {t('f.effectiveFrom').toLowerCase()}{' '}
            {formatDate(view.issuance.effectiveFrom)}
            {view.issuance.effectiveTo ? ` – ${formatDate(view.issuance.effectiveTo)}` : ''}
          </dd>
        </>
      )}
    </dl>
  );
}
