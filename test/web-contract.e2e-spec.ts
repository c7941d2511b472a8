import { afterAll, beforeAll, describe, expect, it } from '@jest/globals';
import { ENDPOINTS } from '../apps/web/src/api/endpoints.js';
import { startTestApp, type TestApp } from './support/harness.js';

/** The web client's calls are checked against the API's OpenAPI document: a renamed route fails here. */
describe('the web app and the API agree', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp();
  });
  afterAll(() => t.close());

  it('every (method, path) the web client calls is in the OpenAPI document', async () => {
    const doc = (await t.http().get('/docs/openapi.json')).body as { paths: Record<string, Record<string, unknown>> };
    const missing = ENDPOINTS.filter(([method, path]) => !doc.paths[path]?.[method.toLowerCase()]).map(([m, p]) => `${m} ${p}`);
    expect(missing).toEqual([]);
    expect(ENDPOINTS.length).toBeGreaterThan(20);
  });
});
