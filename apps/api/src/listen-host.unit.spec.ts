import { describe, expect, it } from '@jest/globals';
import { listenHost, openableUrl } from './listen-host.js';

describe('where the API listens', () => {
  it('the embedded default (published demo password) on loopback only; a deployment (DATABASE_URL) on every interface; HOST always wins', () => {
    expect(listenHost(undefined, true)).toBe('127.0.0.1');
    expect(listenHost(undefined, false)).toBe('0.0.0.0');
    expect(listenHost('0.0.0.0', true)).toBe('0.0.0.0');
    expect(listenHost('127.0.0.1', false)).toBe('127.0.0.1');
  });

  it('logs a URL one can open', () => {
    expect(openableUrl('127.0.0.1', 3000)).toBe('http://127.0.0.1:3000');
    expect(openableUrl('0.0.0.0', 3000)).toBe('http://localhost:3000');
    expect(openableUrl('::1', 3000)).toBe('http://[::1]:3000');
  });
});
