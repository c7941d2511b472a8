import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';
import type { Deadline } from '../api/types';

const COLOURS = ['#1f3a68', '#b3261e', '#2e7d32', '#8a5a00', '#5b3f8f'];

/**
 * On-time rate per responsible body, month by month (the month a stage closed): the share of stages
 * finished by their deadline. Only the `top` bodies with the most finished stages are drawn.
 */
export function onTimeByBodyOverTime(deadlines: Deadline[], top = 4): { months: Array<Record<string, number | string>>; bodies: string[] } {
  const finished = deadlines.filter((d) => d.kind === 'stage' && (d.status === 'met' || d.status === 'late') && d.closedOn && d.responsibleBodyId);
  const volume = new Map<string, number>();
  for (const d of finished) volume.set(d.responsibleBodyId!, (volume.get(d.responsibleBodyId!) ?? 0) + 1);
  const bodies = [...volume.entries()].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top).map(([b]) => b);
  const cells = new Map<string, { met: number; all: number }>();
  for (const d of finished) {
    if (!bodies.includes(d.responsibleBodyId!)) continue;
    const key = `${d.closedOn!.slice(0, 7)}|${d.responsibleBodyId}`;
    const c = cells.get(key) ?? { met: 0, all: 0 };
    c.all++;
    if (d.status === 'met') c.met++;
    cells.set(key, c);
  }
  const monthKeys = [...new Set(finished.map((d) => d.closedOn!.slice(0, 7)))].sort();
  const months = monthKeys.map((m) => {
    const row: Record<string, number | string> = { name: `${m.slice(5, 7)}/${m.slice(0, 4)}` };
    for (const b of bodies) {
      const c = cells.get(`${m}|${b}`);
      if (c) row[b] = Math.round((100 * c.met) / c.all);
    }
    return row;
  });
  return { months, bodies };
}

export function OnTimeByBodyChart({ id, title, deadlines, bodyName }: { id: string; title: string; deadlines: Deadline[]; bodyName: (id: string) => string }) {
  const { months, bodies } = onTimeByBodyOverTime(deadlines);
  return (
    <section className="card chart" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      <div style={{ width: '100%', height: 260 }}>
        <ResponsiveContainer>
          <LineChart data={months} margin={{ top: 8, right: 8, left: 0, bottom: 8 }}>
            <CartesianGrid strokeDasharray="3 3" />
            <XAxis dataKey="name" tick={{ fontSize: 11 }} />
            <YAxis domain={[0, 100]} unit="%" />
            <Tooltip />
            <Legend />
            {bodies.map((b, i) => (
              <Line key={b} type="monotone" dataKey={b} name={bodyName(b)} stroke={COLOURS[i % COLOURS.length]} connectNulls />
            ))}
          </LineChart>
        </ResponsiveContainer>
      </div>
    </section>
  );
}
