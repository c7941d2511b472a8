import type { Upcaster } from './types.js';

/** One step per (type, from-version): returns the data in the shape of version + 1. */
export type UpcastSteps = Record<string, Record<number, (data: any) => unknown>>;

/**
 * Chains single-version steps so each step is written (and tested) once, against the
 * version just before it, and a v1 row still reads as the newest shape.
 */
export function createUpcaster(steps: UpcastSteps): Upcaster {
  return (type, schemaVersion, data) => {
    const forType = steps[type];
    let version = schemaVersion;
    let current = data;
    while (forType?.[version]) {
      current = forType[version](current);
      version += 1;
    }
    return { schemaVersion: version, data: current };
  };
}
