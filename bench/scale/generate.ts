import { Module, type DynamicModule, type INestApplicationContext } from '@nestjs/common';
import { CommandBus } from '@nestjs/cqrs';
import { NestFactory } from '@nestjs/core';
import { getDataSourceToken } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { AuditModule } from '@app/audit';
import { commandInput, ExecuteDecisionCommand, ExpirySweep, DelegationModule, type CommandInput, type CommandType } from '@app/delegation';
import { hashPassword } from '@app/identity';
import { Clock, KernelModule } from '@app/kernel';
import { DatabaseModule, IntentDispatcher, OperatorModule, Reconciler } from '@app/operator';
import { BodyStore, OrganisationModule, PowerStore } from '@app/organisation';
import { log, rate } from '../support/report.js';
import { LEGAL_DOCUMENTS, REORGANISED_ON, prng } from './geography.js';
import { DAY, JUSTIFICATIONS, dayNum, isoDay, localGovernmentLaw, planDecisions, type DecisionPlan, type Step } from './plan.js';
import { buildWorld, type BodyPlan, type World } from './world.js';

/*
 * The national-scale log, generated through the product's own command path: a Nest application
 * context of the same modules as the operator CLI (no HTTP), with the clock replaced by a simulated
 * one that walks ten years day by day. Each simulated day runs that day's commands through the
 * CommandBus (ExecuteDecisionCommand, the same handler the API's controllers call, with the caller's
 * province as the API passes it), then what the background does each day: the expiry sweep, the
 * intent dispatcher (checks after each change, through CheckDecisionProcessor, and re-checks of the
 * decisions a body's reorganisation touches) and the reconciler's tick (the daily check pass and the
 * reminders), with the in-process job queue (no Redis). Bodies and powers go through their stores'
 * pipelines (BodyEstablished, PowerDefined, BodyMerged, BodyAbolished). Only the users (not
 * event-sourced) and the legal documents (reference data) are inserted by SQL, as the demo seed does.
 */

/** The simulated clock: a day's 08:00 in Vietnam, one millisecond later at every reading. */
export class SimClock extends Clock {
  private t = 0;
  set(day: string, hour = 8): void {
    this.t = Math.max(this.t, Date.parse(`${day}T${String(hour).padStart(2, '0')}:00:00+07:00`));
  }
  now(): Date {
    return new Date(this.t++);
  }
}

@Module({})
class ScaleModule {
  static forRoot(clock: Clock): DynamicModule {
    return {
      module: ScaleModule,
      imports: [
        KernelModule.forRoot({ clock }),
        DatabaseModule.forRoot({ migrationsRun: true }),
        OrganisationModule,
        DelegationModule,
        AuditModule,
        OperatorModule.forRoot({ role: 'cli' }),
      ],
    };
  }
}

export interface ScaleSettings {
  events: number;
  start: string;
  end: string;
  concurrency: number;
  seed: number;
}

export interface GenerationReport {
  events: number;
  decisions: number;
  bodies: number;
  seconds: number;
  /** CPU seconds of this process (the generator and the whole command path in it), user + system; PostgreSQL's are not counted. */
  cpuSeconds: number;
  refused: Map<string, number>;
  ticks: number[];
  tickChecks: number[];
  /** Per command type: how many ran. */
  commands: Map<string, number>;
}

const SYSTEM_META = (at: string) => ({ actorId: 'system', actorRole: 'system', actorBodyId: 'system', occurredAt: at, correlationId: 'scale-seed' });

export async function bootContext(url: string, clock: Clock): Promise<INestApplicationContext> {
  Object.assign(process.env, {
    DATABASE_URL: url, BACKGROUND_JOBS: 'off', EXPIRY_SWEEP_INTERVAL_MS: '0', REDIS_URL: '', SMTP_URL: '', DB_POOL_SIZE: '10',
  });
  return NestFactory.createApplicationContext(ScaleModule.forRoot(clock), { logger: ['error'] });
}

