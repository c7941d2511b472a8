import { useCallback, useEffect, useRef, useState } from 'react';
import { Link, useParams } from 'react-router-dom';
import { api } from '../api/client';
import { path } from '../api/endpoints';
import type { AllowedAction, Deadline, DecisionView, FindingGroup, FindingRecord, StoredEvent } from '../api/types';
import { ActionForm } from '../components/ActionForm';
import { DeadlineBadge } from '../components/DeadlineBadge';
import { DecisionContent } from '../components/DecisionContent';
import { EvaluationsCard } from '../components/EvaluationsCard';
import { canAudit } from '../components/Header';
import { Loading, ProblemAlert } from '../components/ProblemAlert';
import { currentStageDeadline, fetchDeadlines } from '../deadlines';
import { formatDate, formatDateTime } from '../format';
import { useT, type MessageKey } from '../i18n';
import { useReference } from '../reference';
import { RULE_SOURCES } from '../rules';
import { DecisionFiles } from '../components/DecisionFiles';
import { useUser } from '../session';

interface Loaded {
  view: DecisionView;
  events: StoredEvent[];
  findings: FindingRecord[];
  groups: FindingGroup[];
  deadlines: Deadline[];
}

async function load(id: string): Promise<Loaded> {
  const [view, events, findings, deadlines] = await Promise.all([
    api.get<DecisionView>(path('/api/v1/decisions/{id}', { id })),
    api.get<StoredEvent[]>(path('/api/v1/decisions/{id}/events', { id })),
    api.get<{ items: FindingRecord[]; groups: FindingGroup[] }>(path('/api/v1/decisions/{id}/findings', { id })).then((r) => r, () => ({ items: [], groups: [] })),
    fetchDeadlines(id).catch(() => [] as Deadline[]),
  ]);
  return { view, events, findings: findings.items, groups: findings.groups ?? [], deadlines };
}

