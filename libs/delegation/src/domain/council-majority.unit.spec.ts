import { describe, expect, it } from '@jest/globals';
import fc from 'fast-check';
import { cmd, decision, eventsTo } from '../testing/fixtures.js';

/** Law 72/2025 Art. 35.2: approved iff votes for exceed half of ALL delegates, whoever turned up. */
const awaiting = decision.given(eventsTo('phan-cap', 'awaiting-council'));
const vote = (totalDelegates: number, votesFor: number, votesAgainst: number, abstentions: number) =>
  awaiting.when(
    cmd('record-council-vote', { session: 'Kỳ họp', sessionDate: '2026-03-20', totalDelegates, votesFor, votesAgainst, abstentions, reasons: ['Không đạt'] }, 'council-office'),
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
        const [recorded] = vote(total, votesFor, votesAgainst, abstentions).thenAccepts();
        return (recorded!.data as { outcome: string }).outcome === (votesFor * 2 > total ? 'approved' : 'rejected');
      }),
      { numRuns: 2000 },
    );
  });

  it('refuses any tally that counts more votes than delegates', () => {
    fc.assert(
      fc.property(validTally, fc.integer({ min: 1, max: 50 }), ({ total, votesFor, votesAgainst, abstentions }, extra) => {
        vote(total, votesFor, votesAgainst, abstentions + (total - votesFor - votesAgainst - abstentions) + extra)
          .thenRefuses('council-vote-counts-valid', { kind: 'rule-violated' });
      }),
    );
  });

  it('rejects exactly half, and approves half plus one', () => {
    expect(vote(50, 25, 0, 0).thenAccepts()).toMatchObject([{ data: { outcome: 'rejected' } }]);
    expect(vote(50, 26, 0, 0).thenAccepts()).toMatchObject([{ data: { outcome: 'approved' } }]);
    expect(vote(51, 26, 25, 0).thenAccepts()).toMatchObject([{ data: { outcome: 'approved' } }]);
  });
});
