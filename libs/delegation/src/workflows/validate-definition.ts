import Ajv from 'ajv';
import { load as loadYaml } from 'js-yaml';
import { COMMAND_TYPES, type CommandType } from '../domain/commands.js';
import { RULES } from '../domain/rules/index.js';
import { ROLES, type Text } from '../domain/types.js';
import { type DefinitionError, type DefinitionErrorCode, STEP_KIND_COMMANDS, type StepDocument, type WorkflowDocument } from './document.js';
import SCHEMA from './workflow-definition.schema.json' with { type: 'json' };

/** The published JSON Schema of a workflow definition (GET /api/v1/workflows/schema serves it). */
export const WORKFLOW_DEFINITION_SCHEMA: object = SCHEMA;

export type DefinitionCheck = { ok: true; document: WorkflowDocument } | { ok: false; errors: DefinitionError[] };

// Compiled once: allErrors so that a document gets every error at once, JSON pointers for the paths.
const ajv = new Ajv({ allErrors: true, jsonPointers: true });
const schemaCheck = ajv.compile(SCHEMA);

const err = (code: DefinitionErrorCode, path: string, vi: string, en: string): DefinitionError => ({
  code,
  path,
  reason: { vi: vi.normalize('NFC'), en },
});

/** One schema error per location: an empty text breaks both its minLength and its pattern. */
function onePerPath(errors: DefinitionError[]): DefinitionError[] {
  const seen = new Set<string>();
  return errors.filter((e) => (seen.has(e.path) ? false : (seen.add(e.path), true)));
}

/** Reads a definition sent as JSON or YAML text; a parse failure is one located error. */
export function parseWorkflowDocument(text: string, format: 'json' | 'yaml'): { ok: true; value: unknown } | { ok: false; errors: DefinitionError[] } {
  try {
    return { ok: true, value: format === 'json' ? JSON.parse(text) : loadYaml(text) };
  } catch (e) {
    const m = e instanceof Error ? e.message : String(e);
    return { ok: false, errors: [err('parse', '', `Không đọc được tài liệu ${format.toUpperCase()}: ${m}`, `The ${format.toUpperCase()} document cannot be read: ${m}`)] };
  }
}

/**
 * Validates a definition: the JSON Schema first (shape, types, known step kinds), and only when the
 * shape holds the semantic checks (references between stages and steps, one start, terminal stages
 * without exits, known roles, rules and commands, every stage reachable). Every error is returned,
 * each located by a JSON pointer, with its reason in Vietnamese and English.
 */
export function validateWorkflowDocument(value: unknown): DefinitionCheck {
  if (!schemaCheck(value)) {
    const errors = (schemaCheck.errors ?? []).map((e) => schemaError(e as unknown as AjvError));
    return { ok: false, errors: onePerPath(errors) };
  }
  const doc = value as WorkflowDocument;
  const errors = semanticErrors(doc);
  return errors.length === 0 ? { ok: true, document: doc } : { ok: false, errors };
}

interface AjvError {
  keyword: string;
  dataPath: string;
  params: Record<string, unknown>;
  message?: string;
}

function schemaError(e: AjvError): DefinitionError {
  const p = e.params;
  switch (e.keyword) {
    case 'required':
      return err('schema', `${e.dataPath}/${String(p.missingProperty)}`, 'Thiếu trường bắt buộc', 'Required field is missing');
    case 'additionalProperties':
      return err('schema', `${e.dataPath}/${String(p.additionalProperty)}`, 'Trường không được định nghĩa trong lược đồ', 'Field not defined by the schema');
    case 'type':
      return err('schema', e.dataPath, `Sai kiểu dữ liệu: cần ${String(p.type)}`, `Wrong type: expected ${String(p.type)}`);
    case 'enum':
      return err('schema', e.dataPath, `Giá trị không nằm trong danh sách cho phép: ${(p.allowedValues as unknown[]).join(', ')}`, `Not one of the allowed values: ${(p.allowedValues as unknown[]).join(', ')}`);
    case 'pattern':
      return err('schema', e.dataPath, `Không đúng định dạng ${String(p.pattern)}`, `Does not match the pattern ${String(p.pattern)}`);
    case 'minimum':
    case 'maximum':
      return err('schema', e.dataPath, `Giá trị phải ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(p.limit)}`, `Must be ${e.keyword === 'minimum' ? '≥' : '≤'} ${String(p.limit)}`);
    case 'minItems':
    case 'minLength':
    case 'minProperties':
      return err('schema', e.dataPath, `Không được để trống (tối thiểu ${String(p.limit)})`, `Must not be empty (at least ${String(p.limit)})`);
    case 'uniqueItems':
      return err('schema', e.dataPath, 'Danh sách có phần tử trùng lặp', 'The list has duplicate items');
    default:
      return err('schema', e.dataPath, `Không hợp lệ theo lược đồ (${e.keyword})`, `Invalid by the schema (${e.keyword}): ${e.message ?? ''}`.trim());
  }
}

