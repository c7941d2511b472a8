import type { CommandType } from '../domain/commands.js';
import type { DecisionKind, Role, Stage, Text } from '../domain/types.js';
import type { StepDocument, StepKind } from './document.js';

/**
 * A workflow definition is data: which stages a decision passes through, which role may run which
 * command in which stage, and each stage's time limit in working days. It is versioned; a decision
 * keeps the version it started under for its whole life.
 */
export interface StageDefinition {
  label: Text;
  /** Time limit of the stage in working days; absent for stages without a limit. */
  timeLimitWorkingDays?: number;
  /** The clock stops in this stage (e.g. a revision request waits on the proposer). */
  clockStopped?: boolean;
  terminal?: boolean;
}

export interface TransitionDefinition {
  command: CommandType;
  /** Stages in which the command may run; empty for `propose`, which creates the decision. */
  from: Stage[];
  /** Roles that may run it. */
  roles: Role[];
  /**
   * Stages the command can lead to (the data decides which one, e.g. favourable / unfavourable).
   * Descriptive: decide() chooses the stage; a test checks it always lands in this list.
   */
  to?: Stage[];
  label: Text;
  /** The step kind, the named rules checked and the legal source, as the definition document gives them. */
  kind?: StepKind;
  rules?: string[];
  source?: string;
  /** Where the recorded event leads: the first whose conditions all hold on the event's data. */
  outcomes?: Array<{ to: Stage; inStage?: Stage; when?: Record<string, string | number | boolean> }>;
  vote?: StepDocument['vote'];
  timer?: StepDocument['timer'];
}

export interface WorkflowDefinition {
  id: DecisionKind;
  version: number;
  title: Text;
  /** The legal basis of the workflow itself. */
  source: string;
  stages: Partial<Record<Stage, StageDefinition>>;
  transitions: TransitionDefinition[];
  options: {
    /** Sở Tư pháp appraises the legality of the draft legal document after the Sở Nội vụ appraisal. */
    requiresLegalAppraisal: boolean;
    /** HĐND must approve before issuance (phân cấp). */
    requiresCouncilVote: boolean;
    /** A period (from, to) is required (ủy quyền). */
    requiresPeriod: boolean;
  };
}
