import type { INestApplication } from '@nestjs/common';
import pg from 'pg';
import request from 'supertest';
import type { DataSource } from 'typeorm';
import { getDataSourceToken } from '@nestjs/typeorm';
import { createApp } from '../../apps/api/src/app.js';
import { Clock } from '@app/kernel';
import { DEMO_PASSWORD } from '@app/operator';

/** A clock the test moves by hand. */
export class TestClock extends Clock {
  constructor(private instant = new Date('2026-03-02T02:00:00.000Z')) {
    super();
  }
  now(): Date {
    return new Date(this.instant);
  }
  set(iso: string): void {
    this.instant = new Date(iso);
  }
}

export interface TestApp {
  app: INestApplication;
  clock: TestClock;
  db: DataSource;
  http: () => ReturnType<typeof request>;
  /** Logs a demo user in and returns the bearer header value. */
  login: (username: string) => Promise<string>;
  close: () => Promise<void>;
}

/**
 * Starts the real API on the test database (TEST_DATABASE_URL, set by the jest global setup). The
 * background loops are off: tests drive the log follower and the reconciler by hand. `env` adds
 * variables for this app only (test files share one process, so they are removed on close).
 */
export async function startTestApp(env: Record<string, string> = {}): Promise<TestApp> {
  const url = process.env.TEST_DATABASE_URL;
  if (!url) throw new Error('TEST_DATABASE_URL is not set: run through the jest config (global setup provides it)');
  const settings: Record<string, string> = {
    DATABASE_URL: url, SEED_DEMO: 'true', EXPIRY_SWEEP_INTERVAL_MS: '0', NODE_ENV: 'test', BACKGROUND_JOBS: 'off',
    REDIS_URL: '', // the embedded default (in-process jobs) unless a test asks for Redis
    ...env,
  };
  const previous = Object.fromEntries(Object.keys(settings).map((k) => [k, process.env[k]]));
  Object.assign(process.env, settings);
  const restore = () => {
    for (const [k, v] of Object.entries(previous)) if (v === undefined) delete process.env[k]; else process.env[k] = v;
  };
  const clock = new TestClock();
  const app = await createApp({ clock, ...(process.env.TEST_LOG ? {} : { logger: false as const }) });
  await app.init();
  const server = app.getHttpServer();
  const tokens = new Map<string, string>();
  return {
    app,
    clock,
    db: app.get<DataSource>(getDataSourceToken()),
    http: () => request(server),
    login: async (username) => {
      if (!tokens.has(username)) {
        const res = await request(server).post('/api/v1/auth/login').send({ username, password: DEMO_PASSWORD });
        if (res.status !== 200) throw new Error(`login ${username}: ${res.status} ${JSON.stringify(res.body)}`);
        tokens.set(username, `Bearer ${res.body.accessToken}`);
      }
      return tokens.get(username)!;
    },
    close: async () => {
      await app.close();
      restore();
    },
  };
}

/** A valid phân cấp proposal body from the demo catalogue; override what a test needs. */
export function phanCapProposal(overrides: Record<string, unknown> = {}) {
  return {
    kind: 'phan-cap',
    title: 'Phân cấp cấp giấy phép xây dựng công trình cấp II, cấp III cho Sở Xây dựng',
    delegatorBodyId: 'tv-ubnd',
    delegateBodyId: 'tv-so-xay-dung',
    powerIds: ['TV-XD-01'],
    sector: 'xay-dung',
    legalBasis: ['Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 13'],
    resources: { budgetVnd: 1_500_000_000, staffPositions: 3, facilities: ['Bộ phận một cửa'] },
    conditions: ['Báo cáo kết quả thực hiện hằng quý'],
    justification: 'Giảm thời gian giải quyết thủ tục hành chính cho người dân, doanh nghiệp.',
    documents: [{ title: 'Tờ trình số 12/TTr-SXD', reference: '12/TTr-SXD' }],
    ...overrides,
  };
}

/** A valid ủy quyền proposal body. */
export function uyQuyenProposal(overrides: Record<string, unknown> = {}) {
  return phanCapProposal({
    kind: 'uy-quyen',
    title: 'Ủy quyền cấp giấy chứng nhận quyền sử dụng đất cho tổ chức',
    delegateBodyId: 'tv-so-tnmt',
    powerIds: ['TV-DD-02'],
    sector: 'dat-dai',
    legalBasis: ['Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 14'],
    period: { from: '2026-04-01', to: '2026-12-31' },
    ...overrides,
  });
}

/**
 * A database of its own on the test server, for a test that fills it with hundreds of decisions (the
 * other files share one database and read its lists). Dropped by the returned function.
 */
export async function scratchDatabase(label: string): Promise<{ url: string; drop: () => Promise<void> }> {
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error('TEST_DATABASE_URL is not set: run through the jest config (global setup provides it)');
  const name = `phancap_${label}_${process.pid}_${Date.now()}`;
  const admin = async (sql: string) => {
    const c = new pg.Client({ connectionString: base });
    await c.connect();
    try {
      await c.query(sql);
    } finally {
      await c.end();
    }
  };
  await admin(`CREATE DATABASE "${name}"`);
  const url = new URL(base);
  url.pathname = `/${name}`;
  return { url: url.toString(), drop: () => admin(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`) };
}
