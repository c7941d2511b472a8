import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n';
import { callsTo, json, mockFetch, renderPage, signIn, USERS } from '../test-utils';
import { ActionForm } from './ActionForm';

const ID = '55555555-5555-4555-8555-555555555555';
const PATH = `/api/v1/decisions/${ID}/request-revision`;
const label = { vi: 'Yêu cầu bổ sung, chỉnh sửa', en: 'Request revision' };

const renderForm = (onDone = vi.fn(), lang: 'vi' | 'en' = 'vi') =>
  render(
    <I18nProvider lang={lang}>
      <ActionForm decisionId={ID} command="request-revision" label={label} version={3} onDone={onDone} onCancel={() => undefined} />
    </I18nProvider>,
  );

describe('request-revision action form', () => {
  beforeEach(() => signIn(USERS.reviewer));

  it('requires the reasons', async () => {
    const fetch = mockFetch({});
    renderForm();
    await userEvent.click(screen.getByTestId('action-submit'));
    expect(screen.getByTestId('error-reasons').textContent).toBe('Bắt buộc nhập');
    expect(document.activeElement).toBe(screen.getByLabelText(/Lý do/));
    expect(fetch).not.toHaveBeenCalled();
  });

  it('sends one reason per line, with If-Match and an idempotency key', async () => {
    const fetch = mockFetch({ [`POST ${PATH}`]: { decisionId: ID, version: 4, stage: 'revision-requested' } });
    const onDone = vi.fn();
    renderForm(onDone);
    expect(screen.getByRole('form', { name: 'Yêu cầu bổ sung, chỉnh sửa' })).toBeTruthy();
    await userEvent.type(screen.getByLabelText(/Lý do/), 'Bổ sung điều kiện kiểm tra{enter}{enter}Nêu rõ nguồn lực');
    await userEvent.type(screen.getByLabelText('Ghi chú'), 'Trong 10 ngày');
    await userEvent.click(screen.getByTestId('action-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalledWith({ decisionId: ID, version: 4, stage: 'revision-requested' }));
    const [call] = callsTo(fetch, 'POST', PATH);
    expect(call.body).toEqual({ reasons: ['Bổ sung điều kiện kiểm tra', 'Nêu rõ nguồn lực'], note: 'Trong 10 ngày' });
    expect(call.headers['If-Match']).toBe('"3"');
    expect(call.headers['Idempotency-Key']).toBeTruthy();
    expect(call.headers.Authorization).toBe('Bearer test-token');
  });

  it('puts the reason of a 400 problem under the field it names, in the chosen language', async () => {
    mockFetch({
      [`POST ${PATH}`]: () =>
        json({
          status: 400, title: 'Invalid request',
          messages: { title: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid request' }, detail: { vi: 'Có 1 trường không hợp lệ: reasons.0', en: '1 invalid field(s): reasons.0' } },
          errors: [{ field: 'reasons.0', constraint: 'maxLength', reason: { vi: 'reasons.0: tối đa 5000 ký tự', en: 'reasons.0 must be at most 5000 characters' } }],
        }, 400),
    });
    const onDone = vi.fn();
    renderForm(onDone, 'en');
    await userEvent.type(screen.getByLabelText(/Reasons/), 'x');
    await userEvent.click(screen.getByTestId('action-submit'));
    expect((await screen.findByTestId('error-reasons')).textContent).toBe('reasons.0 must be at most 5000 characters');
    expect(screen.getByTestId('action-problem').textContent).toContain('Invalid request');
    expect(onDone).not.toHaveBeenCalled();
  });
});

describe('assign-reviewer form', () => {
  beforeEach(() => signIn(USERS.reviewer));
  const ASSIGN = `/api/v1/decisions/${ID}/assign-reviewer`;
  const people = [
    { id: 'user-reviewer', displayName: 'Trần Thị Bình', role: 'reviewer', bodyId: 'tv-so-tnmt' },
    { id: 'user-reviewer2', displayName: 'Phạm Văn Dũng', role: 'reviewer', bodyId: 'tv-so-tnmt' },
  ];

  it('finds the reviewer by name on the server, shows names and sends the id', async () => {
    const fetch = mockFetch({
      'GET /api/v1/people': ({ query }: { query: URLSearchParams }) => {
        const q = (query.get('q') ?? '').toLowerCase();
        const items = people.filter((p) => !q || p.displayName.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().includes(q));
        return json({ items, total: items.length, limit: 50, offset: 0 });
      },
      [`POST ${ASSIGN}`]: { decisionId: ID, version: 4, stage: 'in-appraisal' },
    });
    const onDone = vi.fn();
    renderPage(<ActionForm decisionId={ID} command="assign-reviewer" label={{ vi: 'Phân công', en: 'Assign' }} version={3} onDone={onDone} onCancel={() => undefined} />);
    const select = (await screen.findByLabelText(/Chuyên viên thẩm định/)) as HTMLSelectElement;
    await waitFor(() => expect(select.options).toHaveLength(3));
    expect([...select.options].map((o) => o.textContent)).toEqual(['—', 'Trần Thị Bình · Chuyên viên thẩm định · Sở Tài nguyên và Môi trường', 'Phạm Văn Dũng · Chuyên viên thẩm định · Sở Tài nguyên và Môi trường']);
    await userEvent.type(screen.getByLabelText('Gõ tên để tìm chuyên viên thẩm định'), 'binh');
    // The only match is chosen.
    await waitFor(() => expect(select.value).toBe('user-reviewer'));
    expect(callsTo(fetch, 'GET', '/api/v1/people').at(-1)?.query.get('role')).toBe('reviewer,reviewer-lead');
    await userEvent.click(screen.getByTestId('action-submit'));
    await waitFor(() => expect(onDone).toHaveBeenCalled());
    expect(callsTo(fetch, 'POST', ASSIGN)[0].body).toEqual({ reviewerId: 'user-reviewer' });
  });

  it('names the field by its label in a server error, and drops the error once the field changes', async () => {
    mockFetch({
      'GET /api/v1/people': { items: people, total: 2, limit: 50, offset: 0 },
      [`POST ${ASSIGN}`]: () => json({
        status: 400, messages: { title: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid request' }, detail: { vi: '1 trường', en: '1 field' } },
        errors: [{ field: 'reviewerId', constraint: 'exists', reason: { vi: 'reviewerId: không tìm thấy chuyên viên "x"', en: 'reviewerId: no reviewer "x"' } }],
      }, 400),
    });
    renderPage(<ActionForm decisionId={ID} command="assign-reviewer" label={{ vi: 'Phân công', en: 'Assign' }} version={3} onDone={vi.fn()} onCancel={() => undefined} />);
    const select = (await screen.findByLabelText(/Chuyên viên thẩm định/)) as HTMLSelectElement;
    await waitFor(() => expect(select.options).toHaveLength(3));
    await userEvent.selectOptions(select, 'user-reviewer2');
    await userEvent.click(screen.getByTestId('action-submit'));
    expect((await screen.findByTestId('error-reviewerId')).textContent).toBe('Chuyên viên thẩm định: không tìm thấy chuyên viên "x"');
    await userEvent.selectOptions(select, 'user-reviewer');
    expect(screen.queryByTestId('error-reviewerId')).toBeNull();
  });
});

describe('council vote form', () => {
  it('previews whether the tally passes: more than half of all delegates', async () => {
    const { votePreview } = await import('./ActionForm');
    expect(votePreview({ totalDelegates: '50', votesFor: '26' })).toEqual({ passes: true, needed: 26, votesFor: 26, total: 50 });
    expect(votePreview({ totalDelegates: '50', votesFor: '25' })).toMatchObject({ passes: false, needed: 26 });
    expect(votePreview({ totalDelegates: '51', votesFor: '26' })).toMatchObject({ passes: true, needed: 26 });
    expect(votePreview({ totalDelegates: '', votesFor: '26' })).toBeNull();
  });

  it('shows the preview as the numbers are typed', async () => {
    signIn(USERS.reviewer);
    mockFetch({});
    render(
      <I18nProvider lang="vi">
        <ActionForm decisionId={ID} command="record-council-vote" label={{ vi: 'Ghi nhận biểu quyết', en: 'Record the vote' }} version={3} onDone={vi.fn()} onCancel={() => undefined} />
      </I18nProvider>,
    );
    await userEvent.type(screen.getByLabelText(/Tổng số đại biểu/), '50');
    await userEvent.type(screen.getByTestId('field-votesFor'), '20');
    expect(screen.getByTestId('vote-preview').getAttribute('data-passes')).toBe('false');
    await userEvent.clear(screen.getByTestId('field-votesFor'));
    await userEvent.type(screen.getByTestId('field-votesFor'), '26');
    expect(screen.getByTestId('vote-preview').getAttribute('data-passes')).toBe('true');
    expect(screen.getByTestId('vote-preview').textContent).toContain('Thông qua: 26 phiếu tán thành trên tổng số 50 đại biểu (cần ít nhất 26');
  });
});

describe('a stale page', () => {
  it('offers to reload when the decision has moved on (412)', async () => {
    signIn(USERS.reviewer);
    mockFetch({
      [`POST ${PATH}`]: () => json({ status: 412, messages: { title: { vi: 'Hồ sơ đã thay đổi', en: 'The decision has changed' }, detail: { vi: 'Tải lại', en: 'Reload' } } }, 412),
    });
    const onReload = vi.fn();
    render(
      <I18nProvider lang="vi">
        <ActionForm decisionId={ID} command="request-revision" label={label} version={3} onDone={vi.fn()} onCancel={() => undefined} onReload={onReload} />
      </I18nProvider>,
    );
    await userEvent.type(screen.getByLabelText(/Lý do/), 'Bổ sung');
    await userEvent.click(screen.getByTestId('action-submit'));
    await userEvent.click(await screen.findByTestId('action-reload'));
    expect(onReload).toHaveBeenCalled();
    expect(screen.getByTestId('action-reload').textContent).toBe('Tải lại');
  });
});
