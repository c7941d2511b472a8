import { describe, expect, it } from '@jest/globals';
import { cmd, eventsTo, given, ID, validData } from '../testing/fixtures.js';
import { currentWorkflow } from '../workflows/registry.js';
import { decide } from './decide.js';
import { evolve } from './evolve.js';
import { holdingsOf } from '../registry/holdings.js';
import type { DecisionEvent } from './events.js';

/** The 1 July 2025 reorganisation: a delegation to or from a body that ceased moves to its successor. */
describe('reassign', () => {
  const data = { fromBodyId: 'ubnd-xa-long-duc', toBodyId: 'ubnd-xa-moi', effectiveFrom: '2026-07-01', documentNumber: '40/2026/QĐ-UBND', reason: 'Sắp xếp đơn vị hành chính' };

  it.each(['phan-cap', 'uy-quyen'] as const)('given an issued %s, when the delegate is re-assigned, then the content and registry move from that day', (kind) => {
    const events = eventsTo(kind, 'issued');
    const state = given(events);
    const result = decide(cmd('reassign', data, 'system'), state, currentWorkflow(kind));
    expect(result).toEqual({ ok: true, events: [{ type: 'DecisionReassigned', data: { ...data, side: 'delegate' } }] });
    const next = evolve(state, (result as { events: DecisionEvent[] }).events[0], { occurredAt: '2026-06-20T00:00:00.000Z', version: state.version + 1 });
    expect(next.stage).toBe('issued');
    expect(next.content.delegateBodyId).toBe('ubnd-xa-moi');
    expect(next.content.delegatorBodyId).toBe('ubnd-tinh');
    expect(next.reassignments).toEqual([{ ...data, side: 'delegate' }]);
    const h = holdingsOf([...events, ...(result as { events: DecisionEvent[] }).events]);
    expect(h.map((x) => [x.holderBodyId, x.validFrom, x.validTo])).toEqual([
      ['ubnd-xa-long-duc', '2026-04-15', '2026-07-01'],
      ['ubnd-xa-moi', '2026-07-01', kind === 'uy-quyen' ? '2027-01-01' : null],
    ]);
  });

  it('re-assigns the delegator side when the delegator ceased', () => {
    const state = given(eventsTo('phan-cap', 'issued'));
    const result = decide(cmd('reassign', { ...data, fromBodyId: 'ubnd-tinh', toBodyId: 'ubnd-tinh-moi' }, 'admin'), state, currentWorkflow('phan-cap'));
    expect(result).toMatchObject({ ok: true, events: [{ type: 'DecisionReassigned', data: { side: 'delegator' } }] });
    const next = evolve(state, (result as { events: DecisionEvent[] }).events[0], { occurredAt: '2026-06-20T00:00:00.000Z', version: state.version + 1 });
    expect(next.content).toMatchObject({ delegatorBodyId: 'ubnd-tinh-moi', delegateBodyId: 'ubnd-xa-long-duc' });
  });

  it('is refused to other roles and outside the issued stage', () => {
    const issued = given(eventsTo('uy-quyen', 'issued'));
    expect(decide(cmd('reassign', data, 'committee-office'), issued, currentWorkflow('uy-quyen'))).toMatchObject({
      ok: false, refusal: { kind: 'role-not-allowed', allowedRoles: ['admin', 'system'] },
    });
    expect(decide(cmd('reassign', data, 'admin'), given(eventsTo('uy-quyen', 'approved')), currentWorkflow('uy-quyen'))).toMatchObject({
      ok: false, refusal: { kind: 'command-not-allowed-in-stage', allowedStages: ['issued'] },
    });
    expect(validData('reassign', 'phan-cap')).toEqual(data);
    expect(issued.id).toBe(ID);
  });
});