export function DecisionPage() {
  const { id = '' } = useParams();
  const { t, tx } = useT();
  const ref = useReference();
  const user = useUser();
  const [data, setData] = useState<Loaded | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [open, setOpen] = useState<AllowedAction | null>(null);
  const [done, setDone] = useState('');
  const doneRef = useRef<HTMLParagraphElement>(null);
  // After an action, focus goes to its result (a screen reader hears it, the keyboard starts from it).
  useEffect(() => {
    if (done) doneRef.current?.focus();
  }, [done]);

  const reload = useCallback(() => {
    load(id).then(
      (d) => {
        setData(d);
        setError(null);
      },
      setError,
    );
  }, [id]);
  useEffect(reload, [reload]);

  if (error && !data) return <section className="page"><ProblemAlert error={error} /></section>;
  if (!data) return <section className="page"><Loading /></section>;
  const { view, events, findings, groups, deadlines } = data;
  const deadline = currentStageDeadline(deadlines, view.stage);
  const openFindings = findings.filter((f) => f.open);
  const actor = (e: StoredEvent) => {
    const m = e.metadata;
    const role = m.actorRole ? t(`role.${m.actorRole}` as MessageKey) : '';
    return t('decision.by', { who: e.actor.displayName, role, body: e.actor.bodyName ? tx(e.actor.bodyName) : m.actorBodyId ? ref.bodyName(m.actorBodyId) : '—' });
  };

  return (
    <section className="page" aria-labelledby="decision-title">
      <p className="breadcrumb">
        <Link to="/">{t('nav.board')}</Link> ›
      </p>
      <div className="page-head">
        <div>
          <span className={`kind kind--${view.kind}`}>{t(`kind.${view.kind}`)}</span>
          {view.caseNumber && <span className="case-number" data-testid="decision-case-number"> {view.caseNumber}</span>}
          <h1 id="decision-title" data-testid="decision-title">{view.content.title}</h1>
          <p className="meta">
            {t('decision.stage')}:{' '}
            <strong className="stage-pill" data-testid="decision-stage" data-stage={view.stage}>
              {ref.stageLabel(view.stage)}
            </strong>{' '}
            · {t('decision.version')} <span data-testid="decision-version">{view.version}</span>
            {view.revisionRound > 0 && <> · {t('decision.round', { n: view.revisionRound })}</>}
            {view.reviewer && (
              <> · {t('decision.reviewer')}: <span data-testid="decision-reviewer" title={view.reviewer.id}>{view.reviewer.displayName}</span></>
            )}
          </p>
        </div>
        {canAudit(user.role) && (
          <Link className="btn" to={`/audit/${view.id}`} data-testid="open-audit">
            {t('decision.audit')}
          </Link>
        )}
      </div>

      <div className="two-col">
        <div>
          <section className="card" aria-labelledby="actions-title" data-testid="actions">
            <h2 id="actions-title">{t('decision.actions')}</h2>
            {done && (
              <p className="alert alert--ok" role="status" data-testid="action-done" tabIndex={-1} ref={doneRef}>
                {done}
              </p>
            )}
            {!view.allowedActions.length && <p className="muted">{t('decision.noActions')}</p>}
            <div className="buttons">
              {view.allowedActions.map((a) => (
                <button
                  key={a.command}
                  type="button"
                  className={`btn${open?.command === a.command ? ' btn--primary' : ''}`}
                  aria-expanded={open?.command === a.command}
                  data-testid={`action-${a.command}`}
                  onClick={() => {
                    setDone('');
                    setOpen(open?.command === a.command ? null : a);
                  }}
                >
                  {tx(a.label)}
                </button>
              ))}
            </div>
            {open && (
              <ActionForm
                key={open.command}
                decisionId={view.id}
                command={open.command}
                label={open.label}
                version={view.version}
                content={view.content}
                kind={view.kind}
                onCancel={() => setOpen(null)}
                onReload={() => {
                  setOpen(null);
                  reload();
                }}
                onDone={() => {
                  setDone(t('action.done', { label: tx(open.label) }));
                  setOpen(null);
                  reload();
                }}
              />
            )}
          </section>

          <section className="card" aria-labelledby="content-title">
            <h2 id="content-title">{t('decision.content')}</h2>
            <DecisionContent view={view} />
          </section>

          <EvaluationsCard view={view} />
        </div>

        <div>
          <section className="card" aria-labelledby="deadline-title" data-testid="stage-deadline">
            <h2 id="deadline-title">{t('decision.deadline')}</h2>
            {!deadline ? (
              <p className="muted">{t('decision.noDeadline')}</p>
            ) : (
              <>
                <p>
                  <strong>{tx(deadline.title)}</strong>: {formatDate(deadline.dueOn)} <DeadlineBadge deadline={deadline} />
                </p>
                <p data-testid="deadline-explanation">{tx(deadline.explanation.summary)}</p>
                {deadline.explanation.notes.map((n, i) => (
                  <p key={i} className="muted">{tx(n)}</p>
                ))}
                {deadline.explanation.steps.length > 0 && (
                  <details>
                    <summary>{t('decision.howComputed')}</summary>
                    <ol className="steps">
                      {deadline.explanation.steps.map((s) => (
                        <li key={s.date} className={s.counted ? '' : 'muted'}>
                          {formatDate(s.date)}: {tx(s.reason)}
                        </li>
                      ))}
                    </ol>
                  </details>
                )}
              </>
            )}
          </section>

          <section className="card" aria-labelledby="findings-title" data-testid="findings">
            <h2 id="findings-title">
              {t('decision.findings')} <span className="count">{openFindings.length}</span>
            </h2>
            {!openFindings.length && <p className="muted">{t('decision.noFindings')}</p>}
            <ul className="plain findings">
              {groups.filter((g) => g.openCount > 0).map((g) => (
                <li key={g.rule.id} className={`finding finding--${g.severity}`} data-testid="finding-group" data-rule={g.rule.id}>
                  <span className={`badge badge--${g.severity}`}>{t(`severity.${g.severity}`)}</span> <strong>{tx(g.rule.title)}</strong>{' '}
                  <span className="count">{g.openCount}</span>
                  <div className="small muted">{t('decision.source')}: {g.rule.source || tx(RULE_SOURCES[g.rule.id]) || '—'}</div>
                  <ul className="plain">
                    {g.items.filter((f) => f.open).map((f) => (
                      <li key={f.findingId} data-testid="finding" data-rule={f.ruleId} data-severity={f.severity}>
                        {tx(f.message)}
                        {f.related && (
                          <>
                            {' '}{t('decision.relatedDecision')}{' '}
                            <Link to={`/decisions/${f.related.decisionId}`} data-testid="finding-related" title={f.related.title}>
                              {f.related.caseNumber ?? f.related.documentNumber ?? f.related.title}
                            </Link>
                          </>
                        )}
                        {typeof f.details?.powerId === 'string' && <> · {f.details.powerId}</>} · {formatDateTime(f.raisedAt)}
                      </li>
                    ))}
                  </ul>
                  <p className="small" data-testid="finding-resolve">{t('decision.howToResolve')}: {tx(g.rule.resolve)}</p>
                </li>
              ))}
            </ul>
          </section>

          <DecisionFiles decisionId={view.id} />

          <section className="card" aria-labelledby="timeline-title">
            <h2 id="timeline-title">{t('decision.timeline')}</h2>
            <ol className="timeline" data-testid="timeline">
              {events.map((e) => (
                <li key={e.streamVersion} data-testid="timeline-event" data-type={e.type}>
                  <time dateTime={e.occurredAt}>{formatDateTime(e.occurredAt)}</time>
                  <div className="who" title={e.actor.id} data-actor-id={e.actor.id}>{actor(e)}</div>
                  <div>{tx(e.description)}</div>
                </li>
              ))}
            </ol>
          </section>
        </div>
      </div>
    </section>
  );
}
