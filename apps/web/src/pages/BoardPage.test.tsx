import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { callsTo, json, mockFetch, renderPage, signIn, USERS, type Handler } from '../test-utils';
import { mergedStageOrder } from '../reference';
import { BoardPage } from './BoardPage';

const ID_LAND = '11111111-1111-4111-8111-111111111111';
const ID_BUILD = '22222222-2222-4222-8222-222222222222';
const ID_DRAFT = '33333333-3333-4333-8333-333333333333';

const deadline = (stage: string, dueOn: string, remindOn: string, workingDaysLeft: number) => ({
  id: `stage:x:${stage}`, kind: 'stage', subject: stage, title: { vi: 'Hạn', en: 'Due' }, dueOn, remindOn, escalateOn: dueOn, status: 'open',
  responsibleRole: 'reviewer', responsibleBodyId: null, responsibleUserId: null, workingDaysLeft, overdue: workingDaysLeft < 0, dueSoon: false,
});

const decision = (id: string, stage: string, title: string, sector: string, delegateBodyId = 'tv-so-tnmt', extra: object = {}) => ({
  id, version: 3, kind: 'uy-quyen', stage, title, caseNumber: null as string | null, documentNumber: null as string | null, delegatorBodyId: 'tv-ubnd', delegateBodyId,
  proposerBodyId: delegateBodyId, provinceId: 'tv', sector, powerIds: [], workflowVersion: 1, periodFrom: null, periodTo: null, reviewerId: null,
  assignee: null, deadline: null, waitingOn: null, stageEnteredAt: '2026-01-05T02:00:00Z', createdAt: '2026-01-05T02:00:00Z', updatedAt: '2026-01-05T02:00:00Z',
  ...extra,
});

const ALL = [
  decision(ID_LAND, 'in-appraisal', 'Ủy quyền cấp giấy chứng nhận quyền sử dụng đất', 'dat-dai', 'tv-so-tnmt', {
    caseNumber: 'UQ-2026-0001', deadline: deadline('in-appraisal', '2020-01-20', '2020-01-16', -3),
    assignee: { id: 'user-reviewer', displayName: 'Trần Thị Bình' },
  }),
  decision(ID_BUILD, 'in-appraisal', 'Ủy quyền cấp giấy phép xây dựng', 'xay-dung', 'tv-so-xd', { deadline: deadline('in-appraisal', '2099-12-31', '2099-12-29', 7) }),
  decision(ID_DRAFT, 'draft', 'Phân cấp thẩm định dự án', 'xay-dung', 'tv-so-xd'),
];

/** A server that filters by stage and q (a stand-in for the real one's SQL), with a true total of 130 for drafts. */
const list: Handler = ({ query }) => {
  const stage = query.get('stage');
  const q = query.get('q')?.toLowerCase();
  const items = ALL.filter((d) => (!stage || d.stage === stage) && (!q || d.title.toLowerCase().includes(q) || d.caseNumber?.toLowerCase().includes(q)));
  const total = stage === 'draft' && !q ? 130 : items.length;
  return json({ items, total, limit: Number(query.get('limit')), offset: 0, sort: query.get('sort'), nextCursor: total > items.length ? 'next' : null });
};

describe('board', () => {
  let fetchMock: ReturnType<typeof mockFetch>;
  beforeEach(() => {
    signIn(USERS.reviewer);
    fetchMock = mockFetch({ 'GET /api/v1/decisions': list });
  });

  it('puts each decision in the column of its stage, one request per column, no request per card', async () => {
    renderPage(<BoardPage />);
    const appraisal = await screen.findByTestId('board-column-in-appraisal');
    await waitFor(() => expect(within(appraisal).getAllByTestId('decision-card')).toHaveLength(2));
    expect(within(appraisal).getByRole('heading').textContent).toContain('Đang thẩm định');
    const draft = screen.getByTestId('board-column-draft');
    expect(within(draft).getByTestId('decision-card').getAttribute('data-decision-id')).toBe(ID_DRAFT);
    expect(within(draft).getByText('Sở Xây dựng', { exact: false }).textContent).toBe('UBND tỉnh Trà Vinh → Sở Xây dựng');
    const calls = callsTo(fetchMock, 'GET', '/api/v1/decisions');
    // The open stages of the workflows: draft … issued (rejected is terminal).
    expect(calls.map((c) => c.query.get('stage'))).toEqual(['draft', 'submitted', 'in-appraisal', 'revision-requested', 'appraised', 'approved', 'issued']);
    expect(fetchMock.mock.calls.some(([u]) => String(u).includes('/deadlines'))).toBe(false);
  });

  it('says the true total of each column and of the board, past the cards it shows', async () => {
    renderPage(<BoardPage />);
    const draft = await screen.findByTestId('board-column-draft');
    expect(within(draft).getByTestId('column-total').textContent).toBe('130');
    expect(within(draft).getByTestId('column-more')).toBeTruthy();
    expect(screen.getByTestId('board-count').textContent).toBe('132 hồ sơ');
  });

  it('shows the case number, the assignee by name and the deadline the list carries', async () => {
    renderPage(<BoardPage />);
    await waitFor(() => expect(document.querySelector(`[data-decision-id="${ID_LAND}"]`)?.getAttribute('data-deadline')).toBe('overdue'));
    const overdue = document.querySelector(`[data-decision-id="${ID_LAND}"]`) as HTMLElement;
    expect(overdue.className).toContain('decision-card--overdue');
    expect(within(overdue).getByTestId('case-number').textContent).toBe('UQ-2026-0001');
    expect(within(overdue).getByTestId('card-assignee').textContent).toContain('Trần Thị Bình');
    expect(within(overdue).getByTestId('deadline-badge').textContent).toContain('Quá hạn · Hạn 20/01/2020');
    const onTime = document.querySelector(`[data-decision-id="${ID_BUILD}"]`) as HTMLElement;
    expect(onTime.getAttribute('data-deadline')).toBe('on-time');
    expect(within(onTime).getByTestId('deadline-badge').textContent).toContain('còn 7 ngày làm việc');
  });

  it('searches on the server: the query goes to every column', async () => {
    renderPage(<BoardPage />);
    await screen.findAllByTestId('decision-card');
    await userEvent.type(screen.getByLabelText('Tìm kiếm'), 'UQ-2026');
    await waitFor(() => expect(screen.getAllByTestId('decision-card').map((c) => c.getAttribute('data-decision-id'))).toEqual([ID_LAND]));
    expect(callsTo(fetchMock, 'GET', '/api/v1/decisions').filter((c) => c.query.get('q') === 'UQ-2026')).toHaveLength(7);
    expect(screen.getByTestId('board-count').textContent).toBe('1 hồ sơ');
  });
});

describe('stage order', () => {
  it('keeps each workflow\'s order: legal appraisal before appraised', () => {
    const stages = (xs: string[]) => ({ stages: Object.fromEntries(xs.map((s) => [s, { label: { vi: s, en: s } }])) });
    expect(mergedStageOrder([
      stages(['draft', 'submitted', 'in-appraisal', 'legal-appraisal', 'appraised', 'awaiting-council', 'issued', 'revoked']),
      stages(['draft', 'submitted', 'in-appraisal', 'appraised', 'issued', 'revoked', 'expired']),
    ])).toEqual(['draft', 'submitted', 'in-appraisal', 'legal-appraisal', 'appraised', 'awaiting-council', 'issued', 'revoked', 'expired']);
  });
});
