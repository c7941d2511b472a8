import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { mockFetch, renderPage, signIn, USERS, type Handler } from '../test-utils';
import { json } from '../test-utils';
import { BoardPage } from './BoardPage';

const decision = (id: string, stage: string, title: string, sector: string, delegateBodyId = 'tv-so-tnmt') => ({
  id, version: 3, kind: 'uy-quyen', stage, title, delegatorBodyId: 'tv-ubnd', delegateBodyId, proposerBodyId: delegateBodyId, sector,
  powerIds: [], periodFrom: null, periodTo: null, reviewerId: null, stageEnteredAt: '2026-01-05T02:00:00Z', createdAt: '2026-01-05T02:00:00Z', updatedAt: '2026-01-05T02:00:00Z',
});
const ID_LAND = '11111111-1111-4111-8111-111111111111';
const ID_BUILD = '22222222-2222-4222-8222-222222222222';
const ID_DRAFT = '33333333-3333-4333-8333-333333333333';

const deadline = (stage: string, dueOn: string, remindOn: string) => ({
  id: `stage:x:${stage}`, kind: 'stage', subject: stage, title: { vi: 'Hạn', en: 'Due' }, startsOn: '2020-01-01', dueOn, remindOn,
  escalateOn: dueOn, responsibleRole: 'reviewer', responsibleBodyId: null, responsibleUserId: null, status: 'open', closedOn: null,
  explanation: { summary: { vi: '', en: '' }, steps: [], notes: [] },
});

const deadlines: Handler = ({ path }) => {
  if (path.includes(ID_LAND)) return json({ items: [deadline('in-appraisal', '2020-01-20', '2020-01-16')] });
  if (path.includes(ID_BUILD)) return json({ items: [{ ...deadline('in-appraisal', '2099-12-31', '2099-12-29'), workingDaysLeft: 7 }] });
  return json({ items: [] });
};

describe('board', () => {
  beforeEach(() => {
    signIn(USERS.reviewer);
    mockFetch({
      'GET /api/v1/decisions': {
        items: [
          decision(ID_LAND, 'in-appraisal', 'Ủy quyền cấp giấy chứng nhận quyền sử dụng đất', 'dat-dai'),
          decision(ID_BUILD, 'in-appraisal', 'Ủy quyền cấp giấy phép xây dựng', 'xay-dung', 'tv-so-xd'),
          decision(ID_DRAFT, 'draft', 'Phân cấp thẩm định dự án', 'xay-dung', 'tv-so-xd'),
        ],
        total: 3, limit: 100, offset: 0,
      },
      [`GET /api/v1/decisions/${ID_LAND}/deadlines`]: deadlines,
      [`GET /api/v1/decisions/${ID_BUILD}/deadlines`]: deadlines,
      [`GET /api/v1/decisions/${ID_DRAFT}/deadlines`]: deadlines,
    });
  });

  it('puts each decision in the column of its stage, labelled from the workflows', async () => {
    renderPage(<BoardPage />);
    const appraisal = await screen.findByTestId('board-column-in-appraisal');
    await waitFor(() => expect(within(appraisal).getAllByTestId('decision-card')).toHaveLength(2));
    expect(within(appraisal).getByRole('heading').textContent).toContain('Đang thẩm định');
    const draft = screen.getByTestId('board-column-draft');
    expect(within(draft).getByTestId('decision-card').getAttribute('data-decision-id')).toBe(ID_DRAFT);
    expect(within(draft).getByText('Sở Xây dựng', { exact: false }).textContent).toBe('UBND tỉnh Trà Vinh → Sở Xây dựng');
  });

  it('colours an overdue card red and an on-time card green', async () => {
    renderPage(<BoardPage />);
    await waitFor(() => expect(document.querySelector(`[data-decision-id="${ID_LAND}"]`)?.getAttribute('data-deadline')).toBe('overdue'));
    const overdue = document.querySelector(`[data-decision-id="${ID_LAND}"]`)!;
    expect(overdue.className).toContain('decision-card--overdue');
    expect(within(overdue as HTMLElement).getByTestId('deadline-badge').textContent).toContain('Quá hạn · Hạn 20/01/2020');
    const onTime = document.querySelector(`[data-decision-id="${ID_BUILD}"]`)!;
    expect(onTime.getAttribute('data-deadline')).toBe('on-time');
    expect(within(onTime as HTMLElement).getByTestId('deadline-badge').textContent).toContain('còn 7 ngày làm việc');

    await userEvent.click(screen.getByLabelText('Chỉ hồ sơ quá hạn'));
    expect(screen.getAllByTestId('decision-card').map((c) => c.getAttribute('data-decision-id'))).toEqual([ID_LAND]);
  });

  it('finds "đất đai" when the user types "dat dai"', async () => {
    renderPage(<BoardPage />);
    await screen.findAllByTestId('decision-card');
    await userEvent.type(screen.getByLabelText('Tìm kiếm'), 'dat dai');
    const cards = screen.getAllByTestId('decision-card');
    expect(cards.map((c) => c.getAttribute('data-decision-id'))).toEqual([ID_LAND]);
    await userEvent.clear(screen.getByLabelText('Tìm kiếm'));
    await userEvent.type(screen.getByLabelText('Tìm kiếm'), 'so xay dung');
    expect(screen.getAllByTestId('decision-card')).toHaveLength(2);
  });
});
