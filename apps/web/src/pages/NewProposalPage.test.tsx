import { screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { Route, Routes } from 'react-router-dom';
import { beforeEach, describe, expect, it } from 'vitest';
import { callsTo, json, mockFetch, renderPage, signIn, USERS } from '../test-utils';
import { NewProposalPage } from './NewProposalPage';

const ID = '44444444-4444-4444-8444-444444444444';

const page = () =>
  renderPage(
    <Routes>
      <Route path="/proposals/new" element={<NewProposalPage />} />
      <Route path="/decisions/:id" element={<p>trang hồ sơ</p>} />
    </Routes>,
    { route: '/proposals/new' },
  );

async function fillAll(withPeriod: boolean) {
  await userEvent.type(screen.getByLabelText(/^Trích yếu/), 'Ủy quyền cấp giấy chứng nhận quyền sử dụng đất');
  await userEvent.selectOptions(screen.getByLabelText(/^Cơ quan phân cấp, ủy quyền/), 'tv-ubnd');
  await userEvent.selectOptions(screen.getByLabelText(/^Lĩnh vực/), 'dat-dai');
  await userEvent.click(await screen.findByTestId('power-TV-DD-02'));
  await userEvent.type(screen.getByLabelText(/^Căn cứ pháp lý/), 'Luật 72/2025/QH15, Điều 14');
  await userEvent.type(screen.getByLabelText(/^Sự cần thiết/), 'Rút ngắn thời gian giải quyết');
  if (withPeriod) {
    await userEvent.type(screen.getByLabelText(/^Thời hạn từ ngày/), '2027-01-01');
    await userEvent.type(screen.getByLabelText(/^Đến ngày/), '2027-12-31');
  }
}

describe('new proposal form', () => {
  beforeEach(() => signIn(USERS.proposer));

  it('requires the period of an ủy quyền before sending anything', async () => {
    const fetch = mockFetch({});
    page();
    await screen.findByTestId('power-TV-DD-02').catch(() => undefined);
    await fillAll(false);
    await userEvent.click(screen.getByTestId('proposal-save'));
    expect(screen.getByTestId('error-period.from').textContent).toBe('Ủy quyền phải xác định thời hạn');
    expect(screen.getByTestId('field-period.from').getAttribute('aria-invalid')).toBe('true');
    expect(callsTo(fetch, 'POST', '/api/v1/decisions')).toHaveLength(0);

    // A phân cấp has no period: the same form goes through.
    await userEvent.selectOptions(screen.getByLabelText(/^Hình thức/), 'phan-cap');
    await userEvent.click(screen.getByTestId('proposal-save'));
    expect(screen.queryByTestId('error-period.from')).toBeNull();
    await waitFor(() => expect(callsTo(fetch, 'POST', '/api/v1/decisions')).toHaveLength(1));
  });

  it('shows the server’s reason beside the field it names (400 problem)', async () => {
    const fetch = mockFetch({
      'POST /api/v1/decisions': () =>
        json({
          type: 'validation', status: 400, title: 'Dữ liệu không hợp lệ',
          messages: { title: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid request' }, detail: { vi: 'Có 1 trường không hợp lệ: resources.budgetVnd', en: '1 invalid field(s)' } },
          errors: [{ field: 'resources.budgetVnd', constraint: 'max', reason: { vi: 'resources.budgetVnd: không được lớn hơn 1e15', en: 'resources.budgetVnd must not be greater than 1e15' } }],
        }, 400),
    });
    page();
    await fillAll(true);
    await userEvent.click(screen.getByTestId('proposal-save'));
    expect((await screen.findByTestId('error-resources.budgetVnd')).textContent).toBe('resources.budgetVnd: không được lớn hơn 1e15');
    expect(screen.getByTestId('field-resources.budgetVnd').getAttribute('aria-invalid')).toBe('true');
    expect(screen.getByTestId('proposal-problem').textContent).toContain('Dữ liệu không hợp lệ');
    const [call] = callsTo(fetch, 'POST', '/api/v1/decisions');
    expect(call.body).toMatchObject({
      kind: 'uy-quyen', delegatorBodyId: 'tv-ubnd', delegateBodyId: 'tv-so-tnmt', powerIds: ['TV-DD-02'], sector: 'dat-dai',
      legalBasis: ['Luật 72/2025/QH15, Điều 14'], period: { from: '2027-01-01', to: '2027-12-31' },
      resources: { budgetVnd: 0, staffPositions: 0, facilities: [] }, conditions: [], documents: [],
    });
  });

  it('saves and submits, then opens the decision', async () => {
    const fetch = mockFetch({
      'POST /api/v1/decisions': json({ decisionId: ID, version: 1, stage: 'draft' }, 201),
      [`POST /api/v1/decisions/${ID}/submit`]: { decisionId: ID, version: 2, stage: 'submitted' },
    });
    page();
    await fillAll(true);
    await userEvent.click(screen.getByTestId('proposal-submit'));
    expect(await screen.findByText('trang hồ sơ')).toBeTruthy();
    expect(callsTo(fetch, 'POST', `/api/v1/decisions/${ID}/submit`)[0].headers['If-Match']).toBe('"1"');
  });
});
