import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/**
 * Only the proposing body acts on its proposal (rule proposing-body-acts-on-its-proposal). The Sở Xây dựng
 * (`proposer.xd`) drafts an ủy quyền whose delegate is the Sở TN&MT: the Sở TN&MT's `proposer` sees it
 * (it is the delegate) but may not edit, submit, resubmit or withdraw it in the Sở Xây dựng's place.
 * On a database of its own: other files assume no Sở Xây dựng proposal names the Sở TN&MT as delegate.
 */
describe('a proposal is acted on by its proposing body only', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let id: string;
  const auth = async (user: string) => ({ Authorization: await t.login(user) });
  const act = async (user: string, command: string, body: object = {}) =>
    t.http().post(`/api/v1/decisions/${id}/${command}`).set(await auth(user)).set('Accept-Language', 'en').send(body);
  const must = async (user: string, command: string, body: object = {}) => {
    const res = await act(user, command, body);
    if (res.status !== 200) throw new Error(`${command} as ${user}: ${res.status} ${res.text}`);
  };
  const head = async () => (await t.http().get(`/api/v1/decisions/${id}`).set(await auth('auditor'))).body as { stage: string; version: number };

  /** The refusal every one of the delegate's attempts gets: 403, naming the rule and its source, in both languages. */
  const expectRefused = (res: Awaited<ReturnType<typeof act>>, command: string) => {
    expect({ command, status: res.status }).toEqual({ command, status: 403 });
    expect(res.headers['content-type']).toMatch(/^application\/problem\+json/);
    expect(res.body).toMatchObject({
      type: 'urn:phancap:problem:body-not-allowed', command, bodyId: 'tv-so-tnmt', allowedBodyIds: ['tv-so-xay-dung'],
      rule: { id: 'proposing-body-acts-on-its-proposal', source: expect.stringContaining('04/NQ-CP') },
    });
    expect(res.body.messages.detail.vi).toMatch(/Chỉ cơ quan đề xuất/);
    expect(res.body.messages.detail.vi).toBe(res.body.messages.detail.vi.normalize('NFC'));
    expect(res.body.detail).toMatch(/Only the proposing body/);
  };

  beforeAll(async () => {
    db = await scratchDatabase('proposal_owner');
    t = await startTestApp({ DATABASE_URL: db.url });
    const res = await t.http().post('/api/v1/decisions').set(await auth('proposer.xd'))
      .send(uyQuyenProposal({ title: 'Ủy quyền do Sở Xây dựng đề xuất, Sở TN&MT nhận', delegateBodyId: 'tv-so-tnmt', period: { from: '2041-01-01', to: '2041-12-31' } }));
    if (res.status !== 201) throw new Error(`propose: ${res.status} ${res.text}`);
    id = res.body.decisionId;
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
  });

  it('the delegate’s proposer reads it, and is offered no action on it', async () => {
    const res = await t.http().get(`/api/v1/decisions/${id}`).set(await auth('proposer'));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ proposerBodyId: 'tv-so-xay-dung', content: { delegateBodyId: 'tv-so-tnmt' } });
    expect(res.body.allowedActions).toEqual([]);
    const own = await t.http().get(`/api/v1/decisions/${id}`).set(await auth('proposer.xd'));
    expect(own.body.allowedActions.map((a: { command: string }) => a.command).sort()).toEqual(['submit', 'update-draft', 'withdraw']);
  });

  it('update-draft, submit and withdraw by the delegate’s proposer: 403 body-not-allowed, and nothing is written', async () => {
    expectRefused(await act('proposer', 'update-draft', { changes: { title: 'Sửa bởi cơ quan nhận' } }), 'update-draft');
    expectRefused(await act('proposer', 'submit'), 'submit');
    expectRefused(await act('proposer', 'withdraw', { reason: 'Rút thay cơ quan đề xuất' }), 'withdraw');
    expect(await head()).toEqual(expect.objectContaining({ stage: 'draft', version: 1 }));
  });

  it('…nor resubmit after a revision request; the proposing body does all four', async () => {
    await must('proposer.xd', 'update-draft', { changes: { justification: 'Đã bổ sung căn cứ' } });
    await must('proposer.xd', 'submit');
    await must('reviewer.lead', 'assign-reviewer', { reviewerId: 'user-reviewer' });
    await must('reviewer', 'request-revision', { reasons: ['Bổ sung điều kiện kiểm tra'] });
    const before = await head();
    expectRefused(await act('proposer', 'resubmit', { response: 'Đã bổ sung', changes: { conditions: ['Báo cáo hằng quý'] } }), 'resubmit');
    expectRefused(await act('proposer', 'withdraw', { reason: 'x' }), 'withdraw');
    expect(await head()).toEqual(before);
    await must('proposer.xd', 'resubmit', { response: 'Đã bổ sung', changes: { conditions: ['Báo cáo hằng quý', 'Chịu sự kiểm tra của UBND tỉnh'] } });
    await must('proposer.xd', 'withdraw', { reason: 'Không còn nhu cầu' });
    expect((await head()).stage).toBe('withdrawn');
  });
});
