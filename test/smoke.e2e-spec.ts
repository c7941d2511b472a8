import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { startTestApp, uyQuyenProposal, type TestApp } from './support/harness.js';

describe('smoke', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('a proposer drafts an ủy quyền', async () => {
    const res = await t.http().post('/api/v1/decisions').set('Authorization', await t.login('proposer')).send(uyQuyenProposal());
    expect(res.status).toBe(201);
    expect(res.body.stage).toBe('draft');
  });
});
