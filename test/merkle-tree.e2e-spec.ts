import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { createPublicKey, verify } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { AuditService } from '@app/audit';
import { checkpointPayload, verifyConsistency, verifyInclusion } from '@app/event-store';
import { scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

const buf = (h: string) => Buffer.from(h, 'hex');
const TOOL = resolve('tools/verify-pack.mjs');
const CLI = resolve('dist/apps/cli/src/main.js');
/** No database, no server: an environment with nothing but PATH. */
const run = (argv: readonly string[]) => spawnSync(process.execPath, argv, { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });

/** The signed tree heads and the proofs an outsider checks against them, over HTTP. */
describe('the Merkle tree over the log: tree heads, inclusion and consistency proofs', () => {
  let t: TestApp;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let dataDir: string;
  const get = async (user: string, path: string) => t.http().get(path).set('Authorization', await t.login(user));
  let decision: string;

  beforeAll(async () => {
    db = await scratchDatabase('merkle_tree');
    dataDir = mkdtempSync(join(tmpdir(), 'phancap-merkle-'));
    t = await startTestApp({ DATABASE_URL: db.url, DATA_DIR: dataDir });
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('publishes a signed tree head, proves an event in it, and proves a later tree extends it', async () => {
    await t.app.get(AuditService).chain();
    const first = await t.http().post('/api/v1/audit/checkpoints').set('Authorization', await t.login('operator')).send({});
    expect(first.status).toBe(201);
    const heads = await get('operator', '/api/v1/audit/tree-heads');
    expect(heads.status).toBe(200);
    const [head] = heads.body.items;
    expect(head).toMatchObject({ treeSize: first.body.checkpoint.logSeq, rootHash: expect.stringMatching(/^[0-9a-f]{64}$/), signature: expect.any(String) });
    const publicKey = createPublicKey(t.app.get(AuditService).kit.keys().publicKey.export({ type: 'spki', format: 'pem' }));
    expect(verify(null, checkpointPayload(head.checkpoint), publicKey, Buffer.from(head.signature, 'base64'))).toBe(true);
    expect((await get('operator', `/api/v1/audit/tree-heads?size=${head.treeSize}`)).body.items).toEqual([head]);

    const [{ g }] = await t.db.query(`SELECT min(global_position)::int AS g FROM events`);
    const inc = await get('operator', `/api/v1/audit/proofs/inclusion?position=${g + 3}`);
    expect(inc.status).toBe(200);
    expect(inc.body).toMatchObject({ treeSize: head.treeSize, rootHash: head.rootHash, treeHead: { signature: head.signature } });
    expect(verifyInclusion(buf(inc.body.leafHash), inc.body.leafIndex, inc.body.treeSize, inc.body.path.map(buf), buf(head.rootHash))).toBe(true);

    decision = (await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer'))
      .send(uyQuyenProposal({ period: { from: '2043-01-01', to: '2043-12-31' } })).expect(201)).body.decisionId;
    await t.http().post(`/api/v1/decisions/${decision}/update-draft`).set('Authorization', await t.login('proposer')).send({ changes: { justification: 'Bổ sung lý do' } }).expect(200);
    await t.app.get(AuditService).chain();
    const second = await t.http().post('/api/v1/audit/checkpoints').set('Authorization', await t.login('operator')).send({});
    expect(second.status).toBe(201);
    const to = second.body.checkpoint.treeSize;
    const c = await get('operator', `/api/v1/audit/proofs/consistency?from=${head.treeSize}&to=${to}`);
    expect(c.status).toBe(200);
    expect(c.body).toMatchObject({ fromRoot: head.rootHash, toRoot: second.body.checkpoint.rootHash });
    expect(verifyConsistency(head.treeSize, to, buf(head.rootHash), buf(c.body.toRoot), c.body.proof.map(buf))).toBe(true);
  });

  it('an evidence pack verifies offline with the standalone script and the CLI, and a changed pack does not', async () => {
    const res = await get('auditor', `/api/v1/decisions/${decision}/evidence-pack?format=json`);
    expect(res.status).toBe(200);
    expect(res.body.proof.events).toHaveLength(2);
    expect(res.body.proof.events.every((p: { inclusion: unknown; signature: unknown }) => p.inclusion && p.signature)).toBe(true);
    const pack = join(dataDir, 'pack.json');
    writeFileSync(pack, JSON.stringify(res.body));
    const pem = join(dataDir, 'checkpoint-keys', 'checkpoint-public.pem');
    const offline = [['node', [TOOL, pack, '--public-key', pem]], ['node', [CLI, 'verify-pack', pack, '--public-key', pem]]] as const;
    for (const [, argv] of offline) {
      const r = run(argv);
      expect({ argv, code: r.status, out: r.stdout }).toEqual({ argv, code: 0, out: expect.stringMatching(/^intact: 2 event\(s\)/) });
    }
    // The pack edited: the second event's data.
    const edited = JSON.parse(JSON.stringify(res.body));
    edited.proof.events[1].event.data = { ...edited.proof.events[1].event.data, justification: 'Sửa trong tệp' };
    writeFileSync(pack, JSON.stringify(edited));
    for (const [, argv] of offline) {
      const r = run(argv);
      expect({ argv, code: r.status, out: r.stdout }).toEqual({ argv, code: 2, out: expect.stringMatching(new RegExp(`not intact: ${decision} version 2`)) });
    }
  });

  it('refuses bad parameters with a problem document naming the field, and unknown sizes and events with 404', async () => {
    for (const [path, field] of [
      ['/api/v1/audit/proofs/inclusion?position=abc', 'position'],
      ['/api/v1/audit/proofs/inclusion', 'position'],
      ['/api/v1/audit/proofs/inclusion?position=1&size=0', 'size'],
      ['/api/v1/audit/proofs/consistency?from=5&to=2', 'from'],
      ['/api/v1/audit/proofs/consistency?from=1&to=99999999', 'to'],
      ['/api/v1/audit/tree-heads?size=-1', 'size'],
    ]) {
      const res = await get('operator', path);
      expect({ path, status: res.status, type: res.headers['content-type'] }).toEqual({ path, status: 400, type: expect.stringContaining('application/problem+json') });
      expect(JSON.stringify(res.body)).toContain(field);
    }
    expect((await get('operator', '/api/v1/audit/tree-heads?size=3')).status).toBe(404);
    expect((await get('operator', '/api/v1/audit/proofs/inclusion?position=99999999')).status).toBe(404);
    expect((await get('auditor', '/api/v1/audit/tree-heads')).status).toBe(403);
  });
});