export async function generate(url: string, s: ScaleSettings): Promise<GenerationReport> {
  const clock = new SimClock();
  clock.set(s.start);
  const started = performance.now();
  const cpu0 = process.cpuUsage();
  // The size of the country follows the size of the log: 97 new communes per province (3,300 in
  // all, as in 2025) at 1M events, fewer for a smaller log, so bodies stay a few per cent of it.
  const communes = Math.max(4, Math.min(97, Math.round(s.events / 10_000)));
  const districts = Math.max(2, Math.min(10, Math.round(communes / 10)));
  const world = buildWorld({ communes, districts });
  const app = await bootContext(url, clock);
  try {
    const g = new Generator(app, world, clock, s);
    const report = await g.run(started);
    const cpu = process.cpuUsage(cpu0);
    return { ...report, cpuSeconds: (cpu.user + cpu.system) / 1e6 };
  } finally {
    await app.close();
  }
}

class Generator {
  private readonly bus: CommandBus;
  private readonly db: DataSource;
  private readonly bodies: BodyStore;
  private readonly powers: PowerStore;
  private readonly dispatcher: IntentDispatcher;
  private readonly reconciler: Reconciler;
  private readonly sweep: ExpirySweep;
  private readonly names = new Map<string, string>();
  private readonly userOf = new Map<string, { userId: string; role: string; bodyId: string }>();
  private readonly refused = new Map<string, number>();
  private readonly commands = new Map<string, number>();
  private readonly counters = new Map<string, number>();
  private readonly provinceOfUser = new Map<string, string>();

  constructor(app: INestApplicationContext, private readonly world: World, private readonly clock: SimClock, private readonly s: ScaleSettings) {
    this.bus = app.get(CommandBus);
    this.db = app.get<DataSource>(getDataSourceToken());
    this.bodies = app.get(BodyStore);
    this.powers = app.get(PowerStore);
    this.dispatcher = app.get(IntentDispatcher);
    this.reconciler = app.get(Reconciler);
    this.sweep = app.get(ExpirySweep);
    for (const b of [...world.bodies, ...world.newBodies]) this.names.set(b.id, b.nameVi);
    for (const u of world.users) this.provinceOfUser.set(u.id, u.provinceId);
    for (const u of world.users) this.userOf.set(`${u.bodyId}/${u.role}`, { userId: u.id, role: u.role, bodyId: u.bodyId });
  }

  async run(started: number): Promise<Omit<GenerationReport, 'cpuSeconds'>> {
    const { world, s } = this;
    for (const b of world.bodies) await this.establish(b);
    await this.seedReference();
    for (const p of world.powers) {
      const out = await this.powers.execute(p.id, { type: 'define', data: { powerId: p.id, code: p.id, ...p, procedureCodes: [], effectiveFrom: '2008-01-01' } } as never, SYSTEM_META(this.clock.now().toISOString()));
      if (!out.ok) throw new Error(`power ${p.id}: ${JSON.stringify(out.refusal)}`);
    }
    const bodyEvents = Number((await this.db.query(`SELECT count(*)::int AS n FROM events`))[0].n);
    // What the bodies and the checks add besides the planned steps: about 12% (measured at 100k).
    const plans = planDecisions(world, { steps: Math.max(100, Math.round((s.events - bodyEvents - world.newBodies.length - world.reorganisations.length) / 1.12)), start: s.start, end: s.end, seed: s.seed });
    log(`    the country: ${world.bodies.length + world.newBodies.length} bodies (${world.provinces.length} provinces, ${world.oldProvinces.length} before 1/7/2025, `
      + `${world.newBodies.length} new communes, ${world.reorganisations.length} merged or abolished), ${world.powers.length} powers, ${world.users.length} users; `
      + `${plans.length} decisions planned with ${plans.reduce((n, p) => n + p.steps.length, 0)} steps, ${s.start} → ${s.end}`);

    const byDay = new Map<number, Array<[DecisionPlan, Step[]]>>();
    for (const p of plans) {
      const days = new Map<number, Step[]>();
      for (const st of p.steps) days.set(st.day, [...(days.get(st.day) ?? []), st]);
      for (const [d, sts] of days) byDay.set(d, [...(byDay.get(d) ?? []), [p, sts]]);
    }
    const ticks: number[] = [];
    const tickChecks: number[] = [];
    const first = dayNum(s.start);
    const last = dayNum(s.end);
    const reorg = dayNum(REORGANISED_ON);
    let lastReport = performance.now();
    for (let d = first; d <= last; d++) {
      const day = isoDay(d);
      this.clock.set(day);
      if (d === reorg) await this.reorganise(day);
      const today = byDay.get(d) ?? [];
      byDay.delete(d);
      let next = 0;
      await Promise.all(Array.from({ length: Math.min(s.concurrency, today.length) }, async () => {
        while (next < today.length) {
          const [plan, steps] = today[next++];
          for (const st of steps) await this.step(plan, st, day);
        }
      }));
      // The background's day: ủy quyền past their period expire, then what the commands asked for
      // (intents: checks), then the reconciler's daily pass and reminders.
      this.clock.set(day, 9);
      await this.sweep.sweep();
      while ((await this.dispatcher.poll(500)) > 0);
      this.clock.set(day, 10);
      const t0 = performance.now();
      const tick = await this.reconciler.tick();
      ticks.push(performance.now() - t0);
      tickChecks.push(tick.checksScheduled);
      while ((await this.dispatcher.poll(500)) > 0);
      if (performance.now() - lastReport > 30_000 || d === last) {
        lastReport = performance.now();
        const n = Number((await this.db.query(`SELECT count(*)::int AS n FROM events`))[0].n);
        const secs = (performance.now() - started) / 1000;
        log(`    ${day}: ${n.toLocaleString('en-US')} events, ${secs.toFixed(0)} s (${rate(n / secs, 'events/s')})`);
      }
    }
    const events = Number((await this.db.query(`SELECT count(*)::int AS n FROM events`))[0].n);
    return {
      events, decisions: plans.length, bodies: world.bodies.length + world.newBodies.length, seconds: (performance.now() - started) / 1000,
      refused: this.refused, ticks, tickChecks, commands: this.commands,
    };
  }

