import { render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { I18nProvider } from '../i18n';
import { callsTo, json, mockFetch, signIn, USERS } from '../test-utils';
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
