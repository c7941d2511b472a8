import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import pg from 'pg';
import { AuditService } from '@app/audit';
import { scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/**
 * Tamper evidence across provinces. The hash chain spans the whole log, so an edit anywhere breaks it
 * for everyone; but a province's staff learn WHERE only when it is in their province (a Quảng Nam
 * auditor once got a Trà Vinh decision's id in an `altered` result). And signing checkpoints is
 * serialised: six at once all answer with the one checkpoint (they gave 4 × 500 before).
 * On a database of its own: the tampering would break the log for every other test file.
 */
describe('the log’s verification as each province sees it; checkpoints one at a time', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let dataDir: string;
  let tv: string;
  let qn: string;
  const auth = async (user: string) => ({ Authorization: await t.login(user) });
  const get = async (user: string, path: string) => t.http().get(path).set(await auth(user));
  const publish = async (user: string) => t.http().post('/api/v1/audit/checkpoints').set(await auth(user)).send({});
  const propose = async (user: string, body: object) => {
    const res = await t.http().post('/api/v1/decisions').set(await auth(user)).send(body);
    if (res.status !== 201) throw new Error(`propose as ${user}: ${res.status} ${res.text}`);
    return res.body.decisionId as string;
  };
  /** As whoever holds the table owner's rights could: with the append-only trigger off. */
  const tamper = (sql: string, params: unknown[]) => t.db.transaction(async (m) => {
    await m.query(`ALTER TABLE events DISABLE TRIGGER events_append_only`);
    await m.query(sql, params);
    await m.query(`ALTER TABLE events ENABLE TRIGGER events_append_only`);
  });
  const chain = () => t.app.get(AuditService).chain();
  /** Every Trà Vinh stream id the answer could name: the decision, and the province's bodies and powers. */
  const tvIds = async () => [tv, ...(await t.db.query(`SELECT 'body:' || id AS id FROM bodies WHERE province_id = 'tv'
    UNION ALL SELECT 'power:' || p.id FROM powers p JOIN bodies b ON b.id = p.legal_holder_body_id WHERE b.province_id = 'tv'`)).map((r: { id: string }) => r.id)];

  beforeAll(async () => {
    db = await scratchDatabase('audit_scope');
    dataDir = mkdtempSync(join(tmpdir(), 'phancap-audit-scope-'));
    t = await startTestApp({ DATABASE_URL: db.url, DATA_DIR: dataDir });
    tv = await propose('proposer', uyQuyenProposal({ period: { from: '2042-01-01', to: '2042-12-31' } }));
    qn = await propose('qn.proposer', uyQuyenProposal({
      title: 'Ủy quyền cấp giấy phép xây dựng nhà ở riêng lẻ cho UBND thị trấn Núi Thành',
      delegatorBodyId: 'qn-ubnd-nui-thanh', delegateBodyId: 'qn-ubnd-tt-nui-thanh', powerIds: ['QN-XD-01'], sector: 'xay-dung',
      period: { from: '2042-01-01', to: '2042-12-31' },
    }));
    await chain();
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  describe('POST /audit/checkpoints at the same time', () => {
    const files = () => readdirSync(join(dataDir, 'checkpoints'));

    it('six at once: each 201 or 200 with the same signed checkpoint; one file, no temporary file left', async () => {
      const users = ['auditor', 'admin', 'qn.auditor', 'qn.admin', 'operator', 'auditor'];
      const answers = await Promise.all(users.map((u) => publish(u)));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      const [first] = answers;
      for (const r of answers) expect(r.body).toEqual({ checkpoint: first.body.checkpoint, file: first.body.file });
      expect(first.body.checkpoint).toMatchObject({ logSeq: expect.any(Number), logHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
      expect(files()).toEqual([`checkpoint-${first.body.checkpoint.logSeq}.json`]);
    });

    it('after the head moves, six more at once sign it once more', async () => {
      await t.http().post(`/api/v1/decisions/${tv}/update-draft`).set(await auth('proposer')).send({ changes: { justification: 'Bổ sung lý do' } }).expect(200);
      await chain();
      const answers = await Promise.all(Array.from({ length: 6 }, () => publish('operator')));
      expect(answers.map((r) => r.status).sort()).toEqual([200, 200, 200, 200, 200, 201]);
      expect(new Set(answers.map((r) => r.body.checkpoint.signature)).size).toBe(1);
      expect(files()).toHaveLength(2);
    });

    it('another process publishing (holding the advisory lock): this one waits for it, then answers', async () => {
      await t.http().post(`/api/v1/decisions/${qn}/update-draft`).set(await auth('qn.proposer')).send({ changes: { justification: 'Bổ sung' } }).expect(200);
      await chain();
      const other = new pg.Client({ connectionString: db.url });
      await other.connect();
      try {
        await other.query(`SELECT pg_advisory_lock(hashtext('phancap:checkpoint-publisher'))`);
        let settled = false;
        const pending = publish('auditor').then((r) => { settled = true; return r; });
        await new Promise((r) => setTimeout(r, 700));
        expect(settled).toBe(false);
        await other.query(`SELECT pg_advisory_unlock(hashtext('phancap:checkpoint-publisher'))`);
        expect((await pending).status).toBe(201);
      } finally {
        await other.end();
      }
      expect(files()).toHaveLength(3);
    });
  });

  describe('GET /audit/verify', () => {
    it('intact: every auditor, admin and the operator see it so', async () => {
      for (const user of ['auditor', 'qn.auditor', 'admin', 'qn.admin', 'operator']) {
        const res = await get(user, '/api/v1/audit/verify');
        expect({ user, status: res.status, result: res.body.status }).toEqual({ user, status: 200, result: 'intact' });
      }
    });

    it('a Trà Vinh event altered: Quảng Nam learns the log is not intact, not where, and that its own streams are intact', async () => {
      await tamper(`UPDATE events SET data = jsonb_set(data, '{title}', '"Sửa trái phép"') WHERE stream_id = $1 AND stream_version = 1`, [tv]);
      for (const user of ['qn.auditor', 'qn.admin']) {
        const res = await get(user, '/api/v1/audit/verify');
        expect(res.status).toBe(200);
        expect(res.body).toMatchObject({
          status: 'altered', elsewhere: true,
          message: { vi: expect.stringContaining('ngoài phạm vi tỉnh của bạn'), en: expect.stringContaining('outside your province') },
          own: { status: 'intact', streams: expect.any(Number), checked: expect.any(Number) },
        });
        expect(res.body.own.streams).toBeGreaterThan(1); // the Quảng Nam decision, bodies and powers
        expect(res.body.at).toBeUndefined();
        const text = JSON.stringify(res.body);
        for (const id of await tvIds()) expect({ user, leaks: text.includes(id) }).toEqual({ user, leaks: false });
        expect(text).not.toMatch(/"(expected|found|globalPosition|logSeq)"/);
      }
    });

    it('…and signing is refused to Quảng Nam with the same scoped verification (409), no Trà Vinh id in it', async () => {
      const res = await publish('qn.auditor');
      expect(res.status).toBe(409);
      expect(res.body).toMatchObject({ type: 'urn:phancap:problem:log-not-intact', verification: { status: 'altered', elsewhere: true } });
      const text = JSON.stringify(res.body);
      for (const id of await tvIds()) expect(text.includes(id)).toBe(false);
    });

    it('Trà Vinh’s auditor, and the national operator, see the event located', async () => {
      for (const user of ['auditor', 'operator']) {
        const res = await get(user, '/api/v1/audit/verify');
        expect({ user, body: res.body }).toMatchObject({ user, body: { status: 'altered', at: { streamId: tv, streamVersion: 1 } } });
      }
      const refused = await publish('auditor');
      expect(refused.body.verification).toMatchObject({ status: 'altered', at: { streamId: tv } });
    });

    it('a Quảng Nam event altered too: Quảng Nam is shown its own, located, the Trà Vinh one still hidden', async () => {
      await tamper(`UPDATE events SET data = jsonb_set(data, '{title}', '"Sửa trái phép"') WHERE stream_id = $1 AND stream_version = 1`, [qn]);
      const res = await get('qn.auditor', '/api/v1/audit/verify');
      expect(res.body).toMatchObject({ status: 'altered', elsewhere: true, own: { status: 'altered', at: { streamId: qn, streamVersion: 1 } } });
      const text = JSON.stringify(res.body);
      for (const id of await tvIds()) expect(text.includes(id)).toBe(false);
    });
  });
});