  private async seedReference(): Promise<void> {
    const hash = await hashPassword(process.env.SCALE_PASSWORD ?? 'PhanCap@2026');
    const users = this.world.users;
    for (let i = 0; i < users.length; i += 500) {
      const chunk = users.slice(i, i + 500);
      await this.db.query(
        `INSERT INTO users (id, username, display_name, password_hash, role, body_id, email)
         SELECT u.id, u.id, u.name, $1, u.role, u.body, u.id || '@scale.example' FROM unnest($2::text[], $3::text[], $4::text[], $5::text[]) AS u(id, name, role, body)
         ON CONFLICT (username) DO NOTHING`,
        [hash, chunk.map((u) => u.id), chunk.map((u) => u.displayName), chunk.map((u) => u.role), chunk.map((u) => u.bodyId)],
      );
    }
    for (const d of LEGAL_DOCUMENTS) {
      await this.db.query(`INSERT INTO legal_documents (number, title, in_force_from, in_force_until) VALUES ($1,$2,$3,$4) ON CONFLICT (number) DO NOTHING`,
        [d.number, d.title, d.inForceFrom, d.inForceUntil]);
    }
  }

  private async establish(b: BodyPlan): Promise<void> {
    const out = await this.bodies.execute(b.id, {
      type: 'establish',
      data: { bodyId: b.id, nameVi: b.nameVi, nameEn: b.nameEn, level: b.level, type: b.type, parentId: b.parentId, provinceId: b.provinceId, effectiveFrom: b.establishedOn },
    }, SYSTEM_META(this.clock.now().toISOString()));
    if (!out.ok) throw new Error(`body ${b.id}: ${JSON.stringify(out.refusal)}`);
  }

