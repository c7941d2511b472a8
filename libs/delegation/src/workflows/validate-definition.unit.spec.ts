import { describe, expect, it } from '@jest/globals';
import { dump } from 'js-yaml';
import type { DefinitionErrorCode, WorkflowDocument } from './document.js';
import { BUILT_IN_WORKFLOW_DOCUMENTS } from './registry.js';
import { parseWorkflowDocument, validateWorkflowDocument } from './validate-definition.js';

const base = (): WorkflowDocument => structuredClone(BUILT_IN_WORKFLOW_DOCUMENTS[0]) as WorkflowDocument;
const stepIndex = (d: WorkflowDocument, command: string) => d.steps.findIndex((s) => s.command === command);
const stageIndex = (d: WorkflowDocument, id: string) => d.stages.findIndex((s) => s.id === id);

function errorsOf(doc: unknown) {
  const r = validateWorkflowDocument(doc);
  if (r.ok) throw new Error('expected the document to be refused');
  for (const e of r.errors) {
    expect(e.path === '' || e.path.startsWith('/')).toBe(true);
    expect(e.reason.vi).toBe(e.reason.vi.normalize('NFC'));
    expect(e.reason.vi.trim()).not.toBe('');
    expect(e.reason.en.trim()).not.toBe('');
  }
  return r.errors;
}
const only = (doc: unknown, code: DefinitionErrorCode) => errorsOf(doc).filter((e) => e.code === code).map((e) => e.path);

