import { describe, expect, it } from '@jest/globals';
import { listWorkflows } from '@app/delegation';
import { SlidingWindowLimiter, loginTracker } from './login-limiter.js';
import { validateEnvironment } from '@app/kernel';
import {
  ALL_PERMISSIONS, can, commandPermission, decisionScopeParams, defaultPermission, passwordChangeRule, PROVINCE_ROLES, ROLE_PERMISSIONS, rolesWith, scopeOf,
  USER_ROLES,
} from './access.policy.js';

describe('access policy', () => {
  it('decision commands: a role holds decisions:<command> exactly when some workflow lets it run the command', () => {
    for (const w of listWorkflows()) {
      for (const tr of w.transitions) {
        for (const role of USER_ROLES) {
          const inAnyWorkflow = listWorkflows().some((x) => x.transitions.some((y) => y.command === tr.command && y.roles.includes(role)));
          expect({ role, command: tr.command, can: can(role, commandPermission(tr.command)) }).toEqual({ role, command: tr.command, can: inAnyWorkflow });
        }
      }
    }
  });

  it('the auditor reads everything and changes nothing', () => {
    const held = [...ROLE_PERMISSIONS.auditor];
    expect(held).toEqual(expect.arrayContaining(['decisions:read', 'registry:read', 'reference:read', 'history:verify', 'users:read']));
    expect(held.filter((p) => /manage|propose|submit|issue|:(?!read|verify|own|self)/.test(p))).toEqual([]);
  });

  it('only admins manage users, bodies, the calendar and see failed logins', () => {
    for (const p of ['users:manage', 'bodies:manage', 'calendar:manage', 'security:read'] as const) expect(rolesWith(p)).toEqual(['admin']);
  });

  it('the queues (every province\'s jobs) and the unscoped log verification belong to the national operator alone', () => {
    expect(rolesWith('queues:manage')).toEqual(['operator']);
    expect(rolesWith('log:verify')).toEqual(['operator']);
    expect(rolesWith('history:verify')).toEqual(['auditor', 'admin', 'operator']);
    // …which reads no province's decisions, runs no workflow command and manages no province's users.
    expect([...ROLE_PERMISSIONS.operator].filter((p) => p.startsWith('decisions:') || /^(users|bodies|calendar|registry|security|trail):/.test(p))).toEqual([]);
    expect(PROVINCE_ROLES).not.toContain('operator');
    expect([...PROVINCE_ROLES, 'operator']).toEqual(USER_ROLES);
  });

  it('every province role reads decisions, the registry and reference data; unknown roles hold nothing', () => {
    for (const role of PROVINCE_ROLES) for (const p of ['decisions:read', 'registry:read', 'reference:read', 'auth:self'] as const) expect(can(role, p)).toBe(true);
    expect(can('system', 'decisions:read')).toBe(false);
    expect(can(undefined, 'decisions:read')).toBe(false);
    expect(ALL_PERMISSIONS).toContain('decisions:submit');
  });

  it('routes without a declared permission: reads for everyone, writes for admins only', () => {
    expect(defaultPermission('GET')).toBe('reference:read');
    expect(rolesWith(defaultPermission('POST'))).toEqual(['admin']);
  });

  it('scope: a proposer is limited to its body, everyone else to the province', () => {
    expect(scopeOf({ userId: 'u', role: 'proposer', bodyId: 'tv-so-tnmt', provinceId: 'tv' })).toEqual({ provinceId: 'tv', bodyIds: ['tv-so-tnmt'] });
    expect(scopeOf({ userId: 'u', role: 'reviewer', bodyId: 'tv-so-noi-vu', provinceId: 'tv' })).toEqual({ provinceId: 'tv' });
    expect(decisionScopeParams({ provinceId: 'qn' })).toEqual(['qn', null]);
  });

  it('passwords: one’s own, or anyone’s as a user manager', () => {
    expect(passwordChangeRule({ userId: 'a', role: 'proposer' }, 'a')).toBe('self');
    expect(passwordChangeRule({ userId: 'a', role: 'proposer' }, 'b')).toBe('denied');
    expect(passwordChangeRule({ userId: 'a', role: 'admin' }, 'b')).toBe('manager');
  });
});

describe('login limiter', () => {
  it('allows `limit` attempts per window per key, then says when a slot frees', () => {
    let now = 0;
    const limiter = new SlidingWindowLimiter(3, 60_000, () => now);
    for (let i = 0; i < 3; i++) expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k')).toEqual({ allowed: false, retryAfterMs: 60_000 });
    expect(limiter.take('other').allowed).toBe(true);
    now = 60_001;
    expect(limiter.take('k').allowed).toBe(true);
  });

  it('keys by IP and the user name as typed (case and Unicode form folded)', () => {
    expect(loginTracker({ ip: '10.0.0.1', body: { username: ' Admin ' } })).toBe('10.0.0.1|admin');
    expect(loginTracker({ ip: '10.0.0.1', body: {} })).toBe('10.0.0.1|');
  });
});

describe('configuration', () => {
  it('CORS_ORIGINS: a comma-separated list of origins, else a clear message', () => {
    expect(validateEnvironment({ CORS_ORIGINS: 'https://a.example, http://localhost:5173' }).CORS_ORIGINS).toBe('https://a.example, http://localhost:5173');
    expect(() => validateEnvironment({ CORS_ORIGINS: 'https://a.example/app' })).toThrow(/CORS_ORIGINS must be a comma-separated list of origins/);
    expect(() => validateEnvironment({ CORS_ORIGINS: '*' })).toThrow(/CORS_ORIGINS/);
    expect(() => validateEnvironment({ LOGIN_RATE_LIMIT: '0' })).toThrow(/LOGIN_RATE_LIMIT/);
    expect(validateEnvironment({}).LOGIN_RATE_LIMIT).toBe(10);
  });
});