  /** 1/7/2025: the new communes, the mergers and abolitions, then the delegations in effect moved to the successors. */
  private async reorganise(day: string): Promise<void> {
    const t0 = performance.now();
    for (const b of this.world.newBodies) await this.establish(b);
    for (const r of this.world.reorganisations) {
      const command = r.kind === 'merge'
        ? { type: 'merge' as const, data: { intoBodyId: r.intoBodyId, effectiveFrom: day } }
        : { type: 'abolish' as const, data: { successorId: r.successorId, effectiveFrom: day, reason: r.reason } };
      const out = await this.bodies.execute(r.bodyId, command, SYSTEM_META(this.clock.now().toISOString()));
      if (!out.ok) throw new Error(`reorganising ${r.bodyId}: ${JSON.stringify(out.refusal)}`);
    }
    const ended = [...this.world.successor.keys()];
    const issued: Array<{ id: string; delegator: string; delegate: string }> = await this.db.query(
      `SELECT id, delegator_body_id AS delegator, delegate_body_id AS delegate FROM decision_list
        WHERE stage = 'issued' AND (delegator_body_id = ANY($1) OR delegate_body_id = ANY($1)) ORDER BY id`,
      [ended],
    );
    let moved = 0;
    for (const dcs of issued) {
      for (const from of [dcs.delegator, dcs.delegate]) {
        const to = this.finalSuccessor(from);
        if (to === from) continue;
        const admin = this.actor('admin', this.provinceOfBody(to));
        await this.exec(dcs.id, commandInput('reassign', admin as never, {
          fromBodyId: from, toBodyId: to, effectiveFrom: day, documentNumber: `${this.next('qd-sx')}/QĐ-UBND`,
          reason: 'Sắp xếp tổ chức bộ máy, chính quyền địa phương hai cấp từ ngày 01/7/2025',
        }), 'reassign');
        moved++;
      }
    }
    log(`    ${day}: reorganisation: ${this.world.newBodies.length} communes established, ${this.world.reorganisations.length} bodies merged or abolished, `
      + `${moved} re-assignments of ${issued.length} delegations in effect, ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  }

  private finalSuccessor(id: string): string {
    let cur = id;
    while (this.world.successor.has(cur)) cur = this.world.successor.get(cur)!;
    return cur;
  }

  private provinceOfBody(id: string): string {
    return id.split('-')[0];
  }

  private next(key: string): number {
    const n = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, n);
    return n;
  }

  /** The user of `role` in the old province `code` (before 1/7/2025) or the continuing one. */
  private actor(role: string, code: string): { userId: string; role: string; bodyId: string } {
    const body = role === 'legal-appraiser' ? `${code}-so-tu-phap` : role === 'council-office' ? `${code}-hdnd`
      : role === 'committee-office' ? `${code}-vp-ubnd` : role === 'auditor' ? `${code}-thanh-tra` : `${code}-so-noi-vu`;
    const u = this.userOf.get(`${body}/${role}`);
    if (!u) throw new Error(`no ${role} user in ${code}`);
    return u;
  }

  private async exec(decisionId: string, input: CommandInput, label: string): Promise<boolean> {
    const provinceId = this.provinceOfUser.get(input.actor.userId);
    try {
      await this.bus.execute(new ExecuteDecisionCommand(decisionId, input, { provinceId, scope: provinceId ? { provinceId } : undefined }));
      this.commands.set(label, (this.commands.get(label) ?? 0) + 1);
      return true;
    } catch (e) {
      const err = e as { slug?: string; extensions?: { errors?: unknown }; message: string };
      const why = `${err.slug ?? 'error'}: ${err.message.slice(0, 200)}`;
      const key = `${label}: ${why}`;
      this.refused.set(key, (this.refused.get(key) ?? 0) + 1);
      if (this.refused.get(key) === 1 && process.env.SCALE_VERBOSE) log(`    refused ${key} ${JSON.stringify(err.extensions ?? '')}`);
      return false;
    }
  }

  /** One planned step as the command its role would send, on the simulated day. */
  private async step(p: DecisionPlan, st: Step, day: string): Promise<void> {
    const after = day >= REORGANISED_ON;
    // After 1/7/2025 the continuing province's staff act; the proposing body acts on its own proposal.
    const code = after ? this.world.provinces.find((x) => x.province === p.old.province)!.old.code : p.old.old.code;
    const rng = prng(p.seed + st.day * 31 + st.a);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rng() * xs.length)];
    const proposerOwn = this.userOf.get(`${p.proposerBodyId}/proposer`)!;
    const proposerNow = after ? this.userOf.get(`${this.finalSuccessor(p.proposerBodyId)}/proposer`) ?? proposerOwn : proposerOwn;
    const ubndName = this.names.get(`${code}-ubnd`) ?? '';
    const a = <K extends CommandType>(type: K, role: string, data: unknown) =>
      commandInput(type, (role === 'proposer' ? proposerOwn : this.actor(role, code)) as never, data as never);
    let input: CommandInput;
    switch (st.type) {
      case 'propose': {
        const delegate = this.names.get(p.delegateBodyId) ?? p.delegateBodyId;
        const verb = p.kind === 'phan-cap' ? 'Phân cấp' : 'Ủy quyền';
        const n = this.next(`tt-${p.proposerBodyId}`);
        input = a('propose', 'proposer', {
          decisionId: p.id, kind: p.kind, proposerBodyId: p.proposerBodyId, workflowVersion: 1,
          title: `${verb} ${p.powerIds.length} nhiệm vụ, quyền hạn lĩnh vực ${p.sector} cho ${delegate}`,
          delegatorBodyId: p.reorganised ? `${code}-ubnd` : p.old.ubnd, delegateBodyId: p.delegateBodyId, powerIds: p.powerIds, sector: p.sector,
          legalBasis: [localGovernmentLaw(day), 'Nghị quyết 04/NQ-CP về đẩy mạnh phân cấp, phân quyền trong quản lý nhà nước'],
          resources: p.kind === 'phan-cap'
            ? { budgetVnd: 100_000_000 * (2 + Math.floor(rng() * 40)), staffPositions: 1 + Math.floor(rng() * 5), facilities: ['Bộ phận một cửa'] }
            : { budgetVnd: 0, staffPositions: 0, facilities: [], noResourcesReason: 'Thực hiện bằng nguồn lực hiện có của cơ quan nhận ủy quyền' },
          ...(p.period && { period: p.period }),
          conditions: ['Báo cáo kết quả thực hiện hằng quý', ...(p.kind === 'uy-quyen' ? ['Không ủy quyền lại cho cơ quan, tổ chức khác'] : [])],
          justification: pick(JUSTIFICATIONS),
          documents: [{ title: `Tờ trình số ${n}/TTr-${p.proposerBodyId.toUpperCase()}`, reference: `${n}/TTr` }],
        });
        break;
      }
      case 'update-draft':
        input = a('update-draft', 'proposer', { changes: { justification: pick(JUSTIFICATIONS), conditions: ['Báo cáo kết quả thực hiện hằng quý', `Công khai quy trình giải quyết tại Bộ phận một cửa (lần ${st.a})`] } });
        break;
      case 'submit':
        input = a('submit', 'proposer', {});
        break;
      case 'assign-reviewer':
        input = a('assign-reviewer', 'reviewer-lead', { reviewerId: this.actor('reviewer', code).userId });
        break;
      case 'request-revision':
        input = a('request-revision', 'reviewer', { reasons: [pick(['Bổ sung thuyết minh nguồn lực bảo đảm thực hiện', 'Làm rõ điều kiện, trình tự thực hiện', 'Bổ sung đánh giá tác động đối với người dân, doanh nghiệp'])] });
        break;
      case 'resubmit':
        input = a('resubmit', 'proposer', { response: 'Đã tiếp thu, bổ sung theo ý kiến thẩm định', ...(rng() < 0.5 && p.kind === 'phan-cap' && { changes: { resources: { budgetVnd: 100_000_000 * (5 + Math.floor(rng() * 40)), staffPositions: 2 + Math.floor(rng() * 5), facilities: ['Bộ phận một cửa'] } } }) });
        break;
      case 'appraise':
        input = a('appraise', 'reviewer', st.a
          ? { opinion: 'favourable', reportNumber: `${this.next(`bc-${code}`)}/BC-SNV`, summary: 'Đủ điều kiện phân cấp, ủy quyền' }
          : { opinion: 'unfavourable', reportNumber: `${this.next(`bc-${code}`)}/BC-SNV`, summary: 'Chưa đủ điều kiện', reasons: ['Cơ quan nhận chưa bảo đảm nguồn lực thực hiện'] });
        break;
      case 'record-legal-appraisal':
        input = a('record-legal-appraisal', 'legal-appraiser', st.a
          ? { opinion: 'lawful', reportNumber: `${this.next(`tdpl-${code}`)}/BC-STP` }
          : { opinion: 'unlawful', reportNumber: `${this.next(`tdpl-${code}`)}/BC-STP`, reasons: ['Nội dung phân cấp thuộc thẩm quyền không được phân cấp theo luật chuyên ngành'] });
        break;
      case 'submit-to-council':
        input = a('submit-to-council', 'committee-office', { submissionNumber: `${this.next(`tt-ubnd-${code}`)}/TTr-UBND`, submittedOn: day });
        break;
      case 'record-council-vote': {
        const total = st.b ?? 50;
        const votesFor = st.a ? Math.ceil(total * (0.6 + rng() * 0.38)) : Math.floor(total * (0.2 + rng() * 0.28));
        const votesAgainst = Math.floor((total - votesFor) * rng());
        const abstentions = Math.floor((total - votesFor - votesAgainst) * rng());
        input = a('record-council-vote', 'council-office', {
          session: `Kỳ họp thứ ${1 + (this.next(`kh-${code}`) % 30)}, ${this.names.get(`${code}-hdnd`)}`, sessionDate: day,
          ...(st.a && { resolutionNumber: `${this.next(`nq-${code}`)}/NQ-HĐND` }), totalDelegates: total, votesFor, votesAgainst, abstentions,
          ...(!st.a && { reasons: ['Không đạt quá nửa tổng số đại biểu Hội đồng nhân dân tán thành'] }),
        });
        break;
      }
      case 'decide':
        input = a('decide', 'committee-office', st.a
          ? { outcome: 'approved', decidedBy: rng() < 0.6 ? 'chairman' : 'committee' }
          : { outcome: 'rejected', decidedBy: 'committee', reasons: ['Chưa cần thiết ủy quyền trong giai đoạn hiện nay'] });
        break;
      case 'issue': {
        let effectiveFrom = isoDay(dayNum(day) + (st.b ?? 0));
        if (p.period && effectiveFrom < p.period.from) effectiveFrom = p.period.from;
        input = a('issue', 'committee-office', { documentNumber: `${this.next(`qd-${code}`)}/QĐ-UBND`, signer: `Chủ tịch ${ubndName}`, signedOn: day, effectiveFrom });
        break;
      }
      case 'file-report': {
        const period = `${Math.floor(st.a / 10)}-Q${st.a % 10}`;
        input = commandInput('file-report', proposerNow as never, {
          period, summary: `Đã giải quyết ${20 + Math.floor(rng() * 400)} hồ sơ, đúng hạn ${85 + Math.floor(rng() * 15)}%`,
          documents: [{ title: `Báo cáo kết quả thực hiện quý ${st.a % 10}/${Math.floor(st.a / 10)}`, reference: `${this.next(`bcq-${code}`)}/BC` }],
        } as never);
        break;
      }
      case 'record-evaluation': {
        const result = (['effective', 'needs-adjustment', 'ineffective'] as const)[st.b ?? 0];
        input = a('record-evaluation', 'reviewer', {
          year: st.a, result, summary: result === 'effective' ? 'Thực hiện hiệu quả' : result === 'needs-adjustment' ? 'Cần điều chỉnh điều kiện thực hiện' : 'Không hiệu quả, đề nghị thu hồi',
          ...(result !== 'effective' && { recommendations: ['Rà soát, điều chỉnh nội dung phân cấp'] }),
        });
        break;
      }
      case 'amend':
        input = a('amend', 'committee-office', {
          documentNumber: `${this.next(`qd-${code}`)}/QĐ-UBND`, reason: 'Điều chỉnh điều kiện thực hiện theo kết quả đánh giá', effectiveFrom: day,
          changes: { conditions: ['Báo cáo kết quả thực hiện hằng quý', 'Công khai kết quả giải quyết trên Cổng dịch vụ công'] },
        });
        break;
      case 'revoke':
        input = a('revoke', 'committee-office', { documentNumber: `${this.next(`qd-${code}`)}/QĐ-UBND`, reason: 'Cơ quan nhận không bảo đảm điều kiện thực hiện', effectiveFrom: day });
        break;
      case 'withdraw':
        input = a('withdraw', 'proposer', { reason: 'Rút để hoàn thiện lại hồ sơ' });
        break;
    }
    await this.exec(p.id, input, st.type);
  }
}

export { DAY };
