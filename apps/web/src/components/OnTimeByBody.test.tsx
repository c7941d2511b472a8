import { describe, expect, it } from 'vitest';
import type { Deadline } from '../api/types';
import { onTimeByBodyOverTime } from './OnTimeByBody';

const stage = (body: string, status: 'met' | 'late' | 'open', closedOn: string | null): Deadline => ({
  id: `${body}${closedOn}${status}${Math.random()}`, kind: 'stage', subject: 'in-appraisal', title: { vi: '', en: '' }, startsOn: '2026-01-01',
  dueOn: '2026-01-10', remindOn: '2026-01-08', escalateOn: '2026-01-11', responsibleRole: 'reviewer', responsibleBodyId: body,
  responsibleUserId: null, status, closedOn, explanation: { summary: { vi: '', en: '' }, steps: [], notes: [] },
});

describe('on-time rate per body over time', () => {
  it('gives each body its share of stages finished on time, month by month', () => {
    const { months, bodies } = onTimeByBodyOverTime([
      stage('snv', 'met', '2026-01-05'), stage('snv', 'late', '2026-01-20'), stage('snv', 'met', '2026-02-03'),
      stage('stp', 'late', '2026-02-10'), stage('stp', 'open', null),
    ]);
    expect(bodies).toEqual(['snv', 'stp']);
    expect(months).toEqual([
      { name: '01/2026', snv: 50 },
      { name: '02/2026', snv: 100, stp: 0 },
    ]);
  });
});
