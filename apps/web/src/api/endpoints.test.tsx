import { describe, expect, it } from 'vitest';
import { ACTION_COMMANDS, ENDPOINTS, path } from './endpoints';

describe('endpoint list', () => {
  it('names each (method, path template) once, all under /api/v1, with every action command', () => {
    const keys = ENDPOINTS.map(([m, p]) => `${m} ${p}`);
    expect(new Set(keys).size).toBe(keys.length);
    for (const [, p] of ENDPOINTS) expect(p).toMatch(/^\/api\/v1\/[a-z0-9/{}-]+$/);
    for (const c of ACTION_COMMANDS) expect(keys).toContain(`POST /api/v1/decisions/{id}/${c}`);
  });

  it('fills templates with encoded values', () => {
    expect(path('/api/v1/me/notifications/{id}/read', { id: 'remind:a/b' })).toBe('/api/v1/me/notifications/remind%3Aa%2Fb/read');
    expect(() => path('/api/v1/decisions/{id}')).toThrow();
  });
});
