import { useEffect, useMemo, useState, type ReactNode } from 'react';
import { Link } from 'react-router-dom';
import { Bar, BarChart, CartesianGrid, Legend, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import { api } from '../api/client';
import type { Deadline, DecisionListItem, FindingRecord, Page } from '../api/types';
import { Loading, ProblemAlert } from '../components/ProblemAlert';
import { fetchManyDeadlines } from '../deadlines';
import { formatDate, quarterOf, vietnamDate } from '../format';
import { useT, type MessageKey } from '../i18n';
import { useReference } from '../reference';
import { fetchDecisions } from './BoardPage';
import { OnTimeByBodyChart } from '../components/OnTimeByBody';

const NAVY = '#1f3a68';
const RED = '#b3261e';
const GREEN = '#2e7d32';

function countBy<T>(xs: T[], key: (x: T) => string): Array<{ name: string; value: number }> {
  const m = new Map<string, number>();
  for (const x of xs) m.set(key(x), (m.get(key(x)) ?? 0) + 1);
  return [...m.entries()].map(([name, value]) => ({ name, value }));
}

function Chart({ id, title, data, children }: { id: string; title: string; data: object[]; children: ReactNode }) {
  return (
    <section className="card chart" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
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
    </section>
  );
}

export function DashboardPage() {
  const { t, tx } = useT();
  const ref = useReference();
  const [items, setItems] = useState<DecisionListItem[] | null>(null);
  const [findings, setFindings] = useState<FindingRecord[]>([]);
  const [deadlines, setDeadlines] = useState<Record<string, Deadline[]>>({});
  const [error, setError] = useState<unknown>(null);
  const today = vietnamDate();
  const q = quarterOf(today);

  useEffect(() => {
    fetchDecisions().then((xs) => {
      setItems(xs);
      void fetchManyDeadlines(xs.map((d) => d.id)).then(setDeadlines);
    }, setError);
    api.get<Page<FindingRecord>>('/api/v1/findings', { open: true, limit: 200 }).then((p) => setFindings(p.items), () => undefined);
  }, []);

  const byStage = useMemo(() => countBy(items ?? [], (d) => d.stage).map((x) => ({ ...x, name: ref.stageLabel(x.name) })), [items, ref]);
  const bySector = useMemo(() => countBy(items ?? [], (d) => d.sector).map((x) => ({ ...x, name: ref.sectorLabel(x.name) })), [items, ref]);
  const byRule = useMemo(() => countBy(findings, (f) => f.ruleId), [findings]);
  const all = useMemo(() => Object.values(deadlines).flat(), [deadlines]);
  const onTime = useMemo(() => {
    const m = new Map<string, { met: number; late: number }>();
    for (const d of all) {
      if (d.kind !== 'stage' || (d.status !== 'met' && d.status !== 'late')) continue;
      const e = m.get(d.subject) ?? { met: 0, late: 0 };
      e[d.status]++;
      m.set(d.subject, e);
    }
    return ref.stageOrder.filter((s) => m.has(s)).map((s) => {
      const e = m.get(s)!;
      return { name: ref.stageLabel(s), [t('dash.met')]: e.met, [t('dash.late')]: e.late, rate: `${Math.round((100 * e.met) / (e.met + e.late))}%` };
    });
  }, [all, ref, t]);
  const reports = Object.entries(deadlines)
    .flatMap(([decisionId, ds]) => ds.filter((d) => d.kind === 'report' && d.dueOn >= q.from && d.dueOn <= q.to).map((d) => ({ ...d, decisionId })))
    .sort((a, b) => a.dueOn.localeCompare(b.dueOn));
  const titleOf = (id: string) => items?.find((d) => d.id === id)?.title ?? id;

  return (
    <section className="page page--wide" aria-labelledby="dash-title">
      <h1 id="dash-title">{t('dash.title')}</h1>
      <ProblemAlert error={error} />
      {!items && !error && <Loading />}
      {items && (
        <div className="dash-grid">
          <Chart id="chart-stage" title={t('dash.byStage')} data={byStage}>
            <Bar dataKey="value" name={t('dash.count')} fill={NAVY} />
          </Chart>
          <Chart id="chart-sector" title={t('dash.bySector')} data={bySector}>
            <Bar dataKey="value" name={t('dash.count')} fill={NAVY} />
          </Chart>
          <Chart id="chart-findings" title={t('dash.findingsByRule')} data={byRule}>
            <Bar dataKey="value" name={t('decision.findings')} fill={RED} />
          </Chart>
          <Chart id="chart-ontime" title={t('dash.onTime')} data={onTime}>
            <Legend />
            <Bar dataKey={t('dash.met')} stackId="a" fill={GREEN} />
            <Bar dataKey={t('dash.late')} stackId="a" fill={RED} />
          </Chart>
          <OnTimeByBodyChart id="chart-ontime-body" title={t('dash.onTimeByBody')} deadlines={all} bodyName={(id) => ref.bodyName(id)} />
          <section className="card" aria-labelledby="reports-title" data-testid="reports-due">
            <h2 id="reports-title">{t('dash.reportsDue', { q: q.quarter, y: q.year })}</h2>
            {!reports.length ? (
              <p className="muted">{t('dash.noReports')}</p>
            ) : (
              <div className="table-wrap">
                <table>
                  <thead>
                    <tr><th scope="col">{t('decision.content')}</th><th scope="col">{t('dash.due')}</th><th scope="col">{t('dash.status')}</th></tr>
                  </thead>
                  <tbody>
                    {reports.map((r) => (
                      <tr key={r.id}>
                        <td><Link to={`/decisions/${r.decisionId}`}>{titleOf(r.decisionId)}</Link> — {tx(r.title)}</td>
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
      )}
    </section>
  );
}