const KNOWN_ROLES: readonly string[] = ROLES.filter((r) => r !== 'operator');
const KNOWN_RULES = new Set(RULES.map((r) => r.id));

function semanticErrors(doc: WorkflowDocument): DefinitionError[] {
  const errors: DefinitionError[] = [];
  const stageIds = new Map<string, number>();
  doc.stages.forEach((s, i) => {
    if (stageIds.has(s.id)) errors.push(err('duplicate-stage', `/stages/${i}/id`, `Giai đoạn "${s.id}" đã được khai báo ở /stages/${stageIds.get(s.id)}`, `Stage "${s.id}" is already declared at /stages/${stageIds.get(s.id)}`));
    else stageIds.set(s.id, i);
  });
  const stage = (id: string) => doc.stages[stageIds.get(id) ?? -1];

  // Exactly one initial stage, and exactly one step (with no from-stage) that creates the decision there.
  const initial = doc.stages.map((s, i) => [s, i] as const).filter(([s]) => s.initial);
  if (initial.length !== 1)
    errors.push(
      err('initial-stage', initial.length === 0 ? '/stages' : `/stages/${initial[1][1]}/initial`,
        `Phải có đúng một giai đoạn bắt đầu (initial), hiện có ${initial.length}`,
        `There must be exactly one initial stage, found ${initial.length}`),
    );
  const starts = doc.steps.map((s, i) => [s, i] as const).filter(([s]) => s.from.length === 0);
  if (starts.length !== 1)
    errors.push(
      err('start-step', starts.length === 0 ? '/steps' : `/steps/${starts[1][1]}/from`,
        `Phải có đúng một bước khởi tạo (from rỗng), hiện có ${starts.length}`,
        `There must be exactly one starting step (empty from), found ${starts.length}`),
    );
  else if (initial.length === 1) {
    const [start, i] = starts[0];
    start.transitions.forEach((t, j) => {
      if (t.to !== initial[0][0].id)
        errors.push(err('start-step', `/steps/${i}/transitions/${j}/to`, `Bước khởi tạo phải dẫn tới giai đoạn bắt đầu "${initial[0][0].id}"`, `The starting step must lead to the initial stage "${initial[0][0].id}"`));
    });
  }
  if (!doc.stages.some((s) => s.terminal))
    errors.push(err('no-terminal-stage', '/stages', 'Quy trình phải có ít nhất một giai đoạn kết thúc (terminal)', 'The workflow needs at least one terminal stage'));

  const stepIds = new Map<string, number>();
  const commands = new Map<string, number>();
  doc.steps.forEach((step, i) => {
    const at = `/steps/${i}`;
    if (stepIds.has(step.id)) errors.push(err('duplicate-step', `${at}/id`, `Bước "${step.id}" đã được khai báo ở /steps/${stepIds.get(step.id)}`, `Step "${step.id}" is already declared at /steps/${stepIds.get(step.id)}`));
    else stepIds.set(step.id, i);
    if (!COMMAND_TYPES.includes(step.command as CommandType) || !STEP_KIND_COMMANDS[step.kind].includes(step.command)) {
      const allowed = STEP_KIND_COMMANDS[step.kind];
      errors.push(
        err('command-not-of-kind', `${at}/command`,
          allowed.length === 0
            ? `Hệ thống chưa hỗ trợ lệnh nào cho loại bước "${step.kind}"`
            : `Lệnh "${step.command}" không thuộc loại bước "${step.kind}" (cho phép: ${allowed.join(', ')})`,
          allowed.length === 0
            ? `The engine implements no command for step kind "${step.kind}" yet`
            : `Command "${step.command}" is not one of step kind "${step.kind}" (allowed: ${allowed.join(', ')})`),
      );
    } else if (commands.has(step.command)) {
      errors.push(err('duplicate-command', `${at}/command`, `Lệnh "${step.command}" đã được dùng ở /steps/${commands.get(step.command)}`, `Command "${step.command}" is already used at /steps/${commands.get(step.command)}`));
    } else commands.set(step.command, i);
    step.roles.forEach((r, j) => {
      if (!KNOWN_ROLES.includes(r)) errors.push(err('unknown-role', `${at}/roles/${j}`, `Vai trò "${r}" không tồn tại (có: ${KNOWN_ROLES.join(', ')})`, `Unknown role "${r}" (known: ${KNOWN_ROLES.join(', ')})`));
    });
    (step.rules ?? []).forEach((r, j) => {
      if (!KNOWN_RULES.has(r)) errors.push(err('unknown-rule', `${at}/rules/${j}`, `Quy tắc "${r}" không tồn tại`, `Unknown rule "${r}"`));
    });
    step.from.forEach((s, j) => {
      if (!stageIds.has(s)) errors.push(err('unknown-stage', `${at}/from/${j}`, `Giai đoạn "${s}" chưa được khai báo trong /stages`, `Stage "${s}" is not declared in /stages`));
      else if (stage(s).terminal) errors.push(err('terminal-has-exit', `${at}/from/${j}`, `Giai đoạn "${s}" là giai đoạn kết thúc, không bước nào được đi ra từ đó`, `Stage "${s}" is terminal: no step may leave it`));
    });
    step.transitions.forEach((t, j) => {
      if (!stageIds.has(t.to)) errors.push(err('unknown-stage', `${at}/transitions/${j}/to`, `Giai đoạn "${t.to}" chưa được khai báo trong /stages`, `Stage "${t.to}" is not declared in /stages`));
      if (t.inStage !== undefined && !step.from.includes(t.inStage))
        errors.push(err('unknown-stage', `${at}/transitions/${j}/inStage`, `Giai đoạn "${t.inStage}" không nằm trong các giai đoạn bắt đầu (from) của bước`, `Stage "${t.inStage}" is not one of the step's from-stages`));
    });
    errors.push(...settingsErrors(step, at));
  });

  // Every stage is reachable from the initial one.
  if (initial.length === 1) {
    const reached = new Set<string>([initial[0][0].id]);
    for (let grew = true; grew; ) {
      grew = false;
      for (const step of doc.steps)
        for (const t of step.transitions)
          if ((t.inStage !== undefined ? reached.has(t.inStage) : step.from.some((s) => reached.has(s))) && !reached.has(t.to)) (reached.add(t.to), (grew = true));
    }
    doc.stages.forEach((s, i) => {
      if (!reached.has(s.id)) errors.push(err('unreachable-stage', `/stages/${i}`, `Không bước nào dẫn tới giai đoạn "${s.id}" từ giai đoạn bắt đầu`, `No path leads to stage "${s.id}" from the initial stage`));
    });
  }

  // Texts are stored as given: the Vietnamese must be in NFC, or search and comparison go wrong.
  const texts: Array<[string, Text]> = [
    ['/title', doc.title],
    ...doc.stages.map((s, i) => [`/stages/${i}/label`, s.label] as [string, Text]),
    ...doc.steps.map((s, i) => [`/steps/${i}/label`, s.label] as [string, Text]),
  ];
  for (const [path, t] of texts)
    for (const lang of ['vi', 'en'] as const)
      if (t[lang] !== t[lang].normalize('NFC'))
        errors.push(err('text-not-nfc', `${path}/${lang}`, 'Văn bản phải ở dạng Unicode NFC (dựng sẵn)', 'Text must be in Unicode NFC (precomposed)'));
  return errors;
}

