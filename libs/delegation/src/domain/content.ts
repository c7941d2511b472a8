import type { ProposalContent } from './types.js';

/**
 * Applies a partial change to a proposal's content. Keys whose value is `undefined` are skipped:
 * JSON cannot say "remove", and a stray undefined must not erase a period or a power list.
 * Nested objects (resources, period) are replaced whole, as the caller sent them.
 */
export function applyChanges(content: ProposalContent, changes: Partial<ProposalContent>): ProposalContent {
  const defined = Object.fromEntries(Object.entries(changes).filter(([, v]) => v !== undefined));
  return { ...content, ...defined } as ProposalContent;
}

/** The ProposalContent part of a Propose command, dropping the command-only fields. */
export function contentOf(data: ProposalContent): ProposalContent {
  const c: ProposalContent = {
    title: data.title,
    delegatorBodyId: data.delegatorBodyId,
    delegateBodyId: data.delegateBodyId,
    powerIds: data.powerIds,
    sector: data.sector,
    legalBasis: data.legalBasis,
    resources: data.resources,
    conditions: data.conditions ?? [],
    justification: data.justification,
    documents: data.documents ?? [],
  };
  if (data.period !== undefined) c.period = data.period;
  return c;
}
