import type { FieldError, ProblemDocument, Text } from './types';

/** An error answer of the API, parsed from its RFC 9457 problem document. */
export class ApiError extends Error {
  readonly status: number;
  readonly problem: ProblemDocument;
  /** Field path (e.g. "resources.budgetVnd", "reasons.0") → reason in both languages. */
  readonly fieldErrors: Record<string, Text>;

  constructor(status: number, problem: ProblemDocument) {
    super(problem.messages?.detail.en ?? problem.detail ?? problem.title ?? `HTTP ${status}`);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
    const fieldErrors: Record<string, Text> = {};
    for (const e of problem.errors ?? ([] as FieldError[])) fieldErrors[e.field] = e.reason;
    // A business-rule refusal (422) may name the field it concerns.
    if (problem.field && problem.rule && !fieldErrors[problem.field]) fieldErrors[problem.field] = problem.messages?.detail ?? problem.rule.message;
    this.fieldErrors = fieldErrors;
  }

  /** The title and detail, in the language asked for. */
  text(lang: 'vi' | 'en'): { title: string; detail: string } {
    const m = this.problem.messages;
    return {
      title: m?.title[lang] ?? this.problem.title ?? `HTTP ${this.status}`,
      detail: m?.detail[lang] ?? this.problem.detail ?? '',
    };
  }
}

const TOKEN_KEY = 'phancap.session';

let unauthorizedHandler: (() => void) | undefined;
/** Called when the API answers 401 to a signed-in call (expired or revoked token). */
export function onUnauthorized(handler: (() => void) | undefined): void {
  unauthorizedHandler = handler;
}

export function storedToken(): string | null {
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    return raw ? (JSON.parse(raw) as { accessToken?: string }).accessToken ?? null : null;
  } catch {
    return null;
  }
}

export function storeSession(session: unknown): void {
  sessionStorage.setItem(TOKEN_KEY, JSON.stringify(session));
}

export function loadSession<T>(): T | null {
  try {
    const raw = sessionStorage.getItem(TOKEN_KEY);
    return raw ? (JSON.parse(raw) as T) : null;
  } catch {
    return null;
  }
}

export function clearSession(): void {
  sessionStorage.removeItem(TOKEN_KEY);
}

export type Query = Record<string, string | number | boolean | undefined | null>;

export function withQuery(url: string, query?: Query): string {
  if (!query) return url;
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(query)) if (v !== undefined && v !== null && v !== '') q.set(k, String(v));
  const s = q.toString();
  return s ? `${url}?${s}` : url;
}

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH';
  body?: unknown;
  query?: Query;
  ifMatch?: number;
  idempotencyKey?: string;
  accept?: string;
}

function newKey(): string {
  const c = globalThis.crypto as Crypto | undefined;
  if (c?.randomUUID) return c.randomUUID();
  return `k-${Date.now().toString(36)}-${Math.random().toString(36).slice(2)}`;
}

async function send(url: string, opts: RequestOptions): Promise<Response> {
  const headers: Record<string, string> = { Accept: opts.accept ?? 'application/json, application/problem+json' };
  const token = storedToken();
  if (token) headers.Authorization = `Bearer ${token}`;
  const form = typeof FormData !== 'undefined' && opts.body instanceof FormData;
  // A FormData body sets its own multipart Content-Type (with the boundary).
  if (opts.body !== undefined && !form) headers['Content-Type'] = 'application/json';
  if (opts.ifMatch !== undefined) headers['If-Match'] = `"${opts.ifMatch}"`;
  if (opts.method === 'POST') headers['Idempotency-Key'] = opts.idempotencyKey ?? newKey();
  let res: Response;
  try {
    res = await fetch(withQuery(url, opts.query), {
      method: opts.method ?? 'GET',
      headers,
      // Answers depend on who asks (e.g. a decision's allowedActions), but the API's ETag is only the
      // decision version: a revalidated cache entry (304) would show the previous user's view.
      cache: 'no-store',
      body: opts.body === undefined ? undefined : form ? (opts.body as FormData) : JSON.stringify(opts.body),
    });
  } catch {
    throw new ApiError(0, {
      status: 0,
      messages: {
        title: { vi: 'Không kết nối được máy chủ', en: 'Cannot reach the server' },
        detail: { vi: 'Vui lòng kiểm tra kết nối mạng và thử lại.', en: 'Check the network connection and try again.' },
      },
    });
  }
  if (!res.ok) {
    let problem: ProblemDocument;
    try {
      problem = (await res.json()) as ProblemDocument;
    } catch {
      problem = { status: res.status, title: res.statusText };
    }
    if (res.status === 401 && token) unauthorizedHandler?.();
    throw new ApiError(res.status, { ...problem, status: res.status });
  }
  return res;
}

/** Calls the API and parses its JSON answer; throws ApiError on a problem answer. */
export async function request<T>(url: string, opts: RequestOptions = {}): Promise<T> {
  const res = await send(url, opts);
  if (res.status === 204) return undefined as T;
  const text = await res.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

export const api = {
  get: <T>(url: string, query?: Query) => request<T>(url, { query }),
  post: <T>(url: string, body?: unknown, extra: Omit<RequestOptions, 'method' | 'body'> = {}) =>
    request<T>(url, { ...extra, method: 'POST', body: body ?? {} }),
  put: <T>(url: string, body: unknown) => request<T>(url, { method: 'PUT', body }),
  patch: <T>(url: string, body: unknown) => request<T>(url, { method: 'PATCH', body }),
  /** Sends a file as multipart/form-data. */
  upload: <T>(url: string, form: FormData) => request<T>(url, { method: 'POST', body: form }),
  /** Downloads a file with the bearer token (a plain link cannot send it). */
  async blob(url: string, query?: Query, accept = '*/*'): Promise<{ blob: Blob; filename?: string }> {
    const res = await send(url, { query, accept });
    const cd = res.headers.get('content-disposition') ?? '';
    const m = /filename\*?=(?:UTF-8'')?"?([^";]+)"?/i.exec(cd);
    return { blob: await res.blob(), filename: m ? decodeURIComponent(m[1]) : undefined };
  },
};
