import { describe, expect, it } from '@jest/globals';
import { validateEnvironment } from '@app/kernel';
import { AccountBackoff, LoginThrottle, SlidingWindowLimiter } from './login-limiter.js';
import { DUMMY_HASH, hashPassword, verifyPassword } from './passwords.js';

const settings = { perIpAndName: 10, perIp: 60, backoffAfter: 5, backoffMaxMs: 60_000 };

describe('login throttle: per IP, whatever the user names (password spraying)', () => {
  it('300 names from one IP: 60 admitted, the rest refused until the window frees a slot; another IP is not affected', () => {
    let now = 0;
    const throttle = new LoginThrottle(settings, () => now);
    const outcomes = Array.from({ length: 300 }, (_, i) => {
      const a = throttle.admit('10.0.0.1', `user${i}`);
      if (a.allowed) throttle.settle(a.ticket, 'failed');
      return a.allowed ? 'admitted' : a.reason;
    });
    expect(outcomes.filter((o) => o === 'admitted')).toHaveLength(60);
    expect(outcomes.filter((o) => o === 'ip')).toHaveLength(240);
    const refused = throttle.admit('10.0.0.1', 'someone-else');
    expect(refused).toMatchObject({ allowed: false, reason: 'ip', retryAfterMs: 60_000, limit: 60 });
    expect(throttle.admit('10.0.0.2', 'auditor').allowed).toBe(true);
    now = 60_001;
    expect(throttle.admit('10.0.0.1', 'user300').allowed).toBe(true);
  });

  it('successful logins, and requests refused before any password check, give their slot back: an office behind one NAT logs in', () => {
    const throttle = new LoginThrottle({ ...settings, perIp: 3 }, () => 0);
    for (let i = 0; i < 100; i++) {
      const a = throttle.admit('10.0.0.9', `staff${i}`);
      expect(a.allowed).toBe(true);
      if (a.allowed) throttle.settle(a.ticket, i % 2 ? 'succeeded' : 'refused');
    }
  });

  it('attempts in flight count, and an attempt whose client hung up keeps its slot', () => {
    const throttle = new LoginThrottle({ ...settings, perIp: 2 }, () => 0);
    const first = throttle.admit('10.0.0.5', 'a');
    const second = throttle.admit('10.0.0.5', 'b');
    expect([first.allowed, second.allowed, throttle.admit('10.0.0.5', 'c').allowed]).toEqual([true, true, false]);
    if (first.allowed) throttle.settle(first.ticket, 'aborted');
    expect(throttle.admit('10.0.0.5', 'c').allowed).toBe(false);
    if (second.allowed) throttle.settle(second.ticket, 'succeeded');
    expect(throttle.admit('10.0.0.5', 'c').allowed).toBe(true);
  });

  it('keeps the limit per IP and user name (LOGIN_RATE_LIMIT), and gives back its slot when the IP limit refuses', () => {
    const throttle = new LoginThrottle({ ...settings, perIpAndName: 2, perIp: 1000, backoffMaxMs: 0 }, () => 0);
    const reasons = Array.from({ length: 3 }, () => {
      const a = throttle.admit('10.0.0.3', ' Admin ');
      if (a.allowed) throttle.settle(a.ticket, 'failed');
      return a.allowed ? 'admitted' : a.reason;
    });
    expect(reasons).toEqual(['admitted', 'admitted', 'ip-and-name']);
    expect(throttle.admit('10.0.0.4', 'admin').allowed).toBe(true);

    const tight = new LoginThrottle({ ...settings, perIpAndName: 1, perIp: 1 }, () => 0);
    const a = tight.admit('10.0.0.6', 'x');
    expect(tight.admit('10.0.0.6', 'y')).toMatchObject({ allowed: false, reason: 'ip' });
    if (a.allowed) tight.settle(a.ticket, 'refused');
    expect(tight.admit('10.0.0.6', 'y').allowed).toBe(true); // y's pair slot was given back when the IP refused it
  });
});

