import type { CommandType } from './commands.js';
import type { Role, Stage, Text } from './types.js';

/** A named business rule (kgrzybek's IBusinessRule): refusals and findings both name it. */
export interface BusinessRule {
  id: string;
  version: number;
  /** Where the rule comes from: a seed document or a legal text. */
  source: string;
  message: Text;
}

/** Why decide() refused a command. The API maps each kind to one HTTP status. */
export type Refusal =
  | { kind: 'decision-not-found' } // 404
  | { kind: 'decision-already-exists' } // 409
  | { kind: 'command-not-allowed-in-stage'; command: CommandType; stage: Stage; allowedStages: Stage[] } // 409
  | { kind: 'role-not-allowed'; command: CommandType; stage: Stage; role: Role; allowedRoles: Role[] } // 403
  /** The role may run the command, but only for another body (a named rule says which). */
  | { kind: 'body-not-allowed'; command: CommandType; stage: Stage; bodyId: string; allowedBodyIds: string[]; rule: BusinessRule } // 403
  | { kind: 'rule-violated'; rule: BusinessRule; field?: string; detail?: Text }; // 422

export type Decision<E> = { ok: true; events: E[] } | { ok: false; refusal: Refusal };
