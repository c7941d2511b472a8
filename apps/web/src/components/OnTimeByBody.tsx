import { CartesianGrid, Legend, Line, LineChart, ResponsiveContainer, Tooltip, XAxis, YAxis } from 'recharts';

const COLOURS = ['#1f3a68', '#b3261e', '#2e7d32', '#8a5a00', '#5b3f8f'];

export interface BodyMonth {
  bodyId: string;
  /** YYYY-MM, the month the stages closed. */
  month: string;
  met: number;
  late: number;
}

/**
 * On-time rate per responsible body, month by month (the month a stage closed), from the server's
 * counts: the share of stages finished by their deadline. Only the `top` bodies with the most finished
 * stages are drawn.
 */
export function onTimeByBodyOverTime(cells: BodyMonth[], top = 4): { months: Array<Record<string, number | string>>; bodies: string[] } {
  const volume = new Map<string, number>();
  for (const c of cells) volume.set(c.bodyId, (volume.get(c.bodyId) ?? 0) + c.met + c.late);
  const bodies = [...volume.entries()].filter(([, n]) => n > 0).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, top).map(([b]) => b);
  const monthKeys = [...new Set(cells.map((c) => c.month))].sort();
  const months = monthKeys.map((m) => {
    const row: Record<string, number | string> = { name: `${m.slice(5, 7)}/${m.slice(0, 4)}` };
    for (const b of bodies) {
      const c = cells.find((x) => x.month === m && x.bodyId === b);
      if (c && c.met + c.late) row[b] = Math.round((100 * c.met) / (c.met + c.late));
    }
    return row;
  });
  return { months, bodies };
}

export function OnTimeByBodyChart({ id, title, cells, bodyName, empty }: { id: string; title: string; cells: BodyMonth[]; bodyName: (id: string) => string; empty: string }) {
  const { months, bodies } = onTimeByBodyOverTime(cells);
  return (
    <section className="card chart" aria-labelledby={id} data-testid={id}>
      <h2 id={id}>{title}</h2>
      {!bodies.length ? <p className="muted chart-empty" data-testid="chart-empty">{empty}</p> : (
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
      )}
    </section>
  );
}