describe('login throttle: per account, whatever the IP (backoff)', () => {
  it('five failures are free; then each failure doubles the wait, up to the maximum; from any IP', () => {
    let now = 0;
    const backoff = new AccountBackoff(5, 60_000, () => now);
    expect([0, 4, 5, 6, 7, 10, 11, 12, 50].map((f) => backoff.delayAfter(f))).toEqual([0, 0, 1000, 2000, 4000, 32_000, 60_000, 60_000, 60_000]);
    const throttle = new LoginThrottle(settings, () => now);
    const fail = (ip: string) => {
      const a = throttle.admit(ip, 'reviewer');
      if (a.allowed) throttle.settle(a.ticket, 'failed');
      return a;
    };
    for (let i = 0; i < 5; i++) expect(fail(`10.1.0.${i}`).allowed).toBe(true);
    expect(throttle.admit('10.1.9.9', 'Reviewer')).toMatchObject({ allowed: false, reason: 'account', retryAfterMs: 1000 });
    now += 1000;
    expect(fail('10.1.0.7').allowed).toBe(true);
    expect(throttle.admit('10.1.0.8', 'reviewer')).toMatchObject({ allowed: false, reason: 'account', retryAfterMs: 2000 });
    now += 2000;
    const ok = throttle.admit('10.1.0.8', 'reviewer');
    expect(ok.allowed).toBe(true);
    if (ok.allowed) throttle.settle(ok.ticket, 'succeeded');
    // A success forgets the failures.
    for (let i = 0; i < 5; i++) expect(fail('10.1.0.8').allowed).toBe(true);
  });

  it('while backing off, attempts that arrive together are let through one at a time', () => {
    const throttle = new LoginThrottle({ ...settings, backoffAfter: 1 }, () => 0);
    const first = throttle.admit('10.2.0.1', 'legal');
    expect(throttle.admit('10.2.0.2', 'legal')).toMatchObject({ allowed: false, reason: 'account' });
    if (first.allowed) throttle.settle(first.ticket, 'succeeded');
    expect(throttle.admit('10.2.0.2', 'legal').allowed).toBe(true);
  });

  it('forgets an account 15 minutes after its last failure; LOGIN_BACKOFF_MAX_SECONDS=0 turns the backoff off', () => {
    let now = 0;
    const backoff = new AccountBackoff(1, 60_000, () => now);
    backoff.admit('a');
    backoff.settle('a', 'failed');
    expect(backoff.admit('a').allowed).toBe(false);
    now = 15 * 60_000;
    expect(backoff.admit('a').allowed).toBe(true);
    const off = new AccountBackoff(1, 0, () => 0);
    for (let i = 0; i < 20; i++) {
      expect(off.admit('b').allowed).toBe(true);
      off.settle('b', 'failed');
    }
  });

  it('SlidingWindowLimiter.release gives back the newest slot', () => {
    const limiter = new SlidingWindowLimiter(1, 60_000, () => 0);
    expect(limiter.take('k').allowed).toBe(true);
    expect(limiter.take('k').allowed).toBe(false);
    limiter.release('k');
    expect(limiter.take('k').allowed).toBe(true);
  });
});

describe('passwords: bcrypt off the event loop', () => {
  it('verifies the hashes stored so far ($2a$ and $2b$, written by bcryptjs), and refuses a wrong password or a malformed hash', async () => {
    const b = '$2b$10$CV6p88IzE3692SX2NviQsOTtHGygrk6eTqYtYj0UXu0x4RVxLNJq.'; // bcryptjs 3: PhanCap@2026
    const a = `$2a$${b.slice(4)}`; // the same hash as bcryptjs 2 and most libraries wrote it
    const vi = '$2b$10$W4CAFTk0bCv8caps03HoguxMB449W85rvHb7zf0Fet3.BhJyPfnBu'; // 'Mật khẩu cũ 2019', NFC
    expect(await verifyPassword('PhanCap@2026', b)).toBe(true);
    expect(await verifyPassword('PhanCap@2026', a)).toBe(true);
    expect(await verifyPassword('Mật khẩu cũ 2019'.normalize('NFC'), vi)).toBe(true);
    expect(await verifyPassword('PhanCap@2027', b)).toBe(false);
    expect(await verifyPassword('x', 'not-a-hash')).toBe(false);
    expect(await verifyPassword('phancap-no-such-user', DUMMY_HASH)).toBe(true);
  });

  it('hashes new passwords as bcrypt $2b$ of cost 10, which verify', async () => {
    const h = await hashPassword('Another-Pass-2026');
    expect(h).toMatch(/^\$2b\$10\$.{53}$/);
    expect(await verifyPassword('Another-Pass-2026', h)).toBe(true);
  });
});

describe('login limits: configuration', () => {
  it('LOGIN_IP_RATE_LIMIT 60, LOGIN_BACKOFF_AFTER 5, LOGIN_BACKOFF_MAX_SECONDS 60 by default; each validated by name', () => {
    expect(validateEnvironment({})).toMatchObject({ LOGIN_RATE_LIMIT: 10, LOGIN_IP_RATE_LIMIT: 60, LOGIN_BACKOFF_AFTER: 5, LOGIN_BACKOFF_MAX_SECONDS: 60 });
    expect(validateEnvironment({ LOGIN_IP_RATE_LIMIT: '600', LOGIN_BACKOFF_MAX_SECONDS: '0' })).toMatchObject({ LOGIN_IP_RATE_LIMIT: 600, LOGIN_BACKOFF_MAX_SECONDS: 0 });
    expect(() => validateEnvironment({ LOGIN_IP_RATE_LIMIT: '0' })).toThrow(/LOGIN_IP_RATE_LIMIT must be between 1 and 100000/);
    expect(() => validateEnvironment({ LOGIN_BACKOFF_AFTER: 'x' })).toThrow(/LOGIN_BACKOFF_AFTER must be an integer/);
    expect(() => validateEnvironment({ LOGIN_BACKOFF_MAX_SECONDS: '-1' })).toThrow(/LOGIN_BACKOFF_MAX_SECONDS/);
  });
});
