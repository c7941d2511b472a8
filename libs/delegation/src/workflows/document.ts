import type { CommandType } from '../domain/commands.js';
import type { Text } from '../domain/types.js';

/**
 * A workflow definition as deployable data (JSON, or YAML read into the same shape), validated by
 * workflow-definition.schema.json and then by validateWorkflowDocument()'s semantic checks. The
 * registry turns each document into the WorkflowDefinition the decider, evolve() and the deadlines read.
 */
export interface WorkflowDocument {
  $schema?: string;
  id: string;
  version: number;
  title: Text;
  /** The legal basis of the workflow itself. */
  source: string;
  options: { requiresLegalAppraisal: boolean; requiresCouncilVote: boolean; requiresPeriod: boolean };
  /** In display order (a board's columns follow it). */
  stages: StageDocument[];
  steps: StepDocument[];
}

export interface StageDocument {
  id: string;
  label: Text;
  /** The stage a new decision enters: exactly one. */
  initial?: boolean;
  timeLimitWorkingDays?: number;
  clockStopped?: boolean;
  terminal?: boolean;
}

/** The step kinds the engine knows. */
export const STEP_KINDS = ['task', 'consultation', 'examination', 'appraisal', 'vote', 'direct-decision', 'issuance', 'timer'] as const;
export type StepKind = (typeof STEP_KINDS)[number];

/**
 * Which commands the engine implements for each step kind: a step names one of its kind's commands.
 * Written as a total record over StepKind, so a new kind without its commands fails to compile.
 */
export const STEP_KIND_COMMANDS: Record<StepKind, readonly CommandType[]> = {
  task: ['propose', 'update-draft', 'submit', 'assign-reviewer', 'resubmit', 'submit-to-council', 'withdraw', 'reassign', 'file-report', 'record-evaluation'],
  consultation: ['request-consultation', 'record-opinion', 'close-consultation'],
  examination: ['record-examination'],
  appraisal: ['appraise', 'record-legal-appraisal', 'request-revision'],
  vote: ['record-council-vote'],
  'direct-decision': ['decide'],
  issuance: ['issue', 'amend', 'revoke'],
  timer: ['expire'],
};

/** Majority rules a vote step may name. */
export const MAJORITY_RULES = ['more-than-half-of-all-delegates', 'two-thirds-of-all-delegates', 'more-than-half-of-present'] as const;
export type MajorityRule = (typeof MAJORITY_RULES)[number];

export interface StepDocument {
  /** Unique within the document; by convention the command's name. */
  id: string;
  kind: StepKind;
  command: CommandType;
  label: Text;
  roles: string[];
  /** Stages in which the step may run; empty for the one step that starts a decision. */
  from: string[];
  /** Where it leads: the first transition whose condition holds on the recorded event. */
  transitions: TransitionDocument[];
  /** Ids of the named rules checked at this step. */
  rules?: string[];
  /** The legal source of the step. */
  source?: string;
  /** For a vote: the majority rule and quorum. */
  vote?: { majority: MajorityRule; quorum?: { ofAllDelegates: { numerator: number; denominator: number } } };
  /** For a timer: what ends the period. */
  timer?: { at: 'period-end' };
}

export interface TransitionDocument {
  to: string;
  /** Applies only when the step runs in this stage (one of its from-stages), e.g. an edit that keeps the stage. */
  inStage?: string;
  /** Conditions on the recorded event's data, all of which must hold (e.g. { "opinion": "favourable" }). */
  when?: Record<string, string | number | boolean>;
}

/** A located error: a JSON pointer into the document and the reason, in Vietnamese and English. */
export interface DefinitionError {
  /** e.g. 'unknown-stage', 'schema'. One class per check; each has its own unit test. */
  code: DefinitionErrorCode;
  /** JSON pointer (RFC 6901) to the offending value; '' for the whole document. */
  path: string;
  reason: Text;
}

export type DefinitionErrorCode =
  | 'parse'
  | 'schema'
  | 'duplicate-stage'
  | 'duplicate-step'
  | 'duplicate-command'
  | 'unknown-stage'
  | 'initial-stage'
  | 'start-step'
  | 'terminal-has-exit'
  | 'no-terminal-stage'
  | 'unknown-role'
  | 'unknown-rule'
  | 'command-not-of-kind'
  | 'step-settings'
  | 'unreachable-stage'
  | 'text-not-nfc';
