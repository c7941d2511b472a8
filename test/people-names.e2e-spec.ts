import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

interface Described {
  streamVersion: number;
  type: string;
  metadata: { actorId: string };
  actor: { id: string; displayName: string; role: string; roleName: { vi: string; en: string }; bodyId: string | null; bodyName: { vi: string; en: string } | null };
  description: { vi: string; en: string };
}

/**
 * People, not ids: the events API carries each actor by name with the id beside it, and the one
 * description of each event, the very sentence the evidence pack prints; the decision view names its
 * reviewer; the registry names the issuing document, not a decision id.
 */
describe('people and documents by name', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  const act = async (id: string, action: string, user: string, body: object = {}) => {
    const res = await t.http().post(`/api/v1/decisions/${id}/${action}`).set('Authorization', await t.login(user)).send(body);
    expect(res.status).toBe(200);
  };
  const get = async (path: string, user = 'auditor') => {
    const res = await t.http().get(path).set('Authorization', await t.login(user));
    expect(res.status).toBe(200);
    return res.body;
  };

  it('names the actors and says what each event recorded, in the evidence pack\'s words', async () => {
    t.clock.set('2026-03-02T02:00:00Z');
    const created = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer'))
      .send(uyQuyenProposal({ period: { from: '2026-06-01', to: '2026-12-31' }, powerIds: ['TV-DD-02'] }));
    expect(created.status).toBe(201);
    const id = created.body.decisionId as string;
    await act(id, 'submit', 'proposer');
    await act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
    await act(id, 'appraise', 'reviewer', { opinion: 'favourable', reportNumber: '77/BC-SNV', summary: 'Đủ điều kiện' });
    await act(id, 'decide', 'committee', { outcome: 'approved', decidedBy: 'chairman' });
    await act(id, 'issue', 'committee', { documentNumber: '91/QĐ-UBND', signer: 'Lê Văn Hảo', signedOn: '2026-03-05', effectiveFrom: '2026-06-01' });

    const events: Described[] = await get(`/api/v1/decisions/${id}/events`);
    const drafted = events.find((e) => e.type === 'ProposalDrafted')!;
    expect(drafted.actor).toMatchObject({ id: 'user-proposer', displayName: 'Nguyễn Văn An', role: 'proposer', bodyId: 'tv-so-tnmt' });
    expect(drafted.actor.bodyName?.vi).toContain('Tài nguyên');
    expect(drafted.metadata.actorId).toBe('user-proposer'); // the id stays available
    const assigned = events.find((e) => e.type === 'ReviewerAssigned')!;
    expect(assigned.actor.displayName).toBe('Lê Văn Cường');
    expect(assigned.description.vi).toContain('Trần Thị Bình');
    expect(assigned.description.vi).not.toContain('user-reviewer');
    expect(assigned.description.en).toContain('assigned the appraisal to Trần Thị Bình');
    for (const e of events) {
      expect(e.description.vi.length).toBeGreaterThan(10);
      expect(e.description.vi).toBe(e.description.vi.normalize('NFC'));
      expect(e.actor.displayName).not.toMatch(/^user-/);
    }

    // One description: the evidence pack's timeline says the same, event by event.
    const pack = await get(`/api/v1/decisions/${id}/evidence-pack?format=json`);
    const byVersion = new Map(events.map((e) => [e.streamVersion, e]));
    for (const entry of pack.timeline as Array<{ version: number; whatVi: string; whatEn: string; actor: { displayName: string } }>) {
      expect(entry.whatVi).toBe(byVersion.get(entry.version)!.description.vi);
      expect(entry.whatEn).toBe(byVersion.get(entry.version)!.description.en);
      expect(entry.actor.displayName).toBe(byVersion.get(entry.version)!.actor.displayName);
    }

    // The decision view names its reviewer.
    const view = await get(`/api/v1/decisions/${id}`);
    expect(view.reviewerId).toBe('user-reviewer');
    expect(view.reviewer).toEqual({ id: 'user-reviewer', displayName: 'Trần Thị Bình' });

    // The registry names the issuing document and the case number.
    const registry = await get('/api/v1/registry?powerId=TV-DD-02&at=2026-07-01', 'reviewer');
    const held = registry.items.find((h: { decisionId?: string }) => h.decisionId === id);
    expect(held).toMatchObject({ documentNumber: '91/QĐ-UBND', caseNumber: view.caseNumber, holderBodyId: 'tv-so-tnmt' });
  });
});
