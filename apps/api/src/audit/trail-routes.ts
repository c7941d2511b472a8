/** What the auditors' trail records (access_trail.action). */
export const TRAIL_ACTIONS = ['read-history', 'read-past-state', 'compare', 'verify', 'export', 'read-findings'] as const;
export type TrailAction = (typeof TRAIL_ACTIONS)[number];

export interface TrailRoute {
  method: 'GET' | 'POST';
  /** Express-style path: `:name` is one segment, a trailing `*` any rest (e.g. a file extension or sub-path). */
  pattern: string;
  action: TrailAction;
  /** Recorded only when this holds (e.g. a decision read is "past state" only with `at` or `version`). */
  when?: (query: Record<string, unknown>) => boolean;
}

const past = (q: Record<string, unknown>) => q.at !== undefined || q.version !== undefined;

/**
 * THE table of the routes whose reading is itself recorded (who looked at what, when). The target is
 * the route's `:id` (a decision), else `'log'` (the whole log or a cross-decision listing).
 */
export const TRAIL_ROUTES: readonly TrailRoute[] = [
  { method: 'GET', pattern: '/api/v1/decisions/:id/events', action: 'read-history' },
  { method: 'GET', pattern: '/api/v1/decisions/:id', action: 'read-past-state', when: past },
  { method: 'GET', pattern: '/api/v1/decisions/:id/compare', action: 'compare' },
  { method: 'GET', pattern: '/api/v1/decisions/:id/verify', action: 'verify' },
  { method: 'GET', pattern: '/api/v1/audit/verify', action: 'verify' },
  { method: 'GET', pattern: '/api/v1/decisions/:id/evidence-pack*', action: 'export' },
  { method: 'POST', pattern: '/api/v1/decisions/:id/evidence-pack*', action: 'export' },
  { method: 'GET', pattern: '/api/v1/evidence-pack*', action: 'export' },
  { method: 'GET', pattern: '/api/v1/decisions/:id/findings', action: 'read-findings' },
  { method: 'GET', pattern: '/api/v1/findings', action: 'read-findings' },
];

interface CompiledRoute extends TrailRoute {
  regex: RegExp;
}

const compile = (r: TrailRoute): CompiledRoute => {
  const body = r.pattern
    .replace(/\*$/, '')
    .split('/')
    .map((seg) => (seg.startsWith(':') ? `(?<${seg.slice(1)}>[^/]+)` : seg.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')))
    .join('/');
  return { ...r, regex: new RegExp(`^${body}${r.pattern.endsWith('*') ? '(?:[./][^?]*)?' : '/?'}$`, 'i') };
};

const COMPILED = TRAIL_ROUTES.map(compile);

export interface TrailMatch {
  action: TrailAction;
  target: string;
  pattern: string;
}

/** The trail entry a request calls for, or undefined when the route is not recorded. */
export function matchTrailRoute(method: string, path: string, query: Record<string, unknown> = {}): TrailMatch | undefined {
  for (const r of COMPILED) {
    if (r.method !== method.toUpperCase()) continue;
    const m = r.regex.exec(path);
    if (!m) continue;
    if (r.when && !r.when(query)) continue;
    const id = m.groups?.id;
    return { action: r.action, target: id ? id.toLowerCase() : 'log', pattern: r.pattern };
  }
  return undefined;
}
