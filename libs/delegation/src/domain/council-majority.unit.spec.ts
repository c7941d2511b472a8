import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { cmd, eventsTo, given } from '../testing/fixtures.js';
import { PHAN_CAP_V1 } from '../workflows/registry.js';
import { decide } from './decide.js';

/** Law 72/2025 Art. 35.2: approved iff votes for exceed half of ALL delegates, whoever turned up. */
const awaiting = given(eventsTo('phan-cap', 'awaiting-council'));
const vote = (totalDelegates: number, votesFor: number, votesAgainst: number, abstentions: number) =>
  decide(
    cmd('record-council-vote', { session: 'Kỳ họp', sessionDate: '2026-03-20', totalDelegates, votesFor, votesAgainst, abstentions, reasons: ['Không đạt'] }, 'council-office'),
    awaiting,
    PHAN_CAP_V1,
  );

const validTally = fc
  .integer({ min: 1, max: 600 })
  .chain((total) =>
    fc.integer({ min: 0, max: total }).chain((votesFor) =>
      fc.integer({ min: 0, max: total - votesFor }).chain((votesAgainst) =>
        fc.integer({ min: 0, max: total - votesFor - votesAgainst }).map((abstentions) => ({ total, votesFor, votesAgainst, abstentions })),
      ),
    ),
  );

describe('HĐND majority of all delegates', () => {
  it('approves iff votesFor * 2 > totalDelegates, for every valid split', () => {
    fc.assert(
      fc.property(validTally, ({ total, votesFor, votesAgainst, abstentions }) => {
        const result = vote(total, votesFor, votesAgainst, abstentions);
        if (!result.ok) return false;
        const data = result.events[0]!.data as { outcome: string };
        return data.outcome === (votesFor * 2 > total ? 'approved' : 'rejected');
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any tally that counts more votes than delegates', () => {
    fc.assert(
      fc.property(validTally, fc.integer({ min: 1, max: 50 }), ({ total, votesFor, votesAgainst, abstentions }, extra) => {
        const result = vote(total, votesFor, votesAgainst, abstentions + (total - votesFor - votesAgainst - abstentions) + extra);
        return !result.ok && result.refusal.kind === 'rule-violated' && result.refusal.rule.id === 'council-vote-counts-valid';
      }),
    );
  });

  it('rejects exactly half, and approves half plus one', () => {
    expect(vote(50, 25, 0, 0)).toMatchObject({ ok: true, events: [{ data: { outcome: 'rejected' } }] });
    expect(vote(50, 26, 0, 0)).toMatchObject({ ok: true, events: [{ data: { outcome: 'approved' } }] });
    expect(vote(51, 26, 25, 0)).toMatchObject({ ok: true, events: [{ data: { outcome: 'approved' } }] });
  });
});
