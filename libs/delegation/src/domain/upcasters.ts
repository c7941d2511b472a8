import { EVENT_SCHEMA_VERSIONS } from './events.js';

/**
 * Upcasters turn stored event data of an old schema into the next one, so stored events are never
 * rewritten. UPCASTERS[type][n] takes data of schema n to schema n + 1. Event-store agnostic:
 * the store calls upcast() on read with the schema version it saved next to the data.
 */
export const UPCASTERS: Record<string, Record<number, (data: any) => any>> = {
  ProposalDrafted: {
    // v2 may carry a case number; a decision drafted before case numbers existed has none.
    1: (data: Record<string, unknown>) => data,
  },
  EvaluationRecorded: {
    // v2 may carry the results against conditions, resources used, problems and a recommendation.
    1: (data: Record<string, unknown>) => data,
  },
  RevisionRequested: {
    // v1 had one free-text reason; v2 lists reasons so each can be answered and tracked.
    1: (data: { round: number; reason: string; note?: string }) => {
      const { reason, ...rest } = data;
      const reasons = typeof reason === 'string' && reason.trim() !== '' ? [reason] : [];
      return { ...rest, reasons };
    },
  },
};

export function upcast(type: string, schemaVersion: number, data: unknown): { schemaVersion: number; data: any } {
  const target = (EVENT_SCHEMA_VERSIONS as Record<string, number | undefined>)[type];
  if (target === undefined) throw new Error(`Unknown event type ${type}`);
  if (schemaVersion > target) {
    throw new Error(`${type} schema ${schemaVersion} is newer than this code knows (${target})`);
  }
  let version = schemaVersion;
  let current: any = data;
  while (version < target) {
    const step = UPCASTERS[type]?.[version];
    if (!step) throw new Error(`No upcaster for ${type} from schema ${version}`);
    current = step(current);
    version += 1;
  }
  return { schemaVersion: version, data: current };
}
