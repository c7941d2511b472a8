import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api/client';
import type { DecisionSummary } from '../api/types';
import { Loading, ProblemAlert } from '../components/ProblemAlert';
import { OnTimeByBodyChart } from '../components/OnTimeByBody';
import { formatDate } from '../format';
import { useT, type MessageKey } from '../i18n';
import { useReference } from '../reference';
import { RULE_TITLES } from '../rules';

const NAVY = '#1f3a68';
const RED = '#b3261e';
const GREEN = '#2e7d32';

const percent = (rate: number | null) => (rate === null ? '—' : `${Math.round(rate * 100)}%`);

function Chart({ id, title, data, children, empty }: { id: string; title: string; data: object[]; children: ReactNode; empty: string }) {
  return (
    <section className="card chart" aria-labelledby={id} data-testid={id} data-points={data.length}>
      <h2 id={id}>{title}</h2>
      {!data.length ? (
        <p className="muted chart-empty" data-testid="chart-empty">{empty}</p>
      ) : (
        <>
          <div style={{ width: '100%', height: 260 }}>
            <ResponsiveContainer>
              <BarChart data={data} margin={{ top: 8, right: 8, left: 0, bottom: 8 }}>
                <CartesianGrid strokeDasharray="3 3" />
                <XAxis dataKey="name" interval={0} tick={{ fontSize: 10 }} angle={-20} textAnchor="end" height={50} />
                <YAxis allowDecimals={false} />
                <Tooltip />
                {children}
              </BarChart>
            </ResponsiveContainer>
          </div>
          <table className="sr-only">
            <caption>{title}</caption>
            <tbody>
              {data.map((d, i) => (
                <tr key={i}>{Object.values(d).map((v, j) => <td key={j}>{String(v)}</td>)}</tr>
              ))}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}

/** The dashboard: every figure counted by the server over every decision in scope (GET /api/v1/decisions/summary). */
export function DashboardPage() {
  const { t, tx } = useT();
  const ref = useReference();
  const [s, setS] = useState<DecisionSummary | null>(null);
  const [error, setError] = useState<unknown>(null);

  useEffect(() => {
    api.get<DecisionSummary>('/api/v1/decisions/summary').then(setS, setError);
  }, []);

  const count = t('dash.count');
  const byStage = useMemo(() => (s && s.total ? s.byStage.map((x) => ({ name: ref.stageLabel(x.stage), [count]: x.count })) : []), [s, ref, count]);
  const bySector = useMemo(() => (s?.bySector ?? []).map((x) => ({ name: ref.sectorLabel(x.sector), [count]: x.count })), [s, ref, count]);
  const byRule = useMemo(() => (s?.findingsByRule ?? []).map((x) => ({ name: RULE_TITLES[x.ruleId] ? tx(RULE_TITLES[x.ruleId]) : x.ruleId, [t('decision.findings')]: x.count })), [s, t, tx]);
  const onTime = useMemo(() => (s?.onTime.byStage ?? []).map((x) => ({
    name: ref.stageLabel(x.stage), [t('dash.met')]: x.met, [t('dash.late')]: x.late, [t('dash.rate')]: percent(x.rate),
  })), [s, ref, t]);

  return (
    <section className="page page--wide" aria-labelledby="dash-title">
      <h1 id="dash-title">{t('dash.title')}</h1>
      <ProblemAlert error={error} />
      {(!s || !ref.ready) && !error && <Loading />}
      {s && ref.ready && (
        <>
          <dl className="figures" data-testid="dash-figures">
            <div><dt>{t('dash.total')}</dt><dd data-testid="dash-total">{s.total}</dd></div>
            <div><dt>{t('dash.open')}</dt><dd data-testid="dash-open">{s.open}</dd></div>
            <div><dt>{t('dash.overdue')}</dt><dd data-testid="dash-overdue">{s.overdue}</dd></div>
            <div><dt>{t('dash.rate')}</dt><dd data-testid="dash-rate">{percent(s.onTime.rate)}</dd></div>
          </dl>
          <div className="dash-grid">
            <Chart id="chart-stage" title={t('dash.byStage')} data={byStage} empty={t('dash.noData')}>
              <Bar dataKey={count} fill={NAVY} />
            </Chart>
            <Chart id="chart-sector" title={t('dash.bySector')} data={bySector} empty={t('dash.noData')}>
              <Bar dataKey={count} fill={NAVY} />
            </Chart>
            <Chart id="chart-findings" title={t('dash.findingsByRule')} data={byRule} empty={t('dash.noData')}>
              <Bar dataKey={t('decision.findings')} fill={RED} />
            </Chart>
            <Chart id="chart-ontime" title={t('dash.onTime')} data={onTime} empty={t('dash.noData')}>
              <Legend />
              <Bar dataKey={t('dash.met')} stackId="a" fill={GREEN} />
              <Bar dataKey={t('dash.late')} stackId="a" fill={RED} />
            </Chart>
            <OnTimeByBodyChart id="chart-ontime-body" title={t('dash.onTimeByBody')} cells={s.onTime.byBodyMonth} bodyName={(id) => ref.bodyName(id)} empty={t('dash.noData')} />
            <section className="card" aria-labelledby="reports-title" data-testid="reports-due">
              <h2 id="reports-title">{t('dash.reportsDue', { q: s.quarter.quarter, y: s.quarter.year })}</h2>
              {!s.reportsDue.length ? (
                <p className="muted">{t('dash.noReports')}</p>
              ) : (
                <div className="table-wrap">
                  <table>
                    <thead>
                      <tr><th scope="col">{t('decision.content')}</th><th scope="col">{t('dash.due')}</th><th scope="col">{t('dash.status')}</th></tr>
                    </thead>
                    <tbody>
                      {s.reportsDue.map((r) => (
                        <tr key={r.deadlineId}>
                          <td><Link to={`/decisions/${r.decisionId}`}>{r.caseNumber ? `${r.caseNumber} · ` : ''}{r.decisionTitle}</Link> — {tx(r.title)}</td>
                          <td>{formatDate(r.dueOn)}</td>
                          <td>{t(`status.${r.status}` as MessageKey)}</td>
                        </tr>
                      ))}
                    </tbody>
                  </table>
                </div>
              )}
            </section>
          </div>
        </>
      )}
    </section>
  );
}
