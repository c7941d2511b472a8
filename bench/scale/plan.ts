import { REORGANISED_ON, localGovernmentLaw, prng } from './geography.js';
import type { OldProvinceBodies, World } from './world.js';

/*
 * Each decision's life as a plan of dated steps, drawn from a seeded PRNG: proposal, draft updates,
 * revision rounds, the Sở Nội vụ appraisal, for phân cấp the Sở Tư pháp's legal appraisal and the HĐND
 * vote, for ủy quyền the committee's decision, issuance, then while in effect the quarterly reports
 * (some late, some never filed), the yearly evaluations, amendments and revocations; ủy quyền expire at
 * the end of their period (the product's expiry sweep). What the checks find is left to the checks.
 */

export const DAY = 86_400_000;
export const dayNum = (iso: string): number => Math.floor(Date.parse(`${iso}T00:00:00Z`) / DAY);
export const isoDay = (n: number): string => new Date(n * DAY).toISOString().slice(0, 10);

export type StepType =
  | 'propose' | 'update-draft' | 'submit' | 'assign-reviewer' | 'request-revision' | 'resubmit' | 'appraise'
  | 'record-legal-appraisal' | 'submit-to-council' | 'record-council-vote' | 'decide' | 'issue' | 'file-report'
  | 'record-evaluation' | 'amend' | 'revoke' | 'withdraw';

export interface Step {
  day: number;
  type: StepType;
  /** The step's own choice: pass (1) or fail (0) for appraisals and votes, the quarter or year for reports. */
  a: number;
  b?: number;
}

export interface DecisionPlan {
  id: string;
  n: number;
  kind: 'phan-cap' | 'uy-quyen';
  old: OldProvinceBodies;
  /** Proposed after 1/7/2025: in the new province, its new communes. */
  reorganised: boolean;
  proposerBodyId: string;
  delegateBodyId: string;
  powerIds: string[];
  sector: string;
  proposedOn: number;
  period?: { from: string; to: string };
  steps: Step[];
  seed: number;
}

const JUSTIFICATIONS = [
  'Giảm thời gian giải quyết thủ tục hành chính cho người dân, doanh nghiệp.',
  'Phát huy tính chủ động, sáng tạo và tự chịu trách nhiệm của cơ quan được phân cấp.',
  'Cắt giảm các quy trình, thủ tục không cần thiết, giảm tối đa cơ chế xin ý kiến cấp trên.',
  'Giải quyết công việc tại nơi gần dân nhất, phù hợp mô hình chính quyền địa phương hai cấp.',
];

export { JUSTIFICATIONS };

/**
 * Plans decisions until their steps reach `steps` (about the events they will write, before the
 * findings the checks add), their proposals spread over [start, end − 45 days].
 */
