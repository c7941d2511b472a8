/**
 * Every (method, path template) the web client calls. A test checks this list against the OpenAPI
 * document; the client builds its URLs from these templates only (see `path()`).
 */

/** Decision commands the web app offers as forms (POST /api/v1/decisions/{id}/<command>). */
export const ACTION_COMMANDS = [
  'update-draft', 'submit', 'assign-reviewer', 'request-revision', 'resubmit', 'appraise', 'record-legal-appraisal',
  'submit-to-council', 'record-council-vote', 'decide', 'issue', 'amend', 'revoke', 'withdraw', 'expire',
  'file-report', 'record-evaluation',
] as const;
export type ActionCommand = (typeof ACTION_COMMANDS)[number];

export const ENDPOINTS: ReadonlyArray<readonly ['GET' | 'POST' | 'PUT' | 'PATCH', string]> = [
  ['POST', '/api/v1/auth/login'],
  ['GET', '/api/v1/decisions'],
  ['GET', '/api/v1/decisions/summary'],
  ['POST', '/api/v1/decisions'],
  ['GET', '/api/v1/decisions/{id}'],
  ['GET', '/api/v1/decisions/{id}/events'],
  ['GET', '/api/v1/decisions/{id}/findings'],
  ['GET', '/api/v1/decisions/{id}/deadlines'],
  ['GET', '/api/v1/decisions/{id}/compare'],
  ['GET', '/api/v1/decisions/{id}/verify'],
  ['GET', '/api/v1/decisions/{id}/evidence-pack'],
  ['GET', '/api/v1/decisions/{id}/files'],
  ['POST', '/api/v1/decisions/{id}/files'],
  ['GET', '/api/v1/decisions/{id}/files/{file}'],
  ...ACTION_COMMANDS.map((c) => ['POST', `/api/v1/decisions/{id}/${c}`] as const),
  ['GET', '/api/v1/findings'],
  ['GET', '/api/v1/me/notifications'],
  ['POST', '/api/v1/me/notifications/{id}/read'],
  ['POST', '/api/v1/me/notifications/read-all'],
  ['GET', '/api/v1/me/notification-preferences'],
  ['PUT', '/api/v1/me/notification-preferences'],
  ['GET', '/api/v1/registry'],
  ['GET', '/api/v1/people'],
  ['GET', '/api/v1/bodies'],
  ['GET', '/api/v1/powers'],
  ['GET', '/api/v1/sectors'],
  ['GET', '/api/v1/workflows'],
  ['GET', '/api/v1/users'],
  ['POST', '/api/v1/users'],
  ['PATCH', '/api/v1/users/{id}'],
  ['POST', '/api/v1/users/{id}/password'],
  ['GET', '/api/v1/calendar/years'],
  ['GET', '/api/v1/calendar/years/{year}'],
  ['PUT', '/api/v1/calendar/years/{year}'],
];

/** Fills a path template: path('/api/v1/decisions/{id}', { id }) (values URL-encoded). */
export function path(template: string, params: Record<string, string> = {}): string {
  return template.replace(/\{(\w+)\}/g, (_, k: string) => {
    const v = params[k];
    if (v === undefined) throw new Error(`path ${template}: missing ${k}`);
    return encodeURIComponent(v);
  });
}
