import { describe, expect, it } from 'vitest';
import { onTimeByBodyOverTime } from './OnTimeByBody';

describe('on-time rate per body over time', () => {
  it('gives each body its share of stages finished on time, month by month, from the server\'s counts', () => {
    const { months, bodies } = onTimeByBodyOverTime([
      { bodyId: 'snv', month: '2026-01', met: 1, late: 1 },
      { bodyId: 'snv', month: '2026-02', met: 1, late: 0 },
      { bodyId: 'stp', month: '2026-02', met: 0, late: 1 },
    ]);
    expect(bodies).toEqual(['snv', 'stp']);
    expect(months).toEqual([
      { name: '01/2026', snv: 50 },
      { name: '02/2026', snv: 100, stp: 0 },
    ]);
  });

  it('draws only the busiest bodies', () => {
    const cells = ['a', 'b', 'c', 'd', 'e'].map((bodyId, i) => ({ bodyId, month: '2026-03', met: i + 1, late: 0 }));
    expect(onTimeByBodyOverTime(cells, 2).bodies).toEqual(['e', 'd']);
  });
});
