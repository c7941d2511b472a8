import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { callsTo, json, mockFetch, renderPage, signIn, USERS, type Handler } from '../../test-utils';
import { WorkPage } from '../../pages/WorkPage';

const row = (i: number) => ({
  id: `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`, version: 2, kind: i % 2 ? 'uy-quyen' : 'phan-cap', stage: 'in-appraisal',
  title: `Hồ sơ ${i}`, caseNumber: `PC-2026-${String(i).padStart(4, '0')}`, documentNumber: null, delegatorBodyId: 'tv-ubnd', delegateBodyId: 'tv-so-xd',
  proposerBodyId: 'tv-so-xd', provinceId: 'tv', sector: 'xay-dung', powerIds: [], workflowVersion: 1, periodFrom: null, periodTo: null,
  reviewerId: 'user-reviewer', assignee: { id: 'user-reviewer', displayName: 'Trần Thị Bình' },
  deadline: { id: `d${i}`, kind: 'stage', subject: 'in-appraisal', title: { vi: '', en: '' }, dueOn: `2026-04-${String(1 + (i % 28)).padStart(2, '0')}`, remindOn: '2026-03-30', escalateOn: '2026-04-30', status: 'open', responsibleRole: 'reviewer', responsibleBodyId: null, responsibleUserId: 'user-reviewer', workingDaysLeft: 3, overdue: false, dueSoon: false },
  waitingOn: { role: 'reviewer', bodyId: null, userId: 'user-reviewer' }, stageEnteredAt: '2026-03-01T00:00:00Z', createdAt: '2026-03-01T00:00:00Z', updatedAt: '2026-03-02T00:00:00Z',
});
const ALL = Array.from({ length: 130 }, (_, i) => row(i));

/** Offset paging over 130 rows, as the server would answer. */
const list: Handler = ({ query }) => {
  const limit = Number(query.get('limit'));
  const offset = Number(query.get('offset') ?? 0);
  const kind = query.get('kind');
  const items = ALL.filter((d) => !kind || d.kind === kind);
  return json({ items: items.slice(offset, offset + limit), total: items.length, limit, offset, sort: query.get('sort'), nextCursor: null });
};

describe('my work table', () => {
  let fetchMock: ReturnType<typeof mockFetch>;
  beforeEach(() => {
    localStorage.clear();
    signIn(USERS.reviewer);
    fetchMock = mockFetch({ 'GET /api/v1/decisions': list });
  });

  it('asks for what waits on me, oldest deadline first, and pages on the server', async () => {
    renderPage(<WorkPage />);
    await waitFor(() => expect(screen.getAllByTestId('table-row')).toHaveLength(25));
    expect(screen.getByTestId('table-count').textContent).toBe('130 hồ sơ');
    const first = callsTo(fetchMock, 'GET', '/api/v1/decisions')[0].query;
    expect(first.get('waitsOnMe')).toBe('true');
    expect(first.get('sort')).toBe('deadline');
    expect(screen.getByTestId('page-of').textContent).toBe('Trang 1/6');
    await userEvent.click(screen.getByTestId('page-next'));
    await waitFor(() => expect(screen.getByTestId('page-of').textContent).toBe('Trang 2/6'));
    expect(callsTo(fetchMock, 'GET', '/api/v1/decisions').at(-1)?.query.get('offset')).toBe('25');
    expect(within(screen.getAllByTestId('table-row')[0]).getByTestId('row-assignee').textContent).toBe('Trần Thị Bình');
    // Sorting by deadline again turns it around.
    await userEvent.click(screen.getByTestId('sort-deadline'));
    await waitFor(() => expect(callsTo(fetchMock, 'GET', '/api/v1/decisions').at(-1)?.query.get('sort')).toBe('-deadline'));
    expect(screen.getByTestId('page-of').textContent).toBe('Trang 1/6');
  });

  it('saves a filter in localStorage and applies it again', async () => {
    const { unmount } = renderPage(<WorkPage />);
    await screen.findAllByTestId('table-row');
    await userEvent.selectOptions(screen.getByTestId('filter-kind'), 'uy-quyen');
    await waitFor(() => expect(screen.getByTestId('table-count').textContent).toBe('65 hồ sơ'));
    await userEvent.type(screen.getByTestId('saved-name'), 'Ủy quyền');
    await userEvent.click(screen.getByTestId('saved-save'));
    expect(JSON.parse(localStorage.getItem('phancap.savedFilters.work')!)).toEqual([{ name: 'Ủy quyền', filters: { waitsOnMe: true, kind: 'uy-quyen' }, sort: 'deadline' }]);
    unmount();
    renderPage(<WorkPage />);
    await waitFor(() => expect(screen.getByTestId('table-count').textContent).toBe('130 hồ sơ'));
    await userEvent.click(screen.getByRole('button', { name: 'Áp dụng bộ lọc Ủy quyền' }));
    await waitFor(() => expect(screen.getByTestId('table-count').textContent).toBe('65 hồ sơ'));
  });
});
