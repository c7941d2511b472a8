/** A small client for phancap's API (global fetch, kept-alive connections), for seeding and for timing commands. */

export const DEMO_PASSWORD = 'PhanCap@2026';

/** A valid phân cấp proposal from the demo catalogue (the same body as test/support/harness.ts). */
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

export interface Answer {
  status: number;
  body: unknown;
}

export class Api {
  private readonly tokens = new Map<string, string>();

  constructor(readonly base: string) {}

  async request(method: string, path: string, body?: unknown, user?: string): Promise<Answer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (body !== undefined) headers['content-type'] = 'application/json';
    if (user) headers.authorization = `Bearer ${await this.token(user)}`;
    const res = await fetch(`${this.base}${path}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: text ? JSON.parse(text) : null };
  }

  /** Logs a demo user in once (login is rate-limited per user name) and keeps the token. */
  async token(user: string): Promise<string> {
    const known = this.tokens.get(user);
    if (known) return known;
    const res = await this.request('POST', '/api/v1/auth/login', { username: user, password: DEMO_PASSWORD });
    if (res.status !== 200) throw new Error(`login ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    const { accessToken } = res.body as { accessToken: string };
    this.tokens.set(user, accessToken);
    return accessToken;
  }

  /** Runs a command and insists on success; returns the new stream version. */
  async command(user: string, path: string, body: unknown, expect: number): Promise<{ decisionId: string; version: number; stage: string }> {
    const res = await this.request('POST', path, body, user);
    if (res.status !== expect) throw new Error(`POST ${path} as ${user}: ${res.status} ${JSON.stringify(res.body)}`);
    return res.body as { decisionId: string; version: number; stage: string };
  }

  propose(user = 'proposer', overrides: Record<string, unknown> = {}) {
    return this.command(user, '/api/v1/decisions', phanCapProposal(overrides), 201);
  }

  act(id: string, action: string, user: string, body: unknown = {}) {
    return this.command(user, `/api/v1/decisions/${id}/${action}`, body, 200);
  }
}

/**
 * One decision through seven commands by four roles, so the log holds the event types and read-model
 * work of a real appraisal, not one event type repeated: drafted, draft updated, submitted, reviewer
 * assigned, revision requested, resubmitted, appraised (stage legal-appraisal). 7 events.
 */
export async function typicalDecision(api: Api, n: number): Promise<string> {
  const { decisionId: id } = await api.propose();
  await api.act(id, 'update-draft', 'proposer', { changes: { conditions: ['Báo cáo kết quả thực hiện hằng quý', `Điều kiện bổ sung ${n}`] } });
  await api.act(id, 'submit', 'proposer');
  await api.act(id, 'assign-reviewer', 'reviewer.lead', { reviewerId: 'user-reviewer' });
  await api.act(id, 'request-revision', 'reviewer', { reasons: ['Bổ sung thuyết minh nguồn lực'] });
  await api.act(id, 'resubmit', 'proposer', { response: 'Đã bổ sung', changes: { resources: { budgetVnd: 2_000_000_000, staffPositions: 4, facilities: ['Bộ phận một cửa'] } } });
  await api.act(id, 'appraise', 'reviewer', { opinion: 'favourable', reportNumber: `${n}/BC-SNV`, summary: 'Đủ điều kiện' });
  return id;
}
