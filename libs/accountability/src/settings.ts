import type { CheckSettings } from './domain/types.js';

/** The defaults named in CheckSettings; the worker may override them from its configuration. */
export const DEFAULT_CHECK_SETTINGS: CheckSettings = {
  capacityThreshold: 0.3,
  expiryWarningDays: 30,
  transitionWarningDays: 90,
};
