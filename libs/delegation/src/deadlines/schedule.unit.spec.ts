import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { BUILT_IN_SCHEDULES, WorkingCalendar } from '@app/calendar';
import type { DecisionEvent } from '../domain/events.js';
import { evolve } from '../domain/evolve.js';
import { eventsTo, ID } from '../testing/fixtures.js';
import { currentWorkflow } from '../workflows/registry.js';
import { deadlinesOf, deadlinesOfClock, OPEN_ENDED_HORIZON_YEARS, stageClock, startClock, type ScheduleInputs } from './schedule.js';

const calendar = new WorkingCalendar([...BUILT_IN_SCHEDULES]);
const inputs = (kind: 'phan-cap' | 'uy-quyen'): ScheduleInputs => ({
  workflow: currentWorkflow(kind), calendar, bodyOfRole: (role) => `body-of-${role}`, reminderLeadWorkingDays: 2, expiryWarningDays: 30,
});
/** One working day apart (Mondays to Fridays of March 2026, 09:00 in Vietnam). */
const timed = (events: DecisionEvent[]) => events.map((event, i) => {
  const day = new Date(Date.UTC(2026, 2, 2 + i + 2 * Math.floor(i / 5), 2));
  return { event, occurredAt: day.toISOString(), version: i + 1 };
});

/** A phân cấp with revision rounds, then issued. */
function withRounds(rounds: number): DecisionEvent[] {
  const start = eventsTo('phan-cap', 'in-appraisal');
  const loops = Array.from({ length: rounds }, (_, r): DecisionEvent[] => [
    { type: 'RevisionRequested', data: { round: r + 1, reasons: ['Bổ sung'] } },
    { type: 'ProposalResubmitted', data: { round: r + 1, changes: {}, response: 'Đã bổ sung' } },
  ]).flat();
  return [...start, ...loops, ...eventsTo('phan-cap', 'issued').slice(start.length - 1 + 1)];
}

describe('the deadline schedule is a function of the stream', () => {
  it('goes on from any point of the stream to the same schedule as folding it whole', () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: 6 }), fc.nat(), (rounds, cut) => {
      const events = timed(withRounds(rounds));
      const split = cut % (events.length + 1);
      const whole = deadlinesOf({ ...inputs('phan-cap'), events });
      const prefix = stageClock(events.slice(0, split), inputs('phan-cap'), startClock(ID));
      const resumed = deadlinesOfClock(stageClock(events.slice(split), inputs('phan-cap'), prefix), inputs('phan-cap'));
      expect(resumed).toEqual(whole);
    }));
  });

  it('gives the same schedule from the states the caller folded as from folding the events itself', () => {
    const events = timed(withRounds(3));
    let state = startClock(ID).state;
    const folded = events.map((e) => ({ ...e, state: (state = evolve(state, e.event, e)) }));
    expect(deadlinesOf({ ...inputs('phan-cap'), events: folded })).toEqual(deadlinesOf({ ...inputs('phan-cap'), events }));
  });

  it('leaves the clock it went on from as it was', () => {
    const events = timed(withRounds(2));
    const prefix = stageClock(events.slice(0, 4), inputs('phan-cap'), startClock(ID));
    const copy = structuredClone(prefix);
    stageClock(events.slice(4), inputs('phan-cap'), prefix);
    expect(prefix).toEqual(copy);
  });

  it('pauses the appraisal clock for each revision round and resumes it with the days left', () => {
    const rows = deadlinesOf({ ...inputs('phan-cap'), events: timed(withRounds(2)) }).filter((r) => r.subject === 'in-appraisal');
    expect(rows.map((r) => r.status)).toEqual(['paused', 'paused', 'met']);
    expect(rows[1].notes[0].en).toMatch(/working days were left/);
  });

  it('schedules the reports and evaluations of an open-ended phân cấp for ten years, and of an ủy quyền to its end', () => {
    const open = deadlinesOf({ ...inputs('phan-cap'), events: timed(eventsTo('phan-cap', 'issued')) });
    const reports = open.filter((r) => r.kind === 'report');
    const evaluations = open.filter((r) => r.kind === 'evaluation');
    expect(evaluations).toHaveLength(OPEN_ENDED_HORIZON_YEARS);
    expect(reports.at(-1)!.dueOn.slice(0, 4)).toBe(String(2026 + OPEN_ENDED_HORIZON_YEARS - 1));
    const bounded = deadlinesOf({ ...inputs('uy-quyen'), events: timed(eventsTo('uy-quyen', 'issued')) });
    expect(bounded.filter((r) => r.kind === 'report').every((r) => r.dueOn <= '2026-12-31')).toBe(true);
    expect(bounded.filter((r) => r.kind === 'period-end')).toEqual([expect.objectContaining({ dueOn: '2026-12-31', status: 'open' })]);
  });
});
