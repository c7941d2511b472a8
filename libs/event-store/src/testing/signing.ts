import { ephemeralSigningKeys } from '../signing/event-signature.js';

/** One writer key ring per test process, held in memory: the stores of a test sign with it, its verifiers trust it. */
export const TEST_SIGNING_KEYS = ephemeralSigningKeys();
