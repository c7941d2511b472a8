import { afterAll, beforeAll, describe, expect, it, jest } from '@jest/globals';
import { generateKeyPairSync } from 'node:crypto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { ConfigService } from '@nestjs/config';
import pg from 'pg';
import { DataSource } from 'typeorm';
import { CHAIN_MIGRATIONS, EVENT_STORE_MIGRATIONS, EventStore } from '@app/event-store';
import type { AuthenticatedUser } from '../auth/public.decorator.js';
import { ProblemException } from '@app/kernel';
import { TEST_SIGNING_KEYS } from '@app/event-store/testing';
import { startSmtp, type TestSmtp } from '@app/notifications/testing';
import { AuditController } from './audit.controller.js';
import { AuditService } from '@app/audit';

const SCHEMA = 'audit_spec';
const DECISION = '0b9c0c7e-7d1e-4c55-9d0a-3f1f2b7c9a01';
let db: DataSource;
let smtp: TestSmtp;
let audit: AuditService;
let controller: AuditController;
let dir: string;
jest.setTimeout(30_000);

const user = (role: string) => ({ userId: `user-${role}`, role, bodyId: 'b', provinceId: 'p', username: role, displayName: role }) as unknown as AuthenticatedUser;

beforeAll(async () => {
  const url = process.env.TEST_DATABASE_URL!;
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  await admin.query(`DROP SCHEMA IF EXISTS "${SCHEMA}" CASCADE`);
  await admin.query(`CREATE SCHEMA "${SCHEMA}"`);
  await admin.end();
  db = await new DataSource({
    type: 'postgres', url, schema: SCHEMA, extra: { options: `-c search_path=${SCHEMA}` },
    migrations: [...EVENT_STORE_MIGRATIONS, ...CHAIN_MIGRATIONS], logging: false,
  }).initialize();
  await db.runMigrations();
  smtp = await startSmtp();
  dir = mkdtempSync(join(tmpdir(), 'phancap-audit-'));
  const keys = generateKeyPairSync('ed25519');
  // As an operator puts a PEM into one environment line: with \n escapes.
  const oneLine = (k: string) => k.replace(/\n/g, '\\n');
  const settings: Record<string, string> = {
    DATA_DIR: dir,
    CHECKPOINT_PRIVATE_KEY: oneLine(keys.privateKey.export({ type: 'pkcs8', format: 'pem' }) as string),
    CHECKPOINT_PUBLIC_KEY: oneLine(keys.publicKey.export({ type: 'spki', format: 'pem' }) as string),
    AUDITOR_EMAIL: 'thanh.tra@travinh.gov.vn', SMTP_URL: smtp.url, MAIL_FROM: 'phancap <no-reply@phancap.test>',
  };
  audit = new AuditService(db, { get: (k: string) => settings[k] } as unknown as ConfigService, TEST_SIGNING_KEYS);
  controller = new AuditController(audit);
  const store = new EventStore(db, undefined, TEST_SIGNING_KEYS);
  for (let v = 0; v < 3; v++) {
    await store.append({
      streamId: DECISION, streamType: 'Decision', expectedVersion: v,
      events: [{ type: v === 0 ? 'DecisionDrafted' : 'DecisionSubmitted', schemaVersion: 1, data: { v, title: 'Ủy quyền' } }],
      metadata: { actorId: 'user-proposer', occurredAt: '2026-03-02T02:00:00.000Z', correlationId: 'c' },
    });
  }
});
afterAll(async () => {
  audit?.onApplicationShutdown();
  await smtp?.close();
  await db?.destroy();
});

describe('audit API and checkpoints', () => {
  it('lets only auditors, admins and the operator in (403 problem for others)', async () => {
    await expect(controller.verifyLog(user('proposer'))).rejects.toMatchObject({ slug: 'role-not-allowed', status: 403 } as never);
    await expect(controller.publish(user('reviewer'))).rejects.toBeInstanceOf(ProblemException);
    await expect(controller.list(user('committee-office'))).rejects.toBeInstanceOf(ProblemException);
  });

  it('publishes a checkpoint: chained, signed, written to DATA_DIR/checkpoints and mailed to the auditor', async () => {
    const { checkpoint, file } = await controller.publish(user('auditor'));
    expect(checkpoint).toMatchObject({ logSeq: 3, logHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
    expect(file).toBe(join(dir, 'checkpoints', 'checkpoint-3.json'));
    expect(JSON.parse(readFileSync(file, 'utf8'))).toEqual(checkpoint);
    for (let i = 0; i < 100 && smtp.mails.length === 0; i++) await new Promise((r) => setTimeout(r, 20));
    expect(smtp.mails).toHaveLength(1);
    expect(smtp.mails[0].to).toEqual(['thanh.tra@travinh.gov.vn']);
    expect(smtp.mails[0].raw).toContain('checkpoint-3.json');
    expect(smtp.mails[0].headers.get('x-phancap-checkpoint')).toBe('3');
    expect(await controller.list(user('admin'))).toEqual({ items: [{ checkpoint, file }] });
    expect(await audit.verifyCheckpointFile(file)).toMatchObject({ status: 'intact', checked: 3 });
    await audit.publishIfMoved();
    expect(smtp.mails).toHaveLength(1); // the head did not move: nothing new
  });

  it('verifies the log and one decision, and locates an edit', async () => {
    expect(await controller.verifyLog(user('auditor'))).toMatchObject({ status: 'intact', checked: 3 });
    expect(await controller.verifyDecision(DECISION.toUpperCase(), user('admin'))).toMatchObject({ status: 'intact', checked: 3 });
    await db.transaction(async (m) => {
      await m.query(`ALTER TABLE events DISABLE TRIGGER events_append_only`);
      await m.query(`UPDATE events SET data = '{"v": 1, "title": "Phân cấp"}' WHERE stream_id = $1 AND stream_version = 2`, [DECISION]);
      await m.query(`ALTER TABLE events ENABLE TRIGGER events_append_only`);
    });
    expect(await controller.verifyDecision(DECISION, user('auditor'))).toMatchObject({ status: 'altered', at: { streamId: DECISION, streamVersion: 2, logSeq: 2 } });
    // Unscoped, as the national operator sees it (a province's staff see where only in their province: test/audit-scope.e2e-spec.ts).
    expect(await controller.verifyLog(user('operator'))).toMatchObject({ status: 'altered', at: { streamVersion: 2 } });
    await expect(controller.publish(user('operator'))).rejects.toMatchObject({ slug: 'log-not-intact' } as never);
  });
});
