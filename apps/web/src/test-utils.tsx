import { render } from '@testing-library/react';
import type { ReactNode } from 'react';
import { MemoryRouter } from 'react-router-dom';
import { vi } from 'vitest';
import { storeSession } from './api/client';
import type { SessionUser } from './api/types';
import { I18nProvider, type Lang } from './i18n';
import { ReferenceProvider } from './reference';
import { SessionProvider } from './session';

export type Handler = (req: { method: string; path: string; query: URLSearchParams; body: unknown; headers: Record<string, string> }) => Response | Promise<Response>;

export const json = (body: unknown, status = 200) =>
  new Response(JSON.stringify(body), { status, headers: { 'Content-Type': status >= 400 ? 'application/problem+json' : 'application/json' } });

export const STAGES = {
  draft: { label: { vi: 'Dự thảo', en: 'Draft' } },
  submitted: { label: { vi: 'Đã gửi', en: 'Submitted' }, timeLimitWorkingDays: 2 },
  'in-appraisal': { label: { vi: 'Đang thẩm định', en: 'In appraisal' }, timeLimitWorkingDays: 15 },
  'revision-requested': { label: { vi: 'Yêu cầu bổ sung, chỉnh sửa', en: 'Revision requested' } },
  appraised: { label: { vi: 'Đã thẩm định', en: 'Appraised' } },
  approved: { label: { vi: 'Đã thông qua', en: 'Approved' } },
  issued: { label: { vi: 'Đã ban hành', en: 'Issued' } },
  rejected: { label: { vi: 'Không chấp thuận', en: 'Rejected' }, terminal: true },
};

/** The reference data every signed-in page loads. */
export const REFERENCE: Record<string, unknown> = {
  'GET /api/v1/workflows': [{ id: 'uy-quyen', version: 1, title: { vi: 'Quy trình ủy quyền', en: 'Authorisation' }, stages: STAGES, transitions: [] }],
  'GET /api/v1/bodies': {
    items: [
      { id: 'tv-ubnd', nameVi: 'UBND tỉnh Trà Vinh', nameEn: 'Tra Vinh PC', level: 'province', type: 'committee', parentId: null, provinceId: 'tv', status: 'active' },
      { id: 'tv-so-tnmt', nameVi: 'Sở Tài nguyên và Môi trường', nameEn: 'DONRE', level: 'province', type: 'department', parentId: 'tv-ubnd', provinceId: 'tv', status: 'active' },
      { id: 'tv-so-xd', nameVi: 'Sở Xây dựng', nameEn: 'DOC', level: 'province', type: 'department', parentId: 'tv-ubnd', provinceId: 'tv', status: 'active' },
    ],
    total: 3, limit: 500, offset: 0,
  },
  'GET /api/v1/sectors': [
    { id: 'dat-dai', label: { vi: 'Đất đai', en: 'Land' } },
    { id: 'xay-dung', label: { vi: 'Xây dựng', en: 'Construction' } },
  ],
  'GET /api/v1/powers': {
    items: [
      { id: 'TV-DD-02', code: 'DD-02', titleVi: 'Cấp giấy chứng nhận quyền sử dụng đất', titleEn: 'Land-use certificates', sector: 'dat-dai', legalHolderBodyId: 'tv-ubnd', legalSource: 'Luật Đất đai', delegable: true },
      { id: 'TV-XD-01', code: 'XD-01', titleVi: 'Cấp giấy phép xây dựng', titleEn: 'Building permits', sector: 'xay-dung', legalHolderBodyId: 'tv-ubnd', legalSource: 'Luật Xây dựng', delegable: true },
    ],
    total: 2, limit: 500, offset: 0,
  },
  'GET /api/v1/me/notifications': { items: [], total: 0, unreadCount: 2, limit: 1, offset: 0 },
};

/** A fetch mock answering "METHOD /path" from a table (functions get the request); unknown routes answer 404. */
export function mockFetch(routes: Record<string, unknown | Handler>) {
  const all = { ...REFERENCE, ...routes };
  const fn = vi.fn(async (input: RequestInfo | URL, init?: RequestInit) => {
    const url = new URL(String(input), 'http://localhost');
    const method = (init?.method ?? 'GET').toUpperCase();
    const key = `${method} ${url.pathname}`;
    const body = typeof init?.body === 'string' ? JSON.parse(init.body) : undefined;
    const headers = (init?.headers ?? {}) as Record<string, string>;
    const route = all[key];
    if (route === undefined) return json({ status: 404, title: 'Not found', messages: { title: { vi: 'Không tìm thấy', en: 'Not found' }, detail: { vi: key, en: key } } }, 404);
    if (route instanceof Response) return route.clone();
    if (typeof route === 'function') return (route as Handler)({ method, path: url.pathname, query: url.searchParams, body, headers });
    return json(route);
  });
  vi.stubGlobal('fetch', fn);
  return fn;
}

/** The calls made to one route: [{ body, headers, query }]. */
export function callsTo(fn: ReturnType<typeof mockFetch>, method: string, pathname: string) {
  return fn.mock.calls
    .filter(([input, init]) => (init?.method ?? 'GET').toUpperCase() === method && new URL(String(input), 'http://localhost').pathname === pathname)
    .map(([input, init]) => ({
      body: typeof init?.body === 'string' ? JSON.parse(init.body) : undefined,
      headers: (init?.headers ?? {}) as Record<string, string>,
      query: new URL(String(input), 'http://localhost').searchParams,
    }));
}

export const USERS: Record<string, SessionUser> = {
  reviewer: { id: 'user-reviewer', username: 'reviewer', displayName: 'Trần Thị Thẩm Định', role: 'reviewer', bodyId: 'tv-so-nv', provinceId: 'tv' },
  proposer: { id: 'user-proposer', username: 'proposer', displayName: 'Nguyễn Văn Đề Xuất', role: 'proposer', bodyId: 'tv-so-tnmt', provinceId: 'tv' },
};

export function signIn(user: SessionUser) {
  storeSession({ accessToken: 'test-token', expiresIn: '8h', user });
}

/** Renders a page as a signed-in user, with the providers and a router at `route`. */
export function renderPage(ui: ReactNode, { route = '/', lang = 'vi' as Lang } = {}) {
  return render(
    <I18nProvider lang={lang}>
      <SessionProvider>
        <MemoryRouter initialEntries={[route]}>
          <ReferenceProvider>{ui}</ReferenceProvider>
        </MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );
}
