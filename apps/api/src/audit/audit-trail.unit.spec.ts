import { describe, expect, it } from '@jest/globals';
import { ProgressBar } from '@app/operator';
import { matchTrailRoute } from './trail-routes.js';

const ID = '0b4f6a52-3c1e-4d8e-9a0b-1c2d3e4f5a6b';

describe('the trail route table', () => {
  it('records history, past states, comparisons, verifications, exports and findings reads', () => {
    expect(matchTrailRoute('GET', `/api/v1/decisions/${ID}/events`)).toMatchObject({ action: 'read-history', target: ID });
    expect(matchTrailRoute('GET', `/api/v1/decisions/${ID}`, { version: '3' })).toMatchObject({ action: 'read-past-state', target: ID });
    expect(matchTrailRoute('GET', `/api/v1/decisions/${ID}`, { at: '2026-03-01T00:00:00Z' })).toMatchObject({ action: 'read-past-state' });
    expect(matchTrailRoute('GET', `/api/v1/decisions/${ID.toUpperCase()}/compare`)).toMatchObject({ action: 'compare', target: ID });
    expect(matchTrailRoute('GET', `/api/v1/decisions/${ID}/verify`)).toMatchObject({ action: 'verify', target: ID });
    expect(matchTrailRoute('GET', '/api/v1/audit/verify')).toMatchObject({ action: 'verify', target: 'log' });
    expect(matchTrailRoute('GET', `/api/v1/decisions/${ID}/evidence-pack`)).toMatchObject({ action: 'export', target: ID });
    expect(matchTrailRoute('GET', `/api/v1/decisions/${ID}/evidence-pack.zip`)).toMatchObject({ action: 'export', target: ID });
    expect(matchTrailRoute('GET', `/api/v1/decisions/${ID}/findings`)).toMatchObject({ action: 'read-findings', target: ID });
    expect(matchTrailRoute('GET', '/api/v1/findings', { openOn: '2026-03-03' })).toMatchObject({ action: 'read-findings', target: 'log' });
  });

  it('leaves the rest alone: the current state, lists, commands', () => {
    expect(matchTrailRoute('GET', `/api/v1/decisions/${ID}`)).toBeUndefined();
    expect(matchTrailRoute('GET', '/api/v1/decisions')).toBeUndefined();
    expect(matchTrailRoute('POST', `/api/v1/decisions/${ID}/submit`)).toBeUndefined();
    expect(matchTrailRoute('POST', `/api/v1/decisions/${ID}/events`)).toBeUndefined();
    expect(matchTrailRoute('GET', `/api/v1/decisions/${ID}/deadlines`)).toBeUndefined();
  });
});

describe('the progress bar', () => {
  const sink = (isTTY: boolean) => {
    const out: string[] = [];
    return { out, stream: { isTTY, write: (s: string) => out.push(s) } };
  };

  it('renders [#####.....] 50% (500/1000)', () => {
    expect(ProgressBar.render(500, 1000, 10)).toBe('[#####.....] 50% (500/1000)');
    expect(ProgressBar.render(0, 0, 4)).toBe('[####] 100% (0/0)');
  });

  it('writes one line per 10 % when stderr is not a terminal', () => {
    const { out, stream } = sink(false);
    const bar = new ProgressBar(100, 'x', stream, 10);
    for (let i = 0; i < 100; i++) bar.tick();
    expect(out).toHaveLength(11); // the start, then every 10 %
    expect(out[0]).toBe('x [..........] 1% (1/100)\n');
    expect(out.at(-1)).toBe('x [##########] 100% (100/100)\n');
  });

  it('redraws in place with \\r on a terminal, and ends the line', () => {
    const { out, stream } = sink(true);
    const bar = new ProgressBar(3, '', stream, 3);
    bar.tick(); bar.tick(); bar.tick();
    expect(out).toEqual(['\r[#..] 33% (1/3)', '\r[##.] 66% (2/3)', '\r[###] 100% (3/3)', '\n']);
  });
});
