import type { DecisionEvent } from '../domain/events.js';
import type { DecisionKind, IsoDate, ProposalContent } from '../domain/types.js';

/** A body holds a power by delegation over [validFrom, validTo): validTo exclusive, null = open-ended. */
export interface Holding {
  powerId: string;
  holderBodyId: string;
  delegatorBodyId: string;
  kind: DecisionKind;
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

export function nextDay(date: IsoDate): IsoDate {
  const d = new Date(`${date}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
}

const earlier = (a: IsoDate | null, b: IsoDate | null): IsoDate | null => (a === null ? b : b === null ? a : a < b ? a : b);

/**
 * The validity intervals a decision's events give its delegate over its powers: opened at issuance,
 * split by each amendment (a changed delegate or set of powers applies from the amendment's date) and
 * each re-assignment to a successor body,
 * closed by revocation or by an ủy quyền's period end. Pure: the registry projection stores the result.
 */
export function holdingsOf(events: readonly DecisionEvent[]): Holding[] {
  let kind: DecisionKind = 'phan-cap';
  let content: ProposalContent | undefined;
  let open: Holding[] = [];
  const closed: Holding[] = [];
  const closeAt = (day: IsoDate | null) => {
    closed.push(...open.map((h) => ({ ...h, validTo: earlier(h.validTo, day) })));
    open = [];
  };
  const openFrom = (from: IsoDate) => {
    if (!content) return;
    const until = kind === 'uy-quyen' && content.period ? nextDay(content.period.to) : null;
    open = content.powerIds.map((powerId) => ({
      powerId, holderBodyId: content!.delegateBodyId, delegatorBodyId: content!.delegatorBodyId, kind, validFrom: from, validTo: until,
    }));
  };
  for (const e of events) {
    switch (e.type) {
      case 'ProposalDrafted':
        kind = e.data.kind;
        content = e.data;
        break;
      case 'DraftUpdated':
      case 'ProposalResubmitted':
        content = { ...content!, ...e.data.changes };
        break;
      case 'DecisionIssued':
        openFrom(e.data.effectiveFrom);
        break;
      case 'DecisionAmended':
        content = { ...content!, ...e.data.changes };
        if (open.length) {
          closeAt(e.data.effectiveFrom);
          openFrom(e.data.effectiveFrom);
        }
        break;
      case 'DecisionReassigned': {
        // Like an amendment: the old body holds until the re-assignment's date, the successor from it.
        const { fromBodyId, toBodyId, side } = e.data;
        content = {
          ...content!,
          ...(side !== 'delegator' && content!.delegateBodyId === fromBodyId && { delegateBodyId: toBodyId }),
          ...(side !== 'delegate' && content!.delegatorBodyId === fromBodyId && { delegatorBodyId: toBodyId }),
        };
        if (open.length) {
          closeAt(e.data.effectiveFrom);
          openFrom(e.data.effectiveFrom);
        }
        break;
      }
      case 'DecisionRevoked':
        closeAt(e.data.effectiveFrom);
        break;
      case 'DelegationExpired':
        // Validity already ended with the period (validTo = period end + 1); expiry only records it.
        closeAt(null);
        break;
      default:
        break;
    }
  }
  return [...closed, ...open].filter((h) => h.validTo === null || h.validTo > h.validFrom);
}
