import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { IntentDispatcher, Reconciler } from '@app/operator';
import { decodeRfc2047, startSmtp, type TestSmtp } from '@app/notifications/testing';
import { phanCapProposal, scratchDatabase, startTestApp, type TestApp } from './support/harness.js';
import { expectFields } from './support/problem.js';

interface Notice {
  id: string;
  kind: string;
  decisionId: string;
  subject: { vi: string; en: string };
  body: { vi: string; en: string };
  data: Record<string, unknown>;
  closed: boolean;
  closedOn: string | null;
}

/**
 * Hand-offs notify the next actor, by inbox and e-mail, once, as each chose: the reviewer hears of an
 * assignment, the proposer of a revision request; the one who acted hears nothing; a reminder whose
 * stage moved on shows as closed. On a database of its own: it changes users' preferences.
 */
describe('hand-off notifications', () => {
  let t: TestApp;
  let smtp: TestSmtp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  beforeAll(async () => {
    smtp = await startSmtp();
    db = await scratchDatabase('handoff');
    t = await startTestApp({ DATABASE_URL: db.url, SMTP_URL: smtp.url });
  }, 120_000);
  afterAll(async () => {
    await t?.close();
    await smtp?.close();
    await db?.drop();
  });

  const follow = async () => {
    await t.app.get(IntentDispatcher).poll();
    await t.app.get(Reconciler).tick();
    await t.app.get(IntentDispatcher).poll();
  };
  const as = async (user: string) => ({ Authorization: await t.login(user) });
  const act = async (id: string, action: string, user: string, body: object = {}) => {
    const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set(await as(user)).send(body);
    expect(res.status).toBe(200);
    return res.body;
  };
  const inbox = async (user: string, decisionId: string): Promise<Notice[]> => {
    const res = await t.http().get('/api/v1/me/notifications?limit=100').set(await as(user));
    expect(res.status).toBe(200);
    return res.body.items.filter((n: Notice) => n.decisionId === decisionId);
  };
  const mailsOf = (notificationId: string, address: string) =>
    smtp.mails.filter((m) => m.headers.get('x-phancap-notification') === notificationId && m.to.includes(address));
  const propose = async () => {
    const res = await t.http().post('/api/v1/decisions').set(await as('proposer')).send(phanCapProposal());
    expect(res.status).toBe(201);
    return { id: res.body.decisionId as string, caseNumber: res.body.caseNumber as string };
  };

  it('assign → the reviewer has it in the inbox and by e-mail, once; request revision → the proposer has it', async () => {
    t.clock.set('2026-03-02T02:00:00Z'); // Monday 09:00 in Việt Nam
    const { id, caseNumber } = await propose();
    await act(id, 'submit', 'proposer');
    await follow();
    const lead = await inbox('reviewer.lead', id);
    expect(lead.map((n) => n.kind).sort()).toEqual(['reminder', 'submitted']);
    const reminder = lead.find((n) => n.kind === 'reminder')!;
    expect(reminder.closed).toBe(false);

    t.clock.set('2026-03-02T03:00:00Z');
    const { version: assignedAt } = await act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer', note: 'Ưu tiên xử lý trong tuần' });
    await follow();
    await follow(); // a second pass sends nothing more
    const reviewer = await inbox('reviewer', id);
    expect(reviewer).toHaveLength(1);
    const assigned = reviewer[0];
    expect(assigned).toMatchObject({ id: `notify:${id}:${assignedAt}`, kind: 'assigned', closed: false });
    expect(assigned.subject.vi).toBe(`[Phân công thẩm định] ${caseNumber} «${phanCapProposal().title}»`);
    expect(assigned.body.vi).toContain('Lê Văn Cường'); // who assigned, by name
    expect(assigned.body.vi).toContain('Ưu tiên xử lý trong tuần');
    expect(assigned.body.en).toContain('You were assigned to appraise');
    expect(assigned.subject.vi).toBe(assigned.subject.vi.normalize('NFC'));
    const mails = mailsOf(assigned.id, 'reviewer@travinh.example');
    expect(mails).toHaveLength(1);
    expect(decodeRfc2047(mails[0].headers.get('subject')!)).toContain('[Phân công thẩm định]');
    // The one who acted is not told of their own act.
    expect((await inbox('reviewer.lead', id)).map((n) => n.kind).sort()).toEqual(['reminder', 'submitted']);
    // The reminder of the stage that moved on is closed.
    expect((await inbox('reviewer.lead', id)).find((n) => n.kind === 'reminder')).toMatchObject({ closed: true, closedOn: '2026-03-02' });

    t.clock.set('2026-03-03T02:00:00Z');
    const { version: returnedAt } = await act(id, 'request-revision', 'reviewer', { reasons: ['Làm rõ nguồn kinh phí chuyển giao'], note: 'Gửi lại trước 10/3' });
    await follow();
    const proposer = await inbox('proposer', id);
    const revision = proposer.find((n) => n.kind === 'revision-requested');
    expect(revision).toBeDefined();
    expect(revision!.id).toBe(`notify:${id}:${returnedAt}`);
    expect(revision!.body.vi).toContain('Làm rõ nguồn kinh phí chuyển giao');
    expect(revision!.body.vi).toContain('Trần Thị Bình');
    expect(mailsOf(revision!.id, 'proposer@travinh.example')).toHaveLength(1);
    expect((await inbox('reviewer', id)).map((n) => n.kind)).toEqual(['assigned']);

    // Resubmitted: back to the assigned reviewer.
    t.clock.set('2026-03-04T02:00:00Z');
    await act(id, 'resubmit', 'proposer', { response: 'Đã bổ sung thuyết minh kinh phí' });
    await follow();
    expect((await inbox('reviewer', id)).map((n) => n.kind).sort()).toEqual(['assigned', 'resubmitted']);
  });

  it('follows each user\'s preferences per kind: inbox only, e-mail only', async () => {
    const put = async (user: string, preferences: object[]) =>
      t.http().put('/api/v1/me/notification-preferences').set(await as(user)).send({ preferences });
    const set = await put('reviewer', [{ kind: 'assigned', inbox: false, email: true }, { kind: 'resubmitted', inbox: true, email: false }]);
    expect(set.status).toBe(200);
    expect(set.body.items.find((p: { kind: string }) => p.kind === 'assigned')).toMatchObject({ inbox: false, email: true, label: { vi: 'Được phân công thẩm định' } });
    const got = await t.http().get('/api/v1/me/notification-preferences').set(await as('reviewer'));
    expect(got.body.items.find((p: { kind: string }) => p.kind === 'resubmitted')).toMatchObject({ inbox: true, email: false });
    expect(got.body.items.find((p: { kind: string }) => p.kind === 'reminder')).toMatchObject({ inbox: true, email: true });
    // Another user's preferences are their own.
    const other = await t.http().get('/api/v1/me/notification-preferences').set(await as('proposer'));
    expect(other.body.items.find((p: { kind: string }) => p.kind === 'assigned')).toMatchObject({ inbox: true, email: true });

    t.clock.set('2026-03-09T02:00:00Z');
    const { id } = await propose();
    await act(id, 'submit', 'proposer');
    const { version: assignedAt } = await act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
    await follow();
    expect(await inbox('reviewer', id)).toEqual([]);
    expect(mailsOf(`notify:${id}:${assignedAt}`, 'reviewer@travinh.example')).toHaveLength(1);
    await act(id, 'request-revision', 'reviewer', { reasons: ['Bổ sung'] });
    const { version: resubmittedAt } = await act(id, 'resubmit', 'proposer', { response: 'Đã bổ sung' });
    await follow();
    expect((await inbox('reviewer', id)).map((n) => n.kind)).toEqual(['resubmitted']);
    expect(mailsOf(`notify:${id}:${resubmittedAt}`, 'reviewer@travinh.example')).toHaveLength(0);
    expect(mailsOf(`notify:${id}:${resubmittedAt}`, 'proposer@travinh.example')).toHaveLength(0);
  });

  it('refuses bad preferences with a 400 naming the field', async () => {
    const put = async (body: unknown) => t.http().put('/api/v1/me/notification-preferences').set(await as('reviewer')).send(body as object);
    expectFields(await put({ preferences: [{ kind: 'gossip', inbox: true, email: true }] }), ['preferences.0.kind']);
    expectFields(await put({ preferences: [{ kind: 'assigned', inbox: 'yes', email: true }] }), ['preferences.0.inbox']);
    expectFields(await put({ preferences: [{ kind: 'assigned', inbox: true }] }), ['preferences.0.email']);
    expectFields(await put({ preferences: [{ kind: 'issued', inbox: true, email: true }, { kind: 'issued', inbox: false, email: true }] }), ['preferences.1.kind']);
    expectFields(await put({ preferences: [] }), ['preferences']);
    expectFields(await put({}), ['preferences']);
    const anon = await t.http().put('/api/v1/me/notification-preferences').send({ preferences: [] });
    expect(anon.status).toBe(401);
  });
});
