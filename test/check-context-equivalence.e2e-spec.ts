import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { CheckContextLoader, findingIdOf, runChecks } from '@app/accountability';
import { ReferenceCheckContextLoader } from '@app/accountability/testing';
import { DecisionStore } from '@app/delegation';
import { IntentDispatcher, Reconciler } from '@app/operator';
import { phanCapProposal, scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/**
 * The checks that ask indexed questions (CheckContextLoader, DueChecks, the recheck intents) find exactly
 * what the checks that read everything found. A generated log of a few hundred decisions of two provinces
 * sharing a dozen powers — issued, amended, revoked, expired, withdrawn, left in appraisal; reports filed,
 * late or missing; evaluations; bodies abolished and merged; a power revised — is played through the API
 * day by day, and:
 *  (a) on the key days, every decision's findings with the new loader equal those with the reference one;
 *  (b) each day of a simulated year, after the day's commands and the daily pass (the DueChecks plan) with
 *      the intents' re-checks, every issued decision's open findings are those that checking every issued
 *      decision with the reference loader finds.
 */

const DAY_MS = 86_400_000;
const addDays = (d: string, n: number) => new Date(Date.parse(`${d}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);

/** A small deterministic PRNG (mulberry32), so the log is the same every run. */
function prng(seed: number) {
  let a = seed;
  const next = () => {
    a |= 0; a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)],
    some: <T>(xs: readonly T[], n: number): T[] => [...xs].sort(() => next() - 0.5).slice(0, n),
    chance: (p: number) => next() < p,
  };
}

const SETUP_FROM = '2025-01-06';
const SIM_FROM = '2026-05-01';
const SIM_TO = '2027-04-30';

const SIM_POWERS = Array.from({ length: 10 }, (_, i) => `TV-SIM-${String(i + 1).padStart(2, '0')}`);
const TV_POWERS = ['TV-DD-02', 'TV-DD-03', 'TV-XD-01', 'TV-XD-02', 'TV-TC-01', 'TV-GD-01', 'TV-YT-01', 'TV-NV-01', ...SIM_POWERS];
const NEW_COMMUNES = ['tv-ubnd-xa-an-phu', 'tv-ubnd-xa-binh-minh', 'tv-ubnd-xa-cau-ke', 'tv-ubnd-xa-duyen-hai'];
const TV_DELEGATES = ['tv-so-tnmt', 'tv-so-xay-dung', 'tv-so-tai-chinh', 'tv-so-gddt', 'tv-so-y-te', 'tv-ubnd-cang-long', 'tv-ubnd-tp-tra-vinh', 'tv-ubnd-phuong-1', ...NEW_COMMUNES];
const QN_DELEGATES = ['qn-ubnd-tt-nui-thanh', 'qn-ubnd-tam-hiep', 'qn-phong-noi-vu-nui-thanh'];

interface Step { day: string; seq: number; run: () => Promise<void> }

/** Runs `f` over `xs`, a few at a time (the comparisons are round trips, not work). */
async function inParallel<T>(xs: readonly T[], f: (x: T) => Promise<void>, width = 6): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: width }, async () => {
    while (next < xs.length) await f(xs[next++]);
  }));
}

describe('indexed checks find what the checks that read everything found', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    db = await scratchDatabase('checkeq');
    t = await startTestApp({ DATABASE_URL: db.url });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('over a generated log and a simulated year, day by day', async () => {
    const rnd = prng(20260501);
    const steps: Step[] = [];
    let seq = 0;
    const at = (day: string, run: () => Promise<void>) => steps.push({ day, seq: seq++, run });
    const post = async (path: string, body: object, user: string) => {
      const res = await t.http().post(path).set('Authorization', await t.login(user)).send(body);
      if (res.status !== 200 && res.status !== 201) throw new Error(`${path} as ${user} on ${t.clock.now().toISOString()}: ${res.status} ${JSON.stringify(res.body)}`);
      return res.body;
    };
    const act = (id: () => string, action: string, user: string, body: object = {}) => () => post(`/api/v1/decisions/${id()}/${action}`, body, user).then(() => undefined);
    const counts = { decisions: 0, issued: 0, amended: 0, revoked: 0, expired: 0, withdrawn: 0, reports: 0, evaluations: 0 };

    // The organisation: four communes of the new order; later a district abolished, communes merged, a power revised.
    at(SETUP_FROM, async () => {
      for (const [i, id] of NEW_COMMUNES.entries()) {
        await post('/api/v1/bodies', {
          id, nameVi: `Ủy ban nhân dân xã mô phỏng ${i + 1}`, nameEn: `People's Committee of simulated commune ${i + 1}`,
          level: 'commune', type: 'ubnd', parentId: 'tv-ubnd', provinceId: 'tv', effectiveFrom: '2024-01-01',
        }, 'admin');
      }
      for (const [i, id] of SIM_POWERS.entries()) {
        await post('/api/v1/powers', {
          id, code: id, titleVi: `Nhiệm vụ mô phỏng số ${i + 1}`, titleEn: `Simulated power ${i + 1}`, sector: 'noi-vu',
          legalHolderBodyId: 'tv-ubnd', legalSource: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 13', delegable: true, effectiveFrom: '2008-01-01',
        }, 'admin');
      }
    });
    at('2026-07-20', () => post('/api/v1/bodies/tv-ubnd-cang-long/abolish', { successorId: NEW_COMMUNES[0], effectiveFrom: '2026-09-01', reason: 'Sắp xếp đơn vị hành chính' }, 'admin').then(() => undefined));
    at('2026-08-10', () => post('/api/v1/powers/TV-SIM-03/revise', { changes: { delegable: false }, reason: 'Luật sửa đổi 2026', effectiveFrom: '2026-08-10' }, 'admin').then(() => undefined));
    at('2026-10-10', () => post(`/api/v1/bodies/${NEW_COMMUNES[1]}/merge`, { intoBodyId: NEW_COMMUNES[2], effectiveFrom: '2026-10-10' }, 'admin').then(() => undefined));
    at('2026-11-05', () => post('/api/v1/bodies/tv-ubnd-cang-long/reassign-delegations', { successorId: NEW_COMMUNES[0], effectiveFrom: '2026-11-05', documentNumber: '900/QĐ-UBND', reason: 'Sắp xếp' }, 'admin').then(() => undefined));
    at('2026-12-10', () => post('/api/v1/bodies/qn-ubnd-tam-hiep/merge', { intoBodyId: 'qn-ubnd-tt-nui-thanh', effectiveFrom: '2027-01-01' }, 'qn.admin').then(() => undefined));

    // The decisions, each a life of commands at increasing days.
    const N_TV = 190;
    const N_QN = 40;
    for (let n = 0; n < N_TV + N_QN; n++) {
      const qn = n >= N_TV;
      const ref = { id: '' };
      const id = () => ref.id;
      const start = addDays(SETUP_FROM, rnd.int(1, 700)); // 2025-01 … 2026-12
      const kind = qn || rnd.chance(0.55) ? 'uy-quyen' : 'phan-cap';
      const proposer = qn ? 'qn.proposer' : rnd.pick(['proposer', 'proposer.xd']);
      const users = qn
        ? { lead: 'qn.reviewer.lead', reviewer: 'qn.reviewer', reviewerId: 'user-qn.reviewer', committee: 'qn.committee' }
        : { lead: 'reviewer.lead', reviewer: 'reviewer', reviewerId: 'user-reviewer', committee: 'committee' };
      const powers = qn ? rnd.some(['QN-XD-01', 'QN-DD-01'], rnd.int(1, 2)) : rnd.some(TV_POWERS, rnd.chance(0.8) ? 1 : 2);
      const delegate = qn ? rnd.pick(QN_DELEGATES) : rnd.pick(TV_DELEGATES);
      // Issued ones take effect 5–60 days after the proposal's last step; the plan fixes the dates up front.
      let day = start;
      const next = (lo: number, hi: number) => (day = addDays(day, rnd.int(lo, hi)));
      const lifeDays = 30;
      const effectiveFrom = addDays(start, lifeDays + rnd.int(5, 60));
      const periodTo = addDays(effectiveFrom, rnd.int(60, 600));
      const body = kind === 'uy-quyen'
        ? uyQuyenProposal({
          title: `Ủy quyền mô phỏng số ${n + 1}`, powerIds: powers, delegateBodyId: delegate, sector: 'noi-vu',
          period: { from: effectiveFrom, to: periodTo }, conditions: ['Báo cáo hằng quý'],
          ...(qn ? { delegatorBodyId: 'qn-ubnd-nui-thanh' } : {}),
        })
        : phanCapProposal({ title: `Phân cấp mô phỏng số ${n + 1}`, powerIds: powers, delegateBodyId: delegate, sector: 'noi-vu' });
      counts.decisions++;
      at(day, async () => {
        ref.id = (await post('/api/v1/decisions', body, proposer)).decisionId;
      });
      const fate = rnd.next();
      if (fate < 0.06) continue; // a draft
      at(next(1, 3), act(id, 'submit', proposer));
      if (fate < 0.12) continue; // waits for a reviewer
      at(next(1, 6), act(id, 'assign-reviewer', users.lead, { reviewerId: users.reviewerId }));
      if (rnd.chance(0.3)) { // a revision round that changes the powers asked for
        at(next(1, 8), act(id, 'request-revision', users.reviewer, { reasons: ['Làm rõ phạm vi nhiệm vụ'] }));
        const revised = qn ? ['QN-XD-01'] : rnd.some(TV_POWERS, rnd.int(1, 2));
        at(next(1, 8), act(id, 'resubmit', proposer, { response: 'Đã điều chỉnh', changes: { powerIds: revised } }));
      }
      if (fate < 0.18) continue; // in appraisal
      if (fate < 0.24) {
        at(next(1, 5), act(id, 'withdraw', proposer, { reason: 'Chờ hướng dẫn mới' }));
        counts.withdrawn++;
        continue;
      }
      at(next(1, 12), act(id, 'appraise', users.reviewer, { opinion: 'favourable', reportNumber: `${n + 1}/BC-SNV`, summary: 'Đạt' }));
      if (kind === 'phan-cap') {
        at(next(1, 6), act(id, 'record-legal-appraisal', 'legal', { opinion: 'lawful', reportNumber: `${n + 1}/BC-STP` }));
        at(next(1, 4), act(id, 'submit-to-council', 'committee', { submissionNumber: `${n + 1}/TTr-UBND`, submittedOn: day }));
        at(next(1, 10), act(id, 'record-council-vote', 'council', {
          session: 'Kỳ họp thường lệ', sessionDate: day, resolutionNumber: `${n + 1}/2026/NQ-HĐND`, totalDelegates: 50, votesFor: 40, votesAgainst: 6, abstentions: 4,
        }));
      } else {
        at(next(1, 6), act(id, 'decide', users.committee, { outcome: 'approved', decidedBy: 'chairman' }));
      }
      if (fate < 0.28) continue; // approved, not yet issued
      if (day >= effectiveFrom) continue; // the plan ran late: left approved
      const issueDay = addDays(effectiveFrom, -rnd.int(1, 5)) < day ? day : addDays(effectiveFrom, -rnd.int(1, 5));
      day = issueDay;
      at(day, act(id, 'issue', users.committee, { documentNumber: `${n + 1}/QĐ-UBND`, signer: 'Chủ tịch', signedOn: day, effectiveFrom }));
      counts.issued++;
      // Life in effect: reports of the quarters (some late, some missing), evaluations, an amendment, an end.
      const end = kind === 'uy-quyen' ? addDays(periodTo, 1) : '2099-01-01';
      let ended = end; // the first day it no longer runs
      let closed = SIM_TO; // the day after which nothing more is filed (revoked, expired)
      const lateFate = rnd.next();
      if (lateFate < 0.12) {
        const revokeFrom = addDays(effectiveFrom, rnd.int(30, 400));
        const revokeDay = addDays(revokeFrom, -rnd.int(1, 20));
        if (revokeFrom < end && revokeDay > day) {
          at(revokeDay, act(id, 'revoke', users.committee, { documentNumber: `R${n + 1}/QĐ`, reason: 'Điều chỉnh', effectiveFrom: revokeFrom }));
          ended = revokeFrom;
          closed = revokeDay;
          counts.revoked++;
        }
      }
      if (lateFate >= 0.12 && lateFate < 0.3 && !qn) {
        const amendDay = addDays(effectiveFrom, rnd.int(10, 300));
        const amendFrom = addDays(amendDay, rnd.int(0, 20));
        if (amendFrom < addDays(ended, -1) && amendDay <= SIM_TO) {
          at(amendDay, act(id, 'amend', 'committee', { documentNumber: `A${n + 1}/QĐ`, reason: 'Giao thêm', effectiveFrom: amendFrom, changes: { powerIds: rnd.some(TV_POWERS, rnd.int(1, 3)) } }));
          counts.amended++;
        }
      }
      // Quarterly reports, due before the 15th of the quarter's last month; filed on time, late, or never.
      for (let y = Number(effectiveFrom.slice(0, 4)); y <= 2027; y++) {
        for (const q of [1, 2, 3, 4]) {
          const due = `${y}-${String(q * 3).padStart(2, '0')}-15`;
          if (due <= effectiveFrom || due > SIM_TO || addDays(due, -60) >= ended) continue;
          const r = rnd.next();
          if (r < 0.25) continue; // missing
          const filed = r < 0.8 ? addDays(due, -rnd.int(1, 20)) : addDays(due, rnd.int(1, 40));
          if (filed <= day || filed >= ended || filed >= closed) continue;
          at(filed, act(id, 'file-report', proposer, { period: `${y}-Q${q}`, summary: 'Đã thực hiện', documents: [] }));
          counts.reports++;
        }
      }
      for (const year of [2025, 2026]) {
        const evalDay = addDays(`${year + 1}-01-01`, rnd.int(0, 60));
        if (effectiveFrom >= `${year + 1}-01-01` || evalDay <= day || evalDay >= ended || evalDay >= closed || rnd.chance(0.35)) continue;
        at(evalDay, act(id, 'record-evaluation', users.reviewer, { year, result: 'effective', summary: 'Thực hiện tốt' }));
        counts.evaluations++;
      }
      if (kind === 'uy-quyen' && ended === end && rnd.chance(0.5)) {
        const expireDay = addDays(end, rnd.int(0, 20));
        if (expireDay <= SIM_TO) {
          at(expireDay, act(id, 'expire', users.committee));
          counts.expired++;
        }
      }
    }

    steps.sort((a, b) => (a.day < b.day ? -1 : a.day > b.day ? 1 : a.seq - b.seq));
    const cut = steps.findIndex((s) => s.day > SIM_TO);
    if (cut >= 0) steps.length = cut; // the lives go on after the simulated year
    const dispatcher = t.app.get(IntentDispatcher);
    const follow = async () => {
      while ((await dispatcher.poll()) > 0);
    };
    const store = t.app.get(DecisionStore);
    const loader = t.app.get(CheckContextLoader);
    const reference = new ReferenceCheckContextLoader(t.db, () => t.clock.now(), loader.settings());

    /** (a) Every decision's findings, with the indexed loader and with the one that reads everything. */
    const loaderMismatches: Array<{ day: string; id: string; stage: string }> = [];
    let comparedA = 0;
    const compareLoaders = async (day: string) => {
      const all: Array<{ id: string }> = await t.db.query(`SELECT id FROM decision_list ORDER BY id`);
      await inParallel(all, async ({ id }) => {
        const { state } = await store.load(id);
        const fast = runChecks(await loader.load(state));
        const slow = runChecks(await reference.load(state));
        comparedA++;
        if (JSON.stringify(fast) !== JSON.stringify(slow)) {
          loaderMismatches.push({ day, id, stage: state.stage });
          if (loaderMismatches.length === 1) expect({ day, id, findings: fast }).toEqual({ day, id, findings: slow });
        }
      });
    };

    /** (b) The open findings the product recorded, against checking every issued decision today. */
    const passMismatches: Array<{ day: string; id: string; missing: string[]; extra: string[] }> = [];
    let comparedB = 0;
    const comparePass = async (day: string) => {
      const issued: Array<{ id: string }> = await t.db.query(`SELECT id FROM decision_list WHERE stage = 'issued' ORDER BY id`);
      await inParallel(issued, async ({ id }) => {
        const { state } = await store.load(id);
        const truth = runChecks(await reference.load(state)).findings.map(findingIdOf).sort();
        const recorded = (await t.db.query(`SELECT finding_id FROM findings WHERE decision_id = $1 AND open ORDER BY finding_id`, [id]) as Array<{ finding_id: string }>)
          .map((r) => r.finding_id).sort();
        comparedB++;
        const missing = truth.filter((f) => !recorded.includes(f));
        const extra = recorded.filter((f) => !truth.includes(f));
        if (missing.length || extra.length) passMismatches.push({ day, id, missing, extra });
      });
    };

    const keyDays = new Set(['2026-06-15', '2026-09-01', '2026-09-15', '2026-12-01', '2026-12-15', '2027-01-01', '2027-02-01', '2027-03-01', '2027-03-15', SIM_TO]);
    const ms = { steps: 0, follow: 0, tick: 0, pass: 0, loaders: 0 };
    const timed = async (k: keyof typeof ms, f: () => Promise<unknown>) => { const t0 = Date.now(); await f(); ms[k] += Date.now() - t0; };
    let i = 0;
    let checkedDaily = 0;
    let passes = 0;
    for (let day = steps[0].day; day <= SIM_TO; day = addDays(day, 1)) {
      const todays: Step[] = [];
      while (i < steps.length && steps[i].day === day) todays.push(steps[i++]);
      if (!todays.length && day < SIM_FROM) continue;
      t.clock.set(`${day}T02:00:00Z`); // 09:00 in Vietnam
      await timed('steps', async () => { for (const s of todays) await s.run(); });
      await timed('follow', follow);
      if (day < SIM_FROM) continue;
      // The daily pass: what DueChecks plans (the first one: every issued decision), then the checks it queued.
      await timed('tick', async () => { checkedDaily += (await t.app.get(Reconciler).tick()).checksScheduled; await follow(); });
      passes++;
      await timed('pass', () => comparePass(day));
      if (keyDays.has(day)) await timed('loaders', () => compareLoaders(day));
    }
    expect(i).toBe(steps.length);

    const issuedNow = Number((await t.db.query(`SELECT count(*) AS n FROM decision_list WHERE stage = 'issued'`))[0].n);
    const openFindings = await t.db.query(`SELECT rule_id, count(*)::int AS n FROM findings WHERE open GROUP BY rule_id ORDER BY rule_id`) as Array<{ rule_id: string; n: number }>;
    const events = Number((await t.db.query(`SELECT count(*) AS n FROM events`))[0].n);
    // Checked by breaking the new code: without DueChecks' shared-power-validity, or without the
    // recheck-related intents, (b) fails.
    expect(loaderMismatches.slice(0, 20)).toEqual([]);
    expect(passMismatches.slice(0, 20)).toEqual([]);
    // The log is what it claims to be: hundreds of decisions, every kind of life, findings of most rules.
    console.log(JSON.stringify({ loaderMismatches: loaderMismatches.length, passMismatches: passMismatches.length, ms, counts, events, issuedNow, passes, checkedDaily, everyIssuedEveryDay: comparedB, comparedA, openFindings }));
    expect(counts.decisions).toBeGreaterThanOrEqual(200);
    expect(counts.issued).toBeGreaterThan(100);
    expect(Math.min(counts.amended, counts.revoked, counts.expired, counts.withdrawn, counts.reports, counts.evaluations)).toBeGreaterThan(5);
    expect(openFindings.map((r) => r.rule_id)).toEqual(expect.arrayContaining([
      'at-most-two-levels', 'one-power-one-holder', 'permitted-pair-and-delegable', 'quarterly-report-due', 'yearly-evaluation',
      'uy-quyen-ending', 'delegate-body-reorganised', 'transition-lapse-2027',
    ]));
    // The daily pass checked far fewer than every issued decision every day.
    expect(checkedDaily).toBeLessThan(comparedB / 2);

  }, 1_800_000);
});
