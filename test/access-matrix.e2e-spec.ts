import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { getWorkflow, type CommandType, type DecisionKind, type Stage } from '@app/delegation';
import { PROVINCE_ROLES, rolesWith, USER_ROLES, type Permission, type UserRole } from '@app/identity';
import { phanCapProposal, startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

/**
 * The access matrix: every role × every route and every decision command, from ONE table each.
 * A route is "allowed" when the answer is neither 401 nor 403 (it may still be 400 for a bad body);
 * "denied" is a 403 role-not-allowed problem. Command expectations are written out here and checked
 * against the workflow definitions (libs/delegation), which the policy derives them from.
 */

/** The demo user of Trà Vinh holding each role, and the national operator (of no province). */
const USER: Record<UserRole, string> = {
  proposer: 'proposer', reviewer: 'reviewer', 'reviewer-lead': 'reviewer.lead', 'legal-appraiser': 'legal',
  'council-office': 'council', 'committee-office': 'committee', auditor: 'auditor', admin: 'admin', operator: 'operator',
};
/** A province's staff: everything of their province is theirs to read. */
const ALL = PROVINCE_ROLES;
/** …and the national operator, for what belongs to no province's decisions. */
const EVERYONE = USER_ROLES;
const ADMIN: UserRole[] = ['admin'];

interface RouteCase {
  method: 'get' | 'post' | 'put' | 'patch';
  path: string;
  body?: object;
  permission: Permission;
  allowed: readonly UserRole[];
}

let decisionId = '';
const ROUTES = (): RouteCase[] => [
  { method: 'get', path: '/api/v1/decisions', permission: 'decisions:read', allowed: ALL },
  { method: 'get', path: `/api/v1/decisions/${decisionId}`, permission: 'decisions:read', allowed: ALL },
  { method: 'get', path: `/api/v1/decisions/${decisionId}/events`, permission: 'decisions:read', allowed: ALL },
  { method: 'get', path: `/api/v1/decisions/${decisionId}/deadlines`, permission: 'decisions:read', allowed: ALL },
  { method: 'get', path: `/api/v1/decisions/${decisionId}/findings`, permission: 'decisions:read', allowed: ALL },
  { method: 'get', path: '/api/v1/findings', permission: 'decisions:read', allowed: ALL },
  { method: 'get', path: '/api/v1/registry?powerId=TV-DD-02', permission: 'registry:read', allowed: ALL },
  { method: 'get', path: '/api/v1/bodies', permission: 'reference:read', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/powers', permission: 'reference:read', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/powers/TV-DD-01', permission: 'reference:read', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/powers/TV-DD-01/history', permission: 'reference:read', allowed: EVERYONE },
  { method: 'post', path: '/api/v1/powers', body: {}, permission: 'bodies:manage', allowed: ADMIN },
  { method: 'post', path: '/api/v1/powers/TV-DD-01/revise', body: {}, permission: 'bodies:manage', allowed: ADMIN },
  { method: 'post', path: '/api/v1/powers/TV-DD-01/retire', body: {}, permission: 'bodies:manage', allowed: ADMIN },
  { method: 'get', path: '/api/v1/sectors', permission: 'reference:read', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/workflows', permission: 'reference:read', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/workflows/schema', permission: 'reference:read', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/workflows/phan-cap/versions', permission: 'reference:read', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/workflows/phan-cap/versions/2', permission: 'reference:read', allowed: EVERYONE },
  { method: 'post', path: '/api/v1/workflows/validate', body: {}, permission: 'workflows:manage', allowed: ADMIN },
  { method: 'get', path: '/api/v1/calendar/years', permission: 'calendar:read', allowed: ALL },
  { method: 'get', path: '/api/v1/calendar/days/2026-02-17', permission: 'calendar:read', allowed: ALL },
  { method: 'put', path: '/api/v1/calendar/years/2099', body: {}, permission: 'calendar:manage', allowed: ADMIN },
  { method: 'get', path: '/api/v1/me/notifications', permission: 'notifications:own', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/auth/me', permission: 'auth:self', allowed: EVERYONE },
  { method: 'get', path: '/api/v1/audit/verify', permission: 'history:verify', allowed: ['auditor', 'admin', 'operator'] },
  { method: 'get', path: '/api/v1/audit/signing-keys', permission: 'history:verify', allowed: ['auditor', 'admin', 'operator'] },
  { method: 'get', path: '/api/v1/audit/tree-heads', permission: 'log:verify', allowed: ['operator'] },
  { method: 'get', path: '/api/v1/audit/proofs/consistency?from=1&to=1', permission: 'log:verify', allowed: ['operator'] },
  { method: 'get', path: '/api/v1/users', permission: 'users:read', allowed: ['auditor', 'admin'] },
  { method: 'get', path: '/api/v1/reports/quarterly', permission: 'reports:read', allowed: ['reviewer', 'reviewer-lead', 'council-office', 'committee-office', 'auditor', 'admin'] },
  { method: 'get', path: '/api/v1/reports/quarterly/2026-Q1', permission: 'reports:read', allowed: ['reviewer', 'reviewer-lead', 'council-office', 'committee-office', 'auditor', 'admin'] },
  { method: 'post', path: '/api/v1/reports/quarterly', body: {}, permission: 'reports:compile', allowed: ['reviewer-lead', 'committee-office'] },
  { method: 'get', path: '/api/v1/reports/quarterly/2026-Q1/timeliness', permission: 'reports:read', allowed: ['reviewer', 'reviewer-lead', 'council-office', 'committee-office', 'auditor', 'admin'] },
  { method: 'get', path: '/api/v1/reports/yearly-evaluations/2026', permission: 'reports:read', allowed: ['reviewer', 'reviewer-lead', 'council-office', 'committee-office', 'auditor', 'admin'] },
  { method: 'get', path: '/api/v1/users/user-proposer', permission: 'users:read', allowed: ['auditor', 'admin'] },
  { method: 'post', path: '/api/v1/users', body: {}, permission: 'users:manage', allowed: ADMIN },
  { method: 'patch', path: '/api/v1/users/user-no-such-user', body: {}, permission: 'users:manage', allowed: ADMIN },
  { method: 'get', path: '/api/v1/admin/failed-logins', permission: 'security:read', allowed: ADMIN },
  { method: 'get', path: '/api/v1/admin/access-trail', permission: 'trail:read', allowed: ADMIN },
  { method: 'post', path: '/api/v1/decisions', body: {}, permission: 'decisions:propose', allowed: ['proposer'] },
];

interface CommandCase {
  command: CommandType;
  kind: DecisionKind;
  stage: Stage;
  /** The command's body for a decision whose ủy quyền period is the year `y`. */
  body: object | ((y: number) => object);
  allowed: UserRole[];
  /** Past authorisation, the domain may still refuse by a business rule (expire before the period ends: 422). */
  alsoOk?: number[];
}

const COMMANDS: CommandCase[] = [
  { command: 'update-draft', kind: 'phan-cap', stage: 'draft', body: { changes: { conditions: ['Báo cáo hằng tháng'] } }, allowed: ['proposer'] },
  { command: 'submit', kind: 'phan-cap', stage: 'draft', body: {}, allowed: ['proposer'] },
  { command: 'withdraw', kind: 'phan-cap', stage: 'submitted', body: { reason: 'Chờ luật mới' }, allowed: ['proposer'] },
  { command: 'assign-reviewer', kind: 'phan-cap', stage: 'submitted', body: { reviewerId: 'user-reviewer' }, allowed: ['reviewer-lead'] },
  { command: 'request-revision', kind: 'phan-cap', stage: 'in-appraisal', body: { reasons: ['Bổ sung thuyết minh'] }, allowed: ['reviewer', 'reviewer-lead'] },
  { command: 'resubmit', kind: 'phan-cap', stage: 'revision-requested', body: { response: 'Đã bổ sung' }, allowed: ['proposer'] },
  { command: 'appraise', kind: 'phan-cap', stage: 'in-appraisal', body: { opinion: 'favourable', reportNumber: '45/BC-SNV', summary: 'Đạt' }, allowed: ['reviewer', 'reviewer-lead'] },
  { command: 'record-legal-appraisal', kind: 'phan-cap', stage: 'legal-appraisal', body: { opinion: 'lawful', reportNumber: '30/BC-STP' }, allowed: ['legal-appraiser'] },
  { command: 'submit-to-council', kind: 'phan-cap', stage: 'appraised', body: { submissionNumber: '120/TTr-UBND', submittedOn: '2026-03-02' }, allowed: ['committee-office'] },
  {
    command: 'record-council-vote', kind: 'phan-cap', stage: 'awaiting-council', allowed: ['council-office'],
    body: { session: 'Kỳ họp chuyên đề', sessionDate: '2026-03-02', resolutionNumber: '15/2026/NQ-HĐND', totalDelegates: 50, votesFor: 26, votesAgainst: 20, abstentions: 4 },
  },
  { command: 'decide', kind: 'uy-quyen', stage: 'appraised', body: { outcome: 'approved', decidedBy: 'chairman' }, allowed: ['committee-office'] },
  { command: 'issue', kind: 'uy-quyen', stage: 'approved', body: (y) => ({ documentNumber: '900/QĐ-UBND', signer: 'Chủ tịch UBND tỉnh', signedOn: '2026-03-02', effectiveFrom: `${y}-01-01` }), allowed: ['committee-office'] },
  { command: 'amend', kind: 'uy-quyen', stage: 'issued', body: (y) => ({ documentNumber: '901/QĐ-UBND', reason: 'Bổ sung điều kiện', effectiveFrom: `${y}-05-01`, changes: { conditions: ['Báo cáo hằng tháng'] } }), allowed: ['committee-office'] },
  { command: 'revoke', kind: 'uy-quyen', stage: 'issued', body: (y) => ({ documentNumber: '902/QĐ-UBND', reason: 'Điều chỉnh', effectiveFrom: `${y}-06-01` }), allowed: ['committee-office'] },
  { command: 'expire', kind: 'uy-quyen', stage: 'issued', body: {}, allowed: ['committee-office'], alsoOk: [422] },
  { command: 'file-report', kind: 'uy-quyen', stage: 'issued', body: (y) => ({ period: `${y}-Q1`, summary: 'Đã giải quyết 120 hồ sơ', documents: [] }), allowed: ['proposer'] },
  { command: 'record-evaluation', kind: 'uy-quyen', stage: 'issued', body: (y) => ({ year: y, result: 'effective', summary: 'Thực hiện tốt' }), allowed: ['reviewer', 'reviewer-lead'] },
];

type Step = [user: string, command: string, body: object];
const STEP: Record<string, Step> = {
  submit: ['proposer', 'submit', {}],
  assign: ['reviewer.lead', 'assign-reviewer', { reviewerId: 'user-reviewer' }],
  revise: ['reviewer', 'request-revision', { reasons: ['Bổ sung'] }],
  appraise: ['reviewer', 'appraise', { opinion: 'favourable', reportNumber: '45/BC-SNV', summary: 'Đạt' }],
  legal: ['legal', 'record-legal-appraisal', { opinion: 'lawful', reportNumber: '30/BC-STP' }],
  council: ['committee', 'submit-to-council', { submissionNumber: '120/TTr-UBND', submittedOn: '2026-03-02' }],
  decide: ['committee', 'decide', { outcome: 'approved', decidedBy: 'chairman' }],
};
const PATHS: Record<DecisionKind, Partial<Record<Stage, string[]>>> = {
  'phan-cap': {
    draft: [], submitted: ['submit'], 'in-appraisal': ['submit', 'assign'], 'revision-requested': ['submit', 'assign', 'revise'],
    'legal-appraisal': ['submit', 'assign', 'appraise'], appraised: ['submit', 'assign', 'appraise', 'legal'],
    'awaiting-council': ['submit', 'assign', 'appraise', 'legal', 'council'],
  },
  'uy-quyen': {
    appraised: ['submit', 'assign', 'appraise'], approved: ['submit', 'assign', 'appraise', 'decide'],
    issued: ['submit', 'assign', 'appraise', 'decide', 'issue'],
  },
};

describe('access matrix: every role × every route and command', () => {
  let t: TestApp;
  let issuedYear = 2030;
  const auth = async (user: string) => ({ Authorization: await t.login(user) });

  const act = async (id: string, user: string, command: string, body: object) =>
    t.http().post(`/api/v1/decisions/${id}/${command}`).set(await auth(user)).send(body);

  const yearOf = new Map<string, number>();
  /** A fresh decision driven to `stage` by the demo users whose job each step is. */
  const decisionAt = async (kind: DecisionKind, stage: Stage): Promise<string> => {
    // Each ủy quyền gets a period of its own, so no two delegate the same power at the same time.
    const year = issuedYear++;
    const proposal = kind === 'phan-cap' ? phanCapProposal() : uyQuyenProposal({ period: { from: `${year}-01-01`, to: `${year}-12-31` } });
    const created = await t.http().post('/api/v1/decisions').set(await auth('proposer')).send(proposal);
    expect(created.status).toBe(201);
    const id = created.body.decisionId as string;
    yearOf.set(id, year);
    for (const name of PATHS[kind][stage]!) {
      const [user, command, body] = name === 'issue'
        ? ['committee', 'issue', { documentNumber: `${year}/QĐ-UBND`, signer: 'Chủ tịch UBND tỉnh', signedOn: '2026-03-02', effectiveFrom: `${year}-01-01` }] as Step
        : STEP[name];
      const res = await act(id, user, command, body);
      if (res.status !== 200) throw new Error(`${command} as ${user} on the way to ${stage}: ${res.status} ${res.text}`);
    }
    return id;
  };

  beforeAll(async () => {
    t = await startTestApp();
    decisionId = await decisionAt('phan-cap', 'submitted');
  });
  afterAll(async () => {
    await t.close();
  });

  describe('routes', () => {
    it('the table agrees with the policy: the roles allowed are exactly those holding the permission', () => {
      for (const r of ROUTES()) expect({ route: `${r.method} ${r.path}`, roles: [...rolesWith(r.permission)] }).toEqual({ route: `${r.method} ${r.path}`, roles: [...r.allowed] });
    });

    it.each(USER_ROLES.map((role) => [role]))('%s: allowed where the table says, 403 role-not-allowed elsewhere', async (role) => {
      const outcomes: string[] = [];
      const expected: string[] = [];
      for (const r of ROUTES()) {
        const res = await t.http()[r.method](r.path).set(await auth(USER[role])).send(r.body);
        const allowed = r.allowed.includes(role);
        // A decision outside the caller's scope does not exist for them (404 before any 403): the operator's case.
        const outOfScope = role === 'operator' && r.path.includes(decisionId);
        expected.push(`${r.method} ${r.path} → ${allowed ? 'allowed' : outOfScope ? 'not found' : 'denied'}`);
        outcomes.push(`${r.method} ${r.path} → ${res.status === 403 && res.body.type === 'urn:phancap:problem:role-not-allowed' ? 'denied'
          : outOfScope && res.status === 404 ? 'not found' : ![401, 403].includes(res.status) ? 'allowed' : `status ${res.status}`}`);
        if (!allowed && res.status === 403) expect(res.body).toEqual(expect.objectContaining({ permission: r.permission, role, allowedRoles: [...r.allowed] }));
      }
      expect(outcomes).toEqual(expected);
    });
  });

  describe('decision commands', () => {
    it('the table is the workflow definitions: allowed roles per command and stage', () => {
      for (const c of COMMANDS) {
        const roles = getWorkflow(c.kind, 1)!.transitions.find((tr) => tr.command === c.command && tr.from.includes(c.stage))!.roles;
        expect({ command: c.command, roles: roles.filter((r) => r !== 'system') }).toEqual({ command: c.command, roles: c.allowed });
      }
    });

    it.each(COMMANDS.map((c) => [c.command, c.stage, c] as [string, string, CommandCase]))('%s in stage %s: only the allowed roles get through', async (_cmd, _stage, c) => {
      let id = await decisionAt(c.kind, c.stage);
      const body = (decision: string) => (typeof c.body === 'function' ? c.body(yearOf.get(decision)!) : c.body);
      for (const role of PROVINCE_ROLES.filter((r) => !c.allowed.includes(r))) {
        const res = await act(id, USER[role], c.command, body(id));
        expect({ role, status: res.status, type: res.body.type }).toEqual({ role, status: 403, type: 'urn:phancap:problem:role-not-allowed' });
        expect(res.body).toEqual(expect.objectContaining({ command: c.command, role, stage: c.stage }));
      }
      // The national operator sees no province's decisions: for it the decision does not exist.
      expect((await act(id, USER.operator, c.command, body(id))).status).toBe(404);
      const after = await t.http().get(`/api/v1/decisions/${id}`).set(await auth('auditor'));
      expect(after.body).toEqual(expect.objectContaining({ stage: c.stage }));
      for (const [i, role] of c.allowed.entries()) {
        if (i > 0) id = await decisionAt(c.kind, c.stage); // each allowed role on a decision of its own
        const res = await act(id, USER[role], c.command, body(id));
        const ok = [200, ...(c.alsoOk ?? [])].includes(res.status) && res.body.type !== 'urn:phancap:problem:role-not-allowed';
        expect({ role, status: res.status, body: ok ? 'ok' : res.body }).toEqual({ role, status: ok ? res.status : 200, body: 'ok' });
      }
    });
  });
});
