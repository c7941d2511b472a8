import type { DecisionKind, Role, Stage } from '../domain/types.js';
import type { StageDefinition, TransitionDefinition, WorkflowDefinition } from './definition.js';
import type { WorkflowDocument } from './document.js';

/**
 * The runtime shape of a validated definition document: stages keyed by id in the document's order,
 * one transition per step (its command, from-stages, roles, the stages it can lead to and the
 * conditions that choose among them, its kind, rules and legal source).
 */
export function fromDocument(doc: WorkflowDocument): WorkflowDefinition {
  const stages: Partial<Record<Stage, StageDefinition>> = {};
  for (const s of doc.stages) {
    stages[s.id as Stage] = {
      label: s.label,
      ...(s.timeLimitWorkingDays !== undefined && { timeLimitWorkingDays: s.timeLimitWorkingDays }),
      ...(s.clockStopped !== undefined && { clockStopped: s.clockStopped }),
      ...(s.terminal !== undefined && { terminal: s.terminal }),
    };
  }
  const transitions: TransitionDefinition[] = doc.steps.map((step) => ({
    command: step.command,
    from: step.from as Stage[],
    to: [...new Set(step.transitions.map((t) => t.to as Stage))],
    roles: step.roles as Role[],
    label: step.label,
    kind: step.kind,
    rules: step.rules ?? [],
    ...(step.source !== undefined && { source: step.source }),
    outcomes: step.transitions.map((t) => ({ to: t.to as Stage, ...(t.inStage !== undefined && { inStage: t.inStage as Stage }), ...(t.when !== undefined && { when: t.when }) })),
    ...(step.vote !== undefined && { vote: step.vote }),
    ...(step.timer !== undefined && { timer: step.timer }),
  }));
  return { id: doc.id as DecisionKind, version: doc.version, title: doc.title, source: doc.source, stages, transitions, options: doc.options };
}

/**
 * The stage an event recorded by `command` leads to under this definition: the first outcome whose
 * conditions all hold on the event's data (and, for an outcome bound to a stage, whose stage the step
 * ran in); undefined when the step is not in the definition or no outcome matches.
 */
export function stageAfter(workflow: WorkflowDefinition, command: string, data: Record<string, unknown>, ranIn?: Stage): Stage | undefined {
  const t = workflow.transitions.find((x) => x.command === command);
  const outcomes = t?.outcomes ?? (t?.to?.length === 1 ? [{ to: t.to[0] }] : []);
  return outcomes.find(
    (o) => (o.inStage === undefined || o.inStage === ranIn) && Object.entries(o.when ?? {}).every(([k, v]) => data[k] === v),
  )?.to;
}