/** A vote names its majority rule, a timer what ends it; no other kind carries either. */
function settingsErrors(step: StepDocument, at: string): DefinitionError[] {
  const out: DefinitionError[] = [];
  if (step.kind === 'vote' && !step.vote) out.push(err('step-settings', `${at}/vote`, 'Bước biểu quyết phải nêu quy tắc đa số (vote.majority)', 'A vote step must name its majority rule (vote.majority)'));
  if (step.kind !== 'vote' && step.vote) out.push(err('step-settings', `${at}/vote`, `Chỉ bước biểu quyết mới có "vote" (bước này là "${step.kind}")`, `Only a vote step has "vote" (this one is "${step.kind}")`));
  if (step.kind === 'timer' && !step.timer) out.push(err('step-settings', `${at}/timer`, 'Bước hẹn giờ phải nêu thời điểm kết thúc (timer.at)', 'A timer step must say when it fires (timer.at)'));
  if (step.kind !== 'timer' && step.timer) out.push(err('step-settings', `${at}/timer`, `Chỉ bước hẹn giờ mới có "timer" (bước này là "${step.kind}")`, `Only a timer step has "timer" (this one is "${step.kind}")`));
  const q = step.vote?.quorum?.ofAllDelegates;
  if (q && q.numerator > q.denominator) out.push(err('step-settings', `${at}/vote/quorum/ofAllDelegates`, 'Túc số không thể lớn hơn tổng số đại biểu', 'A quorum cannot exceed all delegates'));
  return out;
}
