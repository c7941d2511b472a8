import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { connect, createServer, type Server, type Socket } from 'node:net';
import pg from 'pg';
import { phanCapProposal, scratchDatabase, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';
import { expectFields, expectProblem, type HttpAnswer } from './support/problem.js';

/**
 * Input no client should send, and faults no client can help: each answers a 4xx problem document
 * that names the field (or a 503 with Retry-After while the database is away), never a 500.
 * Reproductions of issue 15, one request each.
 */

const API = '/api/v1';
const json = { 'Content-Type': 'application/json' };

describe('hostile input', () => {
  let t: TestApp;
  const as = async (user: string) => ({ Authorization: await t.login(user) });
  /** Posts a JSON text as it is (lone surrogates and prototype keys survive only in the raw text). */
  const postRaw = async (path: string, text: string, user?: string) =>
    t.http().post(path).set(json).set(user ? await as(user) : {}).send(text);
  const get = async (path: string, user = 'admin') => t.http().get(path).set(await as(user));
  const act = async (id: string, user: string, command: string, body: object) =>
    t.http().post(`${API}/decisions/${id}/${command}`).set(await as(user)).send(body);
  const must = async (id: string, user: string, command: string, body: object = {}) => {
    const res = await act(id, user, command, body);
    if (res.status !== 200) throw new Error(`${command} as ${user}: ${res.status} ${res.text}`);
  };
  const propose = async (body: object) => {
    const res = await t.http().post(`${API}/decisions`).set(await as('proposer')).send(body);
    if (res.status !== 201) throw new Error(`propose: ${res.status} ${res.text}`);
    return res.body.decisionId as string;
  };
  /** An ủy quyền decided by the committee, ready to be issued. */
  const decidedUyQuyen = async () => {
    const id = await propose(uyQuyenProposal());
    await must(id, 'proposer', 'submit');
    await must(id, 'reviewer.lead', 'assign-reviewer', { reviewerId: 'user-reviewer' });
    await must(id, 'reviewer', 'appraise', { opinion: 'favourable', reportNumber: '45/BC-SNV', summary: 'Đủ điều kiện.' });
    await must(id, 'committee', 'decide', { outcome: 'approved', decidedBy: 'chairman' });
    return id;
  };
  const issue = (overrides: object = {}) => ({
    documentNumber: '1234/QĐ-UBND', signer: 'Chủ tịch UBND tỉnh', signedOn: '2026-03-02', effectiveFrom: '2026-04-01', ...overrides,
  });
  const stageOf = async (id: string) => (await get(`${API}/decisions/${id}`)).body.stage as string;

  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  describe('NUL bytes (PostgreSQL refuses U+0000 in text)', () => {
    it('in a query value: GET /decisions?sector=a%00b → 400 naming sector', async () => {
      const body = expectFields(await get(`${API}/decisions?sector=a%00b`), ['sector']);
      expect(body.errors[0].constraint).toBe('noNulCharacter');
      expect(body.errors[0].reason.vi).toContain('NUL');
    });

    it('in a query name → 400 naming it', async () => {
      expectFields(await get(`${API}/decisions?sec%00tor=a`), ['sec\u0000tor']);
    });

    it.each([
      ['GET /powers/%00', 'get', `${API}/powers/%00`],
      ['GET /powers/%00/history', 'get', `${API}/powers/%00/history`],
      ['GET /users/a%00b', 'get', `${API}/users/a%00b`],
      ['GET /bodies/%00/history', 'get', `${API}/bodies/%00/history`],
      ['POST /me/notifications/%00/read', 'post', `${API}/me/notifications/%00/read`],
    ] as const)('in a path id: %s → 400 naming id', async (_name, method, path) => {
      expectFields(await t.http()[method](path).set(await as('admin')), ['id']);
    });

    it('in a decision id: 400 naming id, or 404 where the access guard finds no UUID first; never 500', async () => {
      expectFields(await get(`${API}/decisions/%00`), ['id']);
      expectProblem(await get(`${API}/decisions/%00/deadlines`), 404);
    });

    it('login with {"username":"a\\u0000b"}, no token → 400 naming username', async () => {
      expectFields(await postRaw(`${API}/auth/login`, '{"username":"a\\u0000b","password":"PhanCap@2026"}'), ['username']);
    });

    it('deep in a body → 400 naming its path, nothing written', async () => {
      const before = (await get(`${API}/decisions?sector=xay-dung&limit=1`)).body.total;
      const res = await t.http().post(`${API}/decisions`).set(await as('proposer'))
        .send(phanCapProposal({ conditions: ['Báo cáo hằng quý', 'a\u0000b'], resources: { budgetVnd: 0, staffPositions: 0, facilities: ['\u0000'] } }));
      expectFields(res, ['conditions.1', 'resources.facilities.0']);
      expect((await get(`${API}/decisions?sector=xay-dung&limit=1`)).body.total).toBe(before);
    });
  });

  describe('lone UTF-16 surrogates (not Unicode)', () => {
    it('"justification": "x\\ud800y" → 400 naming justification', async () => {
      const text = JSON.stringify(phanCapProposal({ justification: 'x\ud800y' }));
      expect(text).toContain('\\ud800'); // JSON.stringify escapes a lone surrogate
      const body = expectFields(await postRaw(`${API}/decisions`, text, 'proposer'), ['justification']);
      expect(body.errors[0].constraint).toBe('wellFormedUnicode');
    });

    it('a lone low surrogate in a key → 400 naming the key', async () => {
      expectFields(await postRaw(`${API}/auth/login`, '{"username":"a","password":"b","x\\udc00":1}'), ['x\udc00']);
    });

    it('a surrogate pair (an emoji) is Unicode and is kept', async () => {
      const id = await propose(phanCapProposal({ justification: 'Rút ngắn thời gian 🚀' }));
      expect((await get(`${API}/decisions/${id}`)).body.content.justification).toBe('Rút ngắn thời gian 🚀');
    });
  });

  describe('deeply nested JSON (limited before anything walks the body)', () => {
    it("'['*5000 + ']'*5000 to /auth/login, no token → 400 maxDepth", async () => {
      const body = expectProblem(await postRaw(`${API}/auth/login`, '['.repeat(5000) + ']'.repeat(5000)), 400);
      expect(body.errors).toEqual([expect.objectContaining({ constraint: 'maxDepth', field: Array(32).fill('0').join('.') })]);
    });

    it('an object nested 20,000 levels deep in a field → 400 naming where it got too deep', async () => {
      const deep = '{"a":'.repeat(20_000) + '1' + '}'.repeat(20_000);
      const res = await postRaw(`${API}/decisions`, `{"title":"x","justification":${deep}}`, 'proposer');
      const body = expectProblem(res, 400);
      expect(body.errors).toHaveLength(1);
      expect(body.errors[0]).toEqual(expect.objectContaining({ constraint: 'maxDepth', field: expect.stringMatching(/^justification(\.a)+$/) }));
    });

    it('the API still answers afterwards', async () => {
      expect((await get(`${API}/auth/me`)).status).toBe(200);
    });
  });

  describe("integers beyond PostgreSQL's int range", () => {
    it.each([
      `${API}/decisions?offset=99999999999999999999`,
      `${API}/decisions?offset=2147483648`,
      `${API}/findings?offset=99999999999999999999`,
      `${API}/bodies?offset=99999999999999999999`,
      `${API}/powers?offset=99999999999999999999`,
      `${API}/users?offset=99999999999999999999`,
      `${API}/admin/failed-logins?offset=99999999999999999999`,
      `${API}/admin/access-trail?offset=99999999999999999999`,
      `${API}/me/notifications?offset=99999999999999999999`,
    ])('%s → 400 naming offset', async (path) => {
      const body = expectFields(await get(path), ['offset']);
      expect(body.errors[0].reason.vi).toContain('2147483647');
    });

    it('?version=2147483648 and compare?to=2147483648 → 400 naming the field; the largest int is no 500', async () => {
      const id = await propose(phanCapProposal());
      expectFields(await get(`${API}/decisions/${id}?version=2147483648`), ['version']);
      expectFields(await get(`${API}/decisions/${id}/compare?from=1&to=2147483648`), ['to']);
      expectFields(await get(`${API}/decisions/${id}/compare?from=99999999999999999999`), ['from']);
      // The largest int is a version this stream has not reached: it did not exist then.
      expectProblem(await get(`${API}/decisions/${id}?version=2147483647`), 404);
      expectProblem(await get(`${API}/decisions/${id}/compare?from=1&to=2147483647`), 404);
    });
  });

  describe('dates outside 1900-01-01 … 2100-12-31 (one rule for every date and instant)', () => {
    it.each([
      [`${API}/findings?openOn=0000-01-01`, 'openOn'],
      [`${API}/registry?powerId=TV-DD-02&at=0000-01-01`, 'at'],
      [`${API}/bodies?at=0000-01-01`, 'at'],
      [`${API}/powers?at=0000-01-01`, 'at'],
      [`${API}/powers?at=2101-01-01`, 'at'],
      [`${API}/bodies?at=1899-12-31`, 'at'],
      [`${API}/admin/access-trail?from=1899-12-31T23:59:59Z`, 'from'],
      [`${API}/admin/access-trail?to=9999-12-31T23:59:59Z`, 'to'],
    ])('%s → 400 naming %s', async (path, field) => {
      const body = expectFields(await get(path), [field]);
      expect(body.errors[0].constraint).toBe('dateRange');
      expect(body.errors[0].reason).toEqual({
        vi: `${field}: phải trong khoảng từ 1900-01-01 đến 2100-12-31`,
        en: `${field} must be between 1900-01-01 and 2100-12-31`,
      });
    });

    it('a decision as of year 0000 or 9999, its findings on year 0000 → 400 naming the field', async () => {
      const id = await propose(phanCapProposal());
      expectFields(await get(`${API}/decisions/${id}?at=0000-01-01T00:00:00Z`), ['at']);
      expectFields(await get(`${API}/decisions/${id}?at=9999-12-31T00:00:00%2B07:00`), ['at']);
      expectFields(await get(`${API}/decisions/${id}/compare?fromAt=0000-01-01T00:00:00Z`), ['fromAt']);
      expectFields(await get(`${API}/admin/access-trail?from=0000-01-01T00:00:00Z`), ['from']);
      expectFields(await get(`${API}/decisions/${id}/findings?openOn=0000-01-01`), ['openOn']);
      // A year alone is ISO 8601, but not an instant PostgreSQL and JavaScript read alike.
      expectFields(await get(`${API}/decisions/${id}?at=2026`), ['at']);
    });

    it('propose with period.from 0000-01-01 → 400 naming period.from', async () => {
      const res = await t.http().post(`${API}/decisions`).set(await as('proposer')).send(uyQuyenProposal({ period: { from: '0000-01-01', to: '2026-12-31' } }));
      expectFields(res, ['period.from']);
    });

    it('POST /bodies with effectiveFrom 0000-01-01 → 400 naming effectiveFrom', async () => {
      const res = await t.http().post(`${API}/bodies`).set(await as('admin')).send({
        id: 'tv-ubnd-xa-hostile', nameVi: 'Ủy ban nhân dân xã Thử', nameEn: "People's Committee of Thử Commune", level: 'commune', type: 'ubnd',
        parentId: 'tv-ubnd', provinceId: 'tv', effectiveFrom: '0000-01-01',
      });
      expectFields(res, ['effectiveFrom']);
    });

    it('issue with effectiveFrom 9999-12-31 or 0001-01-01 → 400 naming effectiveFrom; then a real issue → 200', async () => {
      const id = await decidedUyQuyen();
      expectFields(await act(id, 'committee', 'issue', issue({ effectiveFrom: '9999-12-31' })), ['effectiveFrom']);
      expectFields(await act(id, 'committee', 'issue', issue({ effectiveFrom: '0001-01-01' })), ['effectiveFrom']);
      expectFields(await act(id, 'committee', 'issue', issue({ signedOn: '0000-01-01' })), ['signedOn']);
      expect(await stageOf(id)).toBe('approved');
      await must(id, 'committee', 'issue', issue());
      expect(await stageOf(id)).toBe('issued');
    });

    it('revoke with effectiveFrom 0000-01-01 → 400 naming effectiveFrom, still issued', async () => {
      const id = await decidedUyQuyen();
      await must(id, 'committee', 'issue', issue());
      expectFields(await act(id, 'committee', 'revoke', { documentNumber: '300/QĐ-UBND', reason: 'Thử', effectiveFrom: '0000-01-01' }), ['effectiveFrom']);
      expect(await stageOf(id)).toBe('issued');
    });

    it('the last day of the range is accepted, and its deadlines stay inside the working calendar', async () => {
      const id = await propose(phanCapProposal());
      await must(id, 'proposer', 'submit');
      await must(id, 'reviewer.lead', 'assign-reviewer', { reviewerId: 'user-reviewer' });
      await must(id, 'reviewer', 'appraise', { opinion: 'favourable', reportNumber: '45/BC-SNV', summary: 'Đủ điều kiện.' });
      await must(id, 'legal', 'record-legal-appraisal', { opinion: 'lawful', reportNumber: '30/BC-STP' });
      await must(id, 'committee', 'submit-to-council', { submissionNumber: '120/TTr-UBND', submittedOn: '2026-03-02' });
      await must(id, 'council', 'record-council-vote', {
        session: 'Kỳ họp thứ 25', sessionDate: '2026-03-02', resolutionNumber: '15/2026/NQ-HĐND', totalDelegates: 50, votesFor: 40, votesAgainst: 2, abstentions: 1,
      });
      await must(id, 'committee', 'issue', issue({ effectiveFrom: '2100-12-31' }));
      const deadlines = await get(`${API}/decisions/${id}/deadlines`);
      expect(deadlines.status).toBe(200);
      expect(deadlines.body.items.length).toBeGreaterThan(0);
    });

    it('the quarter of a report follows the same years', async () => {
      const id = await propose(phanCapProposal());
      expectFields(await act(id, 'proposer', 'file-report', { period: '0000-Q1', summary: 'Thử', documents: [] }), ['period']);
    });
  });

  describe('update-draft without changes → 400 naming changes', () => {
    it.each([
      ['{}', '{}'],
      ['no body', undefined],
      ['changes: null', '{"changes":null}'],
      ['changes: []', '{"changes":[]}'],
      ['changes: "x"', '{"changes":"x"}'],
    ])('%s', async (_name, text) => {
      const id = await propose(phanCapProposal());
      const req = t.http().post(`${API}/decisions/${id}/update-draft`).set(await as('proposer'));
      const res = text === undefined ? await req : await req.set(json).send(text);
      expectFields(res, ['changes']);
      expect((await get(`${API}/decisions/${id}`)).body.version).toBe(1);
    });

    it('amend without changes → 400 naming changes', async () => {
      const id = await propose(phanCapProposal());
      expectFields(await act(id, 'committee', 'amend', { documentNumber: '200/QĐ-UBND', reason: 'Thử', effectiveFrom: '2027-06-01' }), ['changes']);
    });

    it('resources, period or a document that is not an object → 400 naming it', async () => {
      const res = await t.http().post(`${API}/decisions`).set(await as('proposer'))
        .send(uyQuyenProposal({ resources: [], period: [], documents: [[]] }));
      expectFields(res, ['documents', 'period', 'resources']);
    });
  });

  describe('prototype keys are unknown keys like any other', () => {
    it.each([
      ['__proto__ at the top of a proposal', '__proto__', (b: string) => b.replace(/^\{/, '{"__proto__":{"admin":true},')],
      ['constructor at the top of a proposal', 'constructor', (b: string) => b.replace(/^\{/, '{"constructor":{"name":"x"},')],
      ['prototype inside resources', 'resources.prototype', (b: string) => b.replace('"resources":{', '"resources":{"prototype":{},')],
      ['__proto__ inside a document', 'documents.0.__proto__', (b: string) => b.replace('"documents":[{', '"documents":[{"__proto__":null,')],
    ])('%s → 400 naming %s, nothing written', async (_name, field, plant) => {
      const text = plant(JSON.stringify(phanCapProposal({ powerIds: ['TV-XD-02'], delegateBodyId: 'tv-so-xay-dung' })));
      expect(text).toContain(field.split('.').pop());
      const before = (await get(`${API}/decisions?powerId=TV-XD-02&limit=1`)).body.total;
      const body = expectFields(await postRaw(`${API}/decisions`, text, 'proposer'), [field]);
      expect(body.errors[0].constraint).toBe('whitelistValidation');
      expect((await get(`${API}/decisions?powerId=TV-XD-02&limit=1`)).body.total).toBe(before);
    });

    it('login with __proto__, no token → 400', async () => {
      expectFields(await postRaw(`${API}/auth/login`, '{"username":"admin","password":"PhanCap@2026","__proto__":{"role":"admin"}}'), ['__proto__']);
    });

    it('a query named __proto__ → 400', async () => {
      expectFields(await get(`${API}/decisions?__proto__=x`), ['__proto__']);
    });
  });
});

/** A TCP proxy to PostgreSQL that a test stops, starts and makes hang, as a database going away would. */
class DatabaseProxy {
  private server?: Server;
  private readonly sockets = new Set<Socket>();
  /** While true, connections are accepted and then never answered. */
  blackHole = false;

  constructor(
    private readonly target: { host: string; port: number },
    readonly port = 0,
  ) {}

  async start(): Promise<number> {
    const server = createServer((client) => {
      this.sockets.add(client);
      client.on('close', () => this.sockets.delete(client));
      client.on('error', () => client.destroy());
      if (this.blackHole) return;
      const upstream = connect(this.target.port, this.target.host);
      this.sockets.add(upstream);
      upstream.on('close', () => {
        this.sockets.delete(upstream);
        client.destroy();
      });
      upstream.on('error', () => client.destroy());
      client.on('close', () => upstream.destroy());
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve, reject) => {
      server.once('error', reject);
      server.listen(this.port, '127.0.0.1', () => resolve());
    });
    this.server = server;
    (this as { port: number }).port = (server.address() as { port: number }).port;
    return this.port;
  }

  /** Refuses new connections and cuts every open one, as a stopped server does. */
  async stop(): Promise<void> {
    const server = this.server;
    this.server = undefined;
    for (const s of this.sockets) s.destroy();
    this.sockets.clear();
    if (server) await new Promise<void>((resolve) => server.close(() => resolve()));
  }
}

describe('the database goes away: 503 with Retry-After, then recovery without a restart', () => {
  let t: TestApp;
  let proxy: DatabaseProxy;
  let scratch: { url: string; drop: () => Promise<void> };
  let name: string;
  let token: string;

  const unavailable = (res: HttpAnswer) => {
    const body = expectProblem(res, 503);
    expect(body.type).toBe('urn:phancap:problem:service-unavailable');
    expect(res.headers['retry-after']).toBe('5');
    expect(body.messages.title).toEqual({ vi: 'Dịch vụ tạm thời gián đoạn', en: 'Service unavailable' });
    expect(body.messages.detail.vi).toContain('cơ sở dữ liệu');
    expect(body.messages.detail.en).toContain('database');
  };
  const calls = () => [
    () => t.http().get(`${API}/decisions`).set('Authorization', token),
    () => t.http().get(`${API}/powers/TV-DD-02`).set('Authorization', token),
    () => t.http().post(`${API}/decisions`).set('Authorization', token).send(phanCapProposal()),
    () => t.http().post(`${API}/auth/login`).send({ username: 'admin', password: 'PhanCap@2026' }),
  ];

  beforeAll(async () => {
    scratch = await scratchDatabase('dbdown');
    const target = new URL(scratch.url);
    name = target.pathname.slice(1);
    proxy = new DatabaseProxy({ host: target.hostname, port: Number(target.port || 5432) });
    const port = await proxy.start();
    const viaProxy = new URL(scratch.url);
    viaProxy.host = `127.0.0.1:${port}`;
    t = await startTestApp({ DATABASE_URL: viaProxy.toString(), DB_CONNECT_TIMEOUT_MS: '1000' });
    token = await t.login('proposer');
  }, 120_000);
  afterAll(async () => {
    await t?.close().catch(() => undefined);
    await proxy?.stop();
    await scratch?.drop();
  });

  it('while PostgreSQL is unreachable every call answers 503 with Retry-After, in Vietnamese and English', async () => {
    expect((await calls()[0]()).status).toBe(200);
    await proxy.stop();
    for (const call of calls()) unavailable(await call());
    expect((await t.http().get(`${API}/decisions`).set('Authorization', token).set('Accept-Language', 'en')).body.title).toBe('Service unavailable');
  });

  it('a database that accepts connections and never answers → 503 after DB_CONNECT_TIMEOUT_MS', async () => {
    proxy.blackHole = true;
    await proxy.start();
    const started = Date.now();
    unavailable(await calls()[0]());
    expect(Date.now() - started).toBeLessThan(10_000);
    await proxy.stop();
    proxy.blackHole = false;
  });

  it('when it is back, the same app answers again', async () => {
    await proxy.start();
    let status = 0;
    for (let i = 0; i < 50 && status !== 200; i++) {
      const res = await calls()[0]();
      status = res.status;
      if (status !== 200) expect(status).toBe(503);
      else break;
      await new Promise((r) => setTimeout(r, 200));
    }
    expect(status).toBe(200);
    for (const call of calls()) expect([200, 201]).toContain((await call()).status);
  });

  it('backends terminated by the server (57P01) between and during requests → 200 or 503, never 500', async () => {
    const admin = new pg.Client({ connectionString: process.env.TEST_DATABASE_URL });
    await admin.connect();
    const statuses: number[] = [];
    try {
      for (let round = 0; round < 8; round++) {
        const kill = admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1 AND pid <> pg_backend_pid()', [name]);
        const answers = await Promise.all(calls().map((call) => call()));
        await kill;
        for (const res of answers) {
          statuses.push(res.status);
          if (res.status === 503) unavailable(res);
          else expect([200, 201]).toContain(res.status);
        }
      }
    } finally {
      await admin.end();
    }
    expect(statuses.length).toBe(32);
    expect((await calls()[0]()).status).toBe(200);
  });
});

/** Raw HTTP over a socket: what a slow or broken client sends, and everything the server answers until it closes. */
function rawExchange(port: number, chunks: string[]): Promise<{ text: string; ms: number }> {
  return new Promise((resolve, reject) => {
    const started = Date.now();
    const socket = connect(port, '127.0.0.1');
    let text = '';
    socket.setEncoding('utf8');
    socket.on('data', (d) => (text += d));
    socket.on('error', (e) => (text ? resolve({ text, ms: Date.now() - started }) : reject(e)));
    socket.on('close', () => resolve({ text, ms: Date.now() - started }));
    socket.on('connect', () => {
      for (const c of chunks) socket.write(c);
    });
    setTimeout(() => {
      socket.destroy();
      reject(new Error(`the server still held the connection after 15 s; got ${JSON.stringify(text.slice(0, 200))}`));
    }, 15_000).unref();
  });
}

/** The status and the problem document of a raw HTTP answer. */
function parseRaw(text: string): HttpAnswer {
  const [head, ...rest] = text.split('\r\n\r\n');
  const [statusLine, ...lines] = head.split('\r\n');
  const headers = Object.fromEntries(lines.map((l) => [l.slice(0, l.indexOf(':')).toLowerCase(), l.slice(l.indexOf(':') + 1).trim()]));
  return { status: Number(statusLine.split(' ')[1]), headers, text: rest.join('\r\n\r\n') };
}

describe('slow clients and oversized headers', () => {
  let t: TestApp;
  let port: number;

  beforeAll(async () => {
    t = await startTestApp({ REQUEST_TIMEOUT_MS: '1500', HEADERS_TIMEOUT_MS: '1000' });
    await t.app.listen(0, '127.0.0.1');
    port = (t.app.getHttpServer().address() as { port: number }).port;
  });
  afterAll(() => t.close());

  it('an incomplete body is cut off after REQUEST_TIMEOUT_MS with a 408 problem', async () => {
    const { text, ms } = await rawExchange(port, [
      'POST /api/v1/auth/login HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{"username":',
    ]);
    const body = expectProblem(parseRaw(text), 408);
    expect(body.type).toBe('urn:phancap:problem:request-timeout');
    expect(body.messages.title).toEqual({ vi: 'Hết thời gian chờ yêu cầu', en: 'Request timeout' });
    expect(ms).toBeGreaterThanOrEqual(1400);
    expect(ms).toBeLessThan(6000);
  });

  it('headers never finished are cut off after HEADERS_TIMEOUT_MS', async () => {
    const { text, ms } = await rawExchange(port, ['GET /health HTTP/1.1\r\nHost: localhost\r\nX-Slow: a']);
    expectProblem(parseRaw(text), 408);
    expect(ms).toBeGreaterThanOrEqual(900);
    expect(ms).toBeLessThan(6000);
  });

  it('a request sent in time is answered as usual', async () => {
    const { text } = await rawExchange(port, ['GET /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n']);
    expect(parseRaw(text).status).toBe(200);
  });

  it('headers over the server limit → 431 problem document instead of an empty answer', async () => {
    const { text } = await rawExchange(port, [`GET /health HTTP/1.1\r\nHost: localhost\r\nX-Big: ${'a'.repeat(20_000)}\r\n\r\n`]);
    const body = expectProblem(parseRaw(text), 431);
    expect(body.type).toBe('urn:phancap:problem:headers-too-large');
    expect(body.messages.title).toEqual({ vi: 'Tiêu đề yêu cầu quá lớn', en: 'Request header fields too large' });
  });

  it('a request line that is not HTTP → 400 problem document', async () => {
    const { text } = await rawExchange(port, ['HELLO\r\n\r\n']);
    expectProblem(parseRaw(text), 400);
  });
});
