import { describe, expect, it } from '@jest/globals';
import { COMMAND_TYPES, WORKFLOW_COMMAND_TYPES } from '../domain/commands.js';
import { STAGES } from '../domain/types.js';
import { currentWorkflow, getWorkflow, listWorkflows, PHAN_CAP_V1, PHAN_CAP_V2, UY_QUYEN_V1, WORKFLOWS } from './registry.js';

const texts = (v: unknown): string[] =>
  typeof v === 'string' ? [v] : v && typeof v === 'object' ? Object.values(v).flatMap(texts) : [];

describe.each(WORKFLOWS.map((w) => [`${w.id} v${w.version}`, w] as const))('workflow %s', (_name, wf) => {
  const stages = Object.keys(wf.stages);

  it('uses only known stages, and every transition starts and ends in one of its own', () => {
    for (const s of stages) expect(STAGES).toContain(s);
    for (const t of wf.transitions) {
      for (const s of [...t.from, ...(t.to ?? [])]) expect(stages).toContain(s);
      expect(t.roles.length).toBeGreaterThan(0);
    }
  });

  it('defines each command at most once, starting with propose', () => {
    const commands = wf.transitions.map((t) => t.command);
    expect(new Set(commands).size).toBe(commands.length);
    expect(wf.transitions[0]).toMatchObject({ command: 'propose', from: [], to: ['draft'] });
  });

  it('reaches every stage from draft and lets no command leave a terminal stage', () => {
    const reached = new Set<string>(['draft']);
    for (let grew = true; grew; ) {
      grew = false;
      for (const t of wf.transitions)
        if (t.from.some((s) => reached.has(s)))
          for (const s of t.to ?? []) if (!reached.has(s)) (reached.add(s), (grew = true));
    }
    expect([...reached].sort()).toEqual([...stages].sort());
    const terminal = stages.filter((s) => wf.stages[s as keyof typeof wf.stages]?.terminal);
    expect(terminal.length).toBeGreaterThan(0);
    for (const t of wf.transitions) for (const s of t.from) expect(terminal).not.toContain(s);
  });

  it('has Vietnamese labels in NFC and English labels', () => {
    for (const s of texts({ t: wf.title, st: wf.stages, tr: wf.transitions.map((t) => t.label) })) {
      expect(s).toBe(s.normalize('NFC'));
      expect(s.trim()).not.toBe('');
    }
  });

  it('puts the working-day limits on the stages', () => {
    const limit = (s: string) => wf.stages[s as keyof typeof wf.stages]?.timeLimitWorkingDays;
    expect(limit('submitted')).toBe(2);
    expect(limit('in-appraisal')).toBe(15);
    expect(limit('revision-requested')).toBe(10);
    expect(wf.stages['revision-requested']?.clockStopped).toBe(true);
    expect(limit('appraised')).toBe(5);
    expect(limit('approved')).toBe(10);
    expect(limit('issued')).toBeUndefined();
    expect(wf.stages.issued?.terminal).toBeFalsy();
  });
});

describe('the workflow registry', () => {
  it('covers every command type between the two workflows', () => {
    const used = new Set(WORKFLOWS.flatMap((w) => w.transitions.map((t) => t.command)));
    for (const c of WORKFLOW_COMMAND_TYPES.filter((c) => c !== 'propose')) expect(used).toContain(c);
  });

  it('gives phân cấp the legal appraisal and HĐND vote, and ủy quyền a period and expiry', () => {
    expect(PHAN_CAP_V1.options).toEqual({ requiresLegalAppraisal: true, requiresCouncilVote: true, requiresPeriod: false });
    expect(UY_QUYEN_V1.options).toEqual({ requiresLegalAppraisal: false, requiresCouncilVote: false, requiresPeriod: true });
    expect(PHAN_CAP_V1.stages['legal-appraisal']?.timeLimitWorkingDays).toBe(10);
    expect(PHAN_CAP_V1.stages['awaiting-council']?.timeLimitWorkingDays).toBe(30);
    expect(PHAN_CAP_V1.stages.expired).toBeUndefined();
    expect(UY_QUYEN_V1.stages.expired?.terminal).toBe(true);
    expect(UY_QUYEN_V1.stages['awaiting-council']).toBeUndefined();
  });

  it('looks workflows up by id and version, and answers undefined for unknown ones', () => {
    expect(getWorkflow('phan-cap', 1)).toBe(PHAN_CAP_V1);
    expect(getWorkflow('uy-quyen', 1)).toBe(UY_QUYEN_V1);
    expect(getWorkflow('uy-quyen', 99)).toBeUndefined();
    expect(getWorkflow('phan-quyen', 1)).toBeUndefined();
    expect(currentWorkflow('uy-quyen')).toBe(UY_QUYEN_V1);
    expect(listWorkflows()).toHaveLength(4);
    expect(getWorkflow('phan-cap', 2)).toBe(PHAN_CAP_V2);
    expect(currentWorkflow('phan-cap')).toBe(PHAN_CAP_V1);
  });
});
