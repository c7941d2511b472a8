import { expect } from '@jest/globals';

export interface HttpAnswer {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  body?: unknown;
  text: string;
}

/** The problem document of an answer (parsed from its text when the client did not parse it). */
export function problemOf(res: HttpAnswer): Record<string, unknown> {
  const body = res.body && typeof res.body === 'object' && Object.keys(res.body).length ? res.body : JSON.parse(res.text || '{}');
  return body as Record<string, unknown>;
}

/** Asserts the answer is an RFC 9457 problem document of this status, with both languages; returns it. */
export function expectProblem(res: HttpAnswer, status: number): Record<string, any> {
  expect({ status: res.status, text: res.text.slice(0, 500) }).toEqual(expect.objectContaining({ status }));
  expect(String(res.headers['content-type'])).toMatch(/^application\/problem\+json/);
  const body = problemOf(res);
  expect(body).toEqual(
    expect.objectContaining({
      type: expect.stringMatching(/^urn:phancap:problem:/),
      title: expect.any(String),
      status,
      detail: expect.any(String),
      messages: {
        title: { vi: expect.any(String), en: expect.any(String) },
        detail: { vi: expect.any(String), en: expect.any(String) },
      },
    }),
  );
  return body;
}

/** The fields a validation problem names, each once, sorted. */
export const fieldsOf = (body: Record<string, any>): string[] =>
  [...new Set<string>((body.errors ?? []).map((e: { field: string }) => e.field))].sort();

/** Asserts a 400 validation problem naming exactly these fields, each with a Vietnamese and an English reason. */
export function expectFields(res: HttpAnswer, fields: string[]): Record<string, any> {
  const body = expectProblem(res, 400);
  expect(body.type).toBe('urn:phancap:problem:validation');
  expect(fieldsOf(body)).toEqual([...fields].sort());
  for (const e of body.errors) {
    expect(e).toEqual({ field: expect.any(String), constraint: expect.any(String), reason: { vi: expect.any(String), en: expect.any(String) } });
  }
  return body;
}
