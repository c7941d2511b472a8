import { describe, expect, it } from '@jest/globals';
import { cmd, decision, eventsTo, ID, validData } from '../testing/fixtures.js';
import { holdingsOf } from '../registry/holdings.js';
import type { DecisionEvent } from './events.js';

/** The 1 July 2025 reorganisation: a delegation to or from a body that ceased moves to its successor. */
describe('reassign', () => {
  const data = { fromBodyId: 'ubnd-xa-long-duc', toBodyId: 'ubnd-xa-moi', effectiveFrom: '2026-07-01', documentNumber: '40/2026/QĐ-UBND', reason: 'Sắp xếp đơn vị hành chính' };

  it.each(['phan-cap', 'uy-quyen'] as const)('given an issued %s, when the delegate is re-assigned, then the content and registry move from that day', (kind) => {
    const events = eventsTo(kind, 'issued');
    const reassigned: DecisionEvent = { type: 'DecisionReassigned', data: { ...data, side: 'delegate' } };
    const next = decision
      .given(events)
      .when(cmd('reassign', data, 'system'))
      .then([reassigned])
      .thenState({ stage: 'issued', content: { delegateBodyId: 'ubnd-xa-moi', delegatorBodyId: 'ubnd-tinh' } });
    expect(next.reassignments).toEqual([{ ...data, side: 'delegate' }]);
    const h = holdingsOf([...events, reassigned]);
    expect(h.map((x) => [x.holderBodyId, x.validFrom, x.validTo])).toEqual([
      ['ubnd-xa-long-duc', '2026-04-15', '2026-07-01'],
      ['ubnd-xa-moi', '2026-07-01', kind === 'uy-quyen' ? '2027-01-01' : null],
    ]);
  });

  it('re-assigns the delegator side when the delegator ceased', () => {
    const when = decision.given(eventsTo('phan-cap', 'issued')).when(cmd('reassign', { ...data, fromBodyId: 'ubnd-tinh', toBodyId: 'ubnd-tinh-moi' }, 'admin'));
    expect(when.thenAccepts()).toMatchObject([{ type: 'DecisionReassigned', data: { side: 'delegator' } }]);
    when.thenState({ content: { delegatorBodyId: 'ubnd-tinh-moi', delegateBodyId: 'ubnd-xa-long-duc' } });
  });

  it('is refused to other roles and outside the issued stage', () => {
    const issued = decision.given(eventsTo('uy-quyen', 'issued'));
    issued.when(cmd('reassign', data, 'committee-office')).thenRefuses('role-not-allowed', { allowedRoles: ['admin', 'system'] });
    decision.given(eventsTo('uy-quyen', 'approved')).when(cmd('reassign', data, 'admin')).thenRefuses('command-not-allowed-in-stage', { allowedStages: ['issued'] });
    expect(validData('reassign', 'phan-cap')).toEqual(data);
    expect(issued.state.id).toBe(ID);
  });
});
