import { describe, expect, it } from '@jest/globals';
import { BUILT_IN_SCHEDULES, WorkingCalendar } from '@app/calendar';
import { provisionalOf } from './provisional.js';

describe('provisional deadlines', () => {
  const calendar = new WorkingCalendar([...BUILT_IN_SCHEDULES]); // official through 2026
  const open = { status: 'open', remindOn: '2026-12-30', dueOn: '2027-01-19' };

  it('a stage counted from 2026 into 2027 depends on every year from its start', () => {
    expect(provisionalOf(calendar, { ...open, kind: 'stage', startsOn: '2026-12-28' })?.years).toEqual([2027]);
    expect(provisionalOf(calendar, { ...open, kind: 'stage', startsOn: '2026-12-28', dueOn: '2028-03-01' })?.years).toEqual([2027, 2028]);
    expect(provisionalOf(calendar, { kind: 'stage', status: 'open', startsOn: '2026-03-02', remindOn: '2026-03-18', dueOn: '2026-03-20' })).toBeUndefined();
  });

  it('a fixed-date obligation depends only on the days from its reminder to its due day', () => {
    // A report of a delegation in effect since 2020, due in 2026: not provisional, whatever its start.
    expect(provisionalOf(calendar, { kind: 'report', status: 'open', startsOn: '2020-01-01', remindOn: '2026-06-11', dueOn: '2026-06-14' })).toBeUndefined();
    expect(provisionalOf(calendar, { kind: 'report', status: 'open', startsOn: '2026-01-01', remindOn: '2027-03-11', dueOn: '2027-03-14' })?.years).toEqual([2027]);
  });

  it('a closed deadline is what it was: never provisional', () => {
    expect(provisionalOf(calendar, { ...open, kind: 'stage', startsOn: '2026-12-28', status: 'met' })).toBeUndefined();
  });

  it('names the years in both languages', () => {
    const p = provisionalOf(calendar, { ...open, kind: 'stage', startsOn: '2026-12-28' })!;
    expect(p.reason.vi).toMatch(/^Tạm tính: chưa có lịch nghỉ chính thức năm 2027/);
    expect(p.reason.en).toMatch(/^Provisional: no official schedule of days off for 2027/);
    expect(p.reason.vi).toBe(p.reason.vi.normalize('NFC'));
  });
});
