import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import pg from 'pg';
import { AuditService } from '@app/audit';
import { scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

const CLI = resolve('dist/apps/cli/src/main.js');

/** The built operator CLI on this database and DATA_DIR: its exit code and what it printed. */
function cli(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [CLI, ...args], { env: { PATH: process.env.PATH ?? '', NODE_ENV: 'test', ...env }, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  child.stdout.on('data', (b) => (out += b));
  child.stderr.on('data', (b) => (out += b));
  return new Promise((done) => child.on('exit', (code) => done({ code, out })));
}

/**
 * Issue 11's insider: stop the app, INSERT a DecisionRevoked at the end of a decision's stream in plain
 * SQL, start the app again. Its chain follower hashes the forged row like any other, so the hash chain
 * alone (and a checkpoint, which covers only what came before) said intact. The row carries no writer
 * signature: every verifier now refuses it, and names it.
 */
describe('a revocation INSERTed in SQL while the app was stopped', () => {
  let t: TestApp | undefined;
  let db: Awaited<ReturnType<typeof scratchDatabase>>;
  let dataDir: string;
  let env: Record<string, string>;
  let decision: string;
  let forgedVersion: number;
  let checkpointFile: string;
  const get = async (user: string, path: string) => t!.http().get(path).set('Authorization', await t!.login(user));

  beforeAll(async () => {
    db = await scratchDatabase('forged_insert');
    dataDir = mkdtempSync(join(tmpdir(), 'phancap-forged-'));
    env = { DATABASE_URL: db.url, DATA_DIR: dataDir };
    t = await startTestApp(env);
    const res = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer'))
      .send(uyQuyenProposal({ period: { from: '2042-01-01', to: '2042-12-31' } }));
    expect(res.status).toBe(201);
    decision = res.body.decisionId;
    await t.app.get(AuditService).chain();
    const published = await t.http().post('/api/v1/audit/checkpoints').set('Authorization', await t.login('operator')).send({});
    expect(published.status).toBe(201);
    checkpointFile = published.body.file;
    expect((await get('operator', '/api/v1/audit/verify')).body.status).toBe('intact');
    await t.close();
    t = undefined;

    // The insider, with the app stopped: a plain INSERT (the append-only trigger refuses only UPDATE and DELETE).
    const c = new pg.Client({ connectionString: db.url });
    await c.connect();
    try {
      const [last] = (await c.query(`SELECT stream_version, metadata FROM events WHERE stream_id = $1 ORDER BY stream_version DESC LIMIT 1`, [decision])).rows;
      forgedVersion = last.stream_version + 1;
      await c.query(`INSERT INTO events (stream_id, stream_type, stream_version, event_type, schema_version, data, metadata, occurred_at)
        VALUES ($1, 'decision', $2, 'DecisionRevoked', 1, $3, $4, now())`, [decision, forgedVersion,
        JSON.stringify({ documentNumber: '99/QĐ-UBND', reason: 'Thu hồi (giả mạo)', effectiveFrom: '2042-02-01' }),
        JSON.stringify({ ...last.metadata, occurredAt: new Date().toISOString() })]);
    } finally {
      await c.end();
    }
    t = await startTestApp(env);
    await t.app.get(AuditService).chain(); // the follower chains the forged row like any other
  });
  afterAll(async () => {
    await t?.close();
    await db?.drop();
    rmSync(dataDir, { recursive: true, force: true });
  });

  const located = () => ({ status: 'forged', at: { streamId: decision, streamVersion: forgedVersion }, reason: expect.stringMatching(/no writer signature/) });

  it('the API: the whole log, as the national operator and as the province\'s auditor see it', async () => {
    expect((await get('operator', '/api/v1/audit/verify')).body).toMatchObject(located());
    expect((await get('auditor', '/api/v1/audit/verify')).body).toMatchObject(located());
  });

  it('the per-decision endpoint, and the evidence pack, which no longer says intact', async () => {
    expect((await get('auditor', `/api/v1/decisions/${decision}/verify`)).body).toMatchObject(located());
    const pack = await get('auditor', `/api/v1/decisions/${decision}/evidence-pack?format=json`);
    expect(pack.status).toBe(200);
    expect(pack.body.verification).toMatchObject({ status: 'forged', statusVi: expect.stringContaining('Giả mạo'), result: located() });
  });

  it('no checkpoint is signed over it', async () => {
    const res = await t!.http().post('/api/v1/audit/checkpoints').set('Authorization', await t!.login('operator')).send({});
    expect(res.status).toBe(409);
    expect(res.body).toMatchObject({ type: 'urn:phancap:problem:log-not-intact', verification: located() });
  });

  it('the CLI: verify, verify --decision and verify --checkpoint each exit 2 naming the event', async () => {
    const line = new RegExp(`forged: ${decision} version ${forgedVersion}, global position \\d+`);
    for (const args of [['verify'], ['verify', '--decision', decision], ['verify', '--checkpoint', checkpointFile]]) {
      const r = await cli(args, env);
      expect({ args, code: r.code, out: r.out }).toEqual({ args, code: 2, out: expect.stringMatching(line) });
    }
  });
});