export function planDecisions(world: World, opts: { steps: number; start: string; end: string; seed: number }): DecisionPlan[] {
  const rng = prng(opts.seed);
  const int = (lo: number, hi: number) => lo + Math.floor(rng() * (hi - lo + 1));
  const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
  const start = dayNum(opts.start);
  const end = dayNum(opts.end);
  const reorg = dayNum(REORGANISED_ON);
  const plans: DecisionPlan[] = [];
  let total = 0;
  while (total < opts.steps) {
    const n = plans.length;
    const proposedOn = int(start, end - 45);
    const reorganised = proposedOn >= reorg;
    const old = reorganised ? pick(world.provinces) : pick(world.oldProvinces);
    const kind = rng() < 0.3 ? 'uy-quyen' : 'phan-cap';
    const power = rng() < 0.05 ? pick(old.powers.filter((p) => !p.delegable)) : pick(old.powers.filter((p) => p.delegable));
    const sector = power.sector;
    const proposerBodyId = old.departments.get(sector)!;
    const localDelegate = reorganised ? (world.provinces.find((p) => p.ubnd === old.ubnd)!.communes) : old.districts;
    const delegateBodyId = rng() < 0.5 && localDelegate.length ? pick(localDelegate) : proposerBodyId;
    const powerIds = [power.id];
    const second = old.powers.filter((p) => p.sector === sector && p.delegable && p.id !== power.id);
    if (second.length && rng() < 0.25) powerIds.push(pick(second).id);
    const id = uuidOf(opts.seed, n);
    const steps: Step[] = [];
    let d = proposedOn;
    const at = (type: StepType, gap: [number, number], a = 1, b?: number) => {
      d += int(gap[0], gap[1]);
      steps.push({ day: d, type, a, ...(b !== undefined && { b }) });
    };
    let period: DecisionPlan['period'];
    if (kind === 'uy-quyen') {
      const from = proposedOn + int(20, 40);
      period = { from: isoDay(from), to: isoDay(from + 365 * int(1, 3) - 1) };
    }
    const plan: DecisionPlan = { id, n, kind, old, reorganised, proposerBodyId, delegateBodyId, powerIds, sector, proposedOn, period, steps, seed: int(1, 2 ** 30) };
    plans.push(plan);
    steps.push({ day: d, type: 'propose', a: 1 });
    for (let k = int(0, 2); k > 0; k--) at('update-draft', [0, 2], k);
    const life = (): void => {
      if (rng() < 0.03) return at('withdraw', [1, 5]);
      at('submit', [1, 4]);
      at('assign-reviewer', [0, 2]);
      const rounds = rng() < 0.45 ? 0 : rng() < 0.75 ? 1 : 2;
      for (let r = 1; r <= rounds; r++) {
        at('request-revision', [3, 10], r);
        at('resubmit', [2, 8], r);
      }
      const favourable = rng() < 0.93;
      at('appraise', [3, 12], favourable ? 1 : 0);
      if (!favourable) return;
      if (kind === 'phan-cap') {
        const lawful = rng() < 0.96;
        at('record-legal-appraisal', [3, 10], lawful ? 1 : 0);
        if (!lawful) return;
        at('submit-to-council', [2, 6]);
        const passed = rng() < 0.94;
        at('record-council-vote', [7, 40], passed ? 1 : 0, int(40, 95));
        if (!passed) return;
      } else {
        const approved = rng() < 0.95;
        at('decide', [2, 7], approved ? 1 : 0);
        if (!approved) return;
      }
      at('issue', [1, 7], 1, int(0, 10));
      const issuedOn = d;
      let effectiveFrom = issuedOn + steps[steps.length - 1].b!;
      if (period) effectiveFrom = Math.max(effectiveFrom, dayNum(period.from));
      // While in effect: until the log ends, the revocation, or the period's end (expired by the sweep).
      let until = end;
      if (period) until = Math.min(until, dayNum(period.to));
      const revokedOn = rng() < 0.06 ? int(issuedOn + 180, issuedOn + 2000) : Infinity;
      until = Math.min(until, revokedOn);
      const inEffect: Step[] = [];
      const quarterStart = (y: number, q: number) => dayNum(`${y}-${String(q * 3 - 2).padStart(2, '0')}-01`);
      const due = (y: number, q: number) => dayNum(`${y}-${String(q * 3).padStart(2, '0')}-15`);
      for (let y = Number(isoDay(effectiveFrom).slice(0, 4)); y <= Number(isoDay(until).slice(0, 4)) + 1; y++) {
        for (let q = 1; q <= 4; q++) {
          if (quarterStart(y, q) < effectiveFrom) continue;
          const r = rng();
          const day = r < 0.86 ? due(y, q) - int(1, 40) : r < 0.95 ? due(y, q) + int(3, 45) : Infinity;
          if (day <= until && day > issuedOn) inEffect.push({ day, type: 'file-report', a: y * 10 + q });
        }
        if (dayNum(`${y}-12-31`) >= effectiveFrom + 90) {
          const r = rng();
          const day = r < 0.88 ? dayNum(`${y + 1}-01-05`) + int(0, 23) : r < 0.95 ? dayNum(`${y + 1}-02-03`) + int(0, 45) : Infinity;
          if (day <= until) inEffect.push({ day, type: 'record-evaluation', a: y, b: rng() < 0.8 ? 0 : rng() < 0.75 ? 1 : 2 });
        }
      }
      if (rng() < 0.1) {
        const day = int(effectiveFrom + 60, effectiveFrom + 1500);
        if (day < until) inEffect.push({ day, type: 'amend', a: 1 });
      }
      if (revokedOn <= end && revokedOn < (period ? dayNum(period.to) : Infinity)) inEffect.push({ day: revokedOn, type: 'revoke', a: 1 });
      inEffect.sort((x, y) => x.day - y.day);
      steps.push(...inEffect);
    };
    life();
    while (steps.length && steps[steps.length - 1].day > end) steps.pop();
    total += steps.length;
  }
  return plans;
}

/** A decision id that a run of the same seed and size gives again (a UUID v4 shape). */
function uuidOf(seed: number, n: number): string {
  const r = prng(seed * 7919 + n);
  const hex = Array.from({ length: 32 }, () => Math.floor(r() * 16).toString(16));
  hex[12] = '4';
  hex[16] = ((parseInt(hex[16], 16) & 0x3) | 0x8).toString(16);
  const s = hex.join('');
  return `${s.slice(0, 8)}-${s.slice(8, 12)}-${s.slice(12, 16)}-${s.slice(16, 20)}-${s.slice(20)}`;
}

export { localGovernmentLaw };