describe('validateWorkflowDocument', () => {
  it.each(BUILT_IN_WORKFLOW_DOCUMENTS.map((d) => [`${(d as WorkflowDocument).id} v${(d as WorkflowDocument).version}`, d]))(
    'accepts the built-in document %s',
    (_n, d) => expect(validateWorkflowDocument(d)).toEqual({ ok: true, document: d }),
  );

  it('parse: an unreadable JSON or YAML text is one error at the document', () => {
    const j = parseWorkflowDocument('{"id": ', 'json');
    expect(j).toMatchObject({ ok: false, errors: [{ code: 'parse', path: '' }] });
    const y = parseWorkflowDocument('id: [unclosed', 'yaml');
    expect(y).toMatchObject({ ok: false, errors: [{ code: 'parse', path: '' }] });
  });

  it('accepts YAML: the same document written as YAML validates the same', () => {
    const y = parseWorkflowDocument(dump(JSON.parse(JSON.stringify(base()))), 'yaml');
    expect(y.ok).toBe(true);
    expect(validateWorkflowDocument(y.ok && y.value)).toMatchObject({ ok: true, document: base() });
  });

  it('schema: every shape error at once, each at its JSON pointer', () => {
    const d = base() as unknown as Record<string, unknown> & WorkflowDocument;
    delete (d as Partial<WorkflowDocument>).title;
    d.version = 0;
    (d.stages[1] as unknown as Record<string, unknown>).timeLimitWorkingDays = 'two';
    (d.steps[0] as unknown as Record<string, unknown>).kind = 'meeting';
    (d.steps[2] as unknown as Record<string, unknown>).colour = 'red';
    d.stages[0].label.vi = '';
    const errors = errorsOf(d);
    expect(errors.every((e) => e.code === 'schema')).toBe(true);
    expect(errors.map((e) => e.path).sort()).toEqual(
      ['/title', '/version', '/stages/1/timeLimitWorkingDays', '/steps/0/kind', '/steps/2/colour', '/stages/0/label/vi'].sort(),
    );
    expect(errors.find((e) => e.path === '/steps/0/kind')?.reason.en).toContain('consultation');
  });

  it('duplicate-stage: a stage declared twice', () => {
    const d = base();
    d.stages.push({ ...d.stages[1] });
    expect(only(d, 'duplicate-stage')).toEqual([`/stages/${d.stages.length - 1}/id`]);
  });

  it('duplicate-step and duplicate-command: a step id or a command used twice', () => {
    const d = base();
    const i = stepIndex(d, 'submit');
    d.steps.push({ ...d.steps[i] });
    d.steps.push({ ...d.steps[i], id: 'submit-again' });
    expect(only(d, 'duplicate-step')).toEqual([`/steps/${d.steps.length - 2}/id`]);
    expect(only(d, 'duplicate-command')).toEqual([`/steps/${d.steps.length - 2}/command`, `/steps/${d.steps.length - 1}/command`]);
  });

  it('unknown-stage: a step starting or ending in an undeclared stage', () => {
    const d = base();
    const i = stepIndex(d, 'appraise');
    d.steps[i].from = ['in-apraisal'];
    d.steps[i].transitions[0].to = 'legal-apraisal';
    expect(only(d, 'unknown-stage')).toEqual([`/steps/${i}/from/0`, `/steps/${i}/transitions/0/to`]);
    const bound = base();
    const u = stepIndex(bound, 'update-draft');
    bound.steps[u].transitions = [{ to: 'draft', inStage: 'submitted' }];
    expect(only(bound, 'unknown-stage')).toEqual([`/steps/${u}/transitions/0/inStage`]);
  });

  it('initial-stage: none, or more than one', () => {
    const none = base();
    delete none.stages[0].initial;
    expect(only(none, 'initial-stage')).toEqual(['/stages']);
    const two = base();
    two.stages[1].initial = true;
    expect(only(two, 'initial-stage')).toEqual(['/stages/1/initial']);
  });

  it('start-step: no step creates the decision, two do, or it leads elsewhere than the initial stage', () => {
    const none = base();
    none.steps[0].from = ['draft'];
    expect(only(none, 'start-step')).toEqual(['/steps']);
    const two = base();
    const i = stepIndex(two, 'submit');
    two.steps[i].from = [];
    expect(only(two, 'start-step')).toEqual([`/steps/${i}/from`]);
    const elsewhere = base();
    elsewhere.steps[0].transitions = [{ to: 'submitted' }];
    expect(only(elsewhere, 'start-step')).toEqual(['/steps/0/transitions/0/to']);
  });

  it('terminal-has-exit: a step that leaves a terminal stage', () => {
    const d = base();
    const i = stepIndex(d, 'revoke');
    d.steps[i].from = ['issued', 'rejected'];
    expect(only(d, 'terminal-has-exit')).toEqual([`/steps/${i}/from/1`]);
  });

  it('no-terminal-stage: a workflow that never ends', () => {
    const d = base();
    for (const s of d.stages) delete s.terminal;
    expect(only(d, 'no-terminal-stage')).toEqual(['/stages']);
  });

  it('unknown-role: a role the system does not have (the national operator holds none)', () => {
    const d = base();
    const i = stepIndex(d, 'issue');
    d.steps[i].roles = ['committee-office', 'chairman', 'operator'];
    expect(only(d, 'unknown-role')).toEqual([`/steps/${i}/roles/1`, `/steps/${i}/roles/2`]);
  });

  it('unknown-rule: a rule id no named rule has', () => {
    const d = base();
    const i = stepIndex(d, 'appraise');
    d.steps[i].rules = ['rejection-has-reasons', 'rejection-has-reason'];
    expect(only(d, 'unknown-rule')).toEqual([`/steps/${i}/rules/1`]);
  });

  it('command-not-of-kind: a command the engine does not run for that step kind, or not at all', () => {
    const d = base();
    const i = stepIndex(d, 'appraise');
    d.steps[i].kind = 'vote';
    d.steps[i].vote = { majority: 'more-than-half-of-all-delegates' };
    const j = stepIndex(d, 'submit');
    d.steps[j].command = 'send' as never;
    expect(only(d, 'command-not-of-kind').sort()).toEqual([`/steps/${i}/command`, `/steps/${j}/command`].sort());
  });

  it('step-settings: a vote without its majority rule, a timer without its end, settings on the wrong kind, a quorum above all', () => {
    const d = base();
    const v = stepIndex(d, 'record-council-vote');
    delete d.steps[v].vote;
    const a = stepIndex(d, 'appraise');
    d.steps[a].timer = { at: 'period-end' };
    expect(only(d, 'step-settings').sort()).toEqual([`/steps/${v}/vote`, `/steps/${a}/timer`].sort());
    const q = base();
    q.steps[v].vote = { majority: 'two-thirds-of-all-delegates', quorum: { ofAllDelegates: { numerator: 3, denominator: 2 } } };
    expect(only(q, 'step-settings')).toEqual([`/steps/${v}/vote/quorum/ofAllDelegates`]);
  });

  it('unreachable-stage: a stage no path leads to', () => {
    const d = base();
    d.stages.splice(stageIndex(d, 'issued'), 0, { id: 'published', label: { vi: 'Đã công bố', en: 'Published' }, timeLimitWorkingDays: 3 });
    expect(only(d, 'unreachable-stage')).toEqual([`/stages/${stageIndex(d, 'published')}`]);
  });

  it('text-not-nfc: Vietnamese written in decomposed form', () => {
    const d = base();
    d.stages[2].label.vi = d.stages[2].label.vi.normalize('NFD');
    expect(only(d, 'text-not-nfc')).toEqual(['/stages/2/label/vi']);
  });

  it('names the commands the engine runs for the step kind when a step names another', () => {
    const d = base();
    d.steps.push({ ...d.steps[stepIndex(d, 'submit')], id: 'consult', kind: 'consultation', command: 'consult' as never });
    expect(errorsOf(d).find((e) => e.path === `/steps/${d.steps.length - 1}/command`)?.reason.en)
      .toBe('Command "consult" is not one of step kind "consultation" (allowed: request-consultation, record-opinion, close-consultation)');
  });
});
