import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { MemoryRouter } from 'react-router-dom';
import { describe, expect, it } from 'vitest';
import { App } from '../App';
import { I18nProvider } from '../i18n';
import { SessionProvider } from '../session';
import { callsTo, json, mockFetch, USERS } from '../test-utils';

const renderApp = () =>
  render(
    <I18nProvider lang="vi">
      <SessionProvider>
        <MemoryRouter initialEntries={['/inbox']}>
          <App />
        </MemoryRouter>
      </SessionProvider>
    </I18nProvider>,
  );

describe('login form', () => {
  it('asks for both fields before calling the API', async () => {
    const fetch = mockFetch({});
    renderApp();
    fireEvent.click(screen.getByTestId('login-submit'));
    expect(await screen.findAllByText('Bắt buộc nhập')).toHaveLength(2);
    expect(screen.getByLabelText(/Tên đăng nhập/)).toHaveProperty('ariaInvalid', 'true');
    expect(fetch).not.toHaveBeenCalled();
  });

  it('logs in, keeps the token in sessionStorage and shows who the user is', async () => {
    const fetch = mockFetch({
      'POST /api/v1/auth/login': { accessToken: 'jwt-1', expiresIn: '8h', user: USERS.reviewer },
      'GET /api/v1/decisions': { items: [], total: 0, limit: 100, offset: 0 },
    });
    renderApp();
    await userEvent.type(screen.getByLabelText(/Tên đăng nhập/), 'reviewer');
    await userEvent.type(screen.getByLabelText(/Mật khẩu/), 'PhanCap@2026');
    await userEvent.click(screen.getByRole('button', { name: 'Đăng nhập' }));

    expect(await screen.findByTestId('current-user-name')).toHaveProperty('textContent', 'Trần Thị Thẩm Định');
    expect(screen.getByTestId('current-user-role').textContent).toBe('Chuyên viên thẩm định');
    expect(callsTo(fetch, 'POST', '/api/v1/auth/login')[0].body).toEqual({ username: 'reviewer', password: 'PhanCap@2026' });
    expect(JSON.parse(sessionStorage.getItem('phancap.session')!).accessToken).toBe('jwt-1');
    // Back where the user was going, with the bearer token on every call.
    expect(await screen.findByRole('heading', { name: 'Thông báo, nhắc việc' })).toBeTruthy();
    await waitFor(() => expect(callsTo(fetch, 'GET', '/api/v1/me/notifications').length).toBeGreaterThan(0));
    expect(callsTo(fetch, 'GET', '/api/v1/me/notifications')[0].headers.Authorization).toBe('Bearer jwt-1');
    expect((await screen.findByTestId('unread-count')).textContent).toBe('2');
  });

  it('shows the Vietnamese detail of a refused login', async () => {
    mockFetch({
      'POST /api/v1/auth/login': () =>
        json({ status: 401, title: 'Chưa xác thực', messages: { title: { vi: 'Chưa xác thực', en: 'Unauthorized' }, detail: { vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong user name or password.' } } }, 401),
    });
    renderApp();
    await userEvent.type(screen.getByLabelText(/Tên đăng nhập/), 'reviewer');
    await userEvent.type(screen.getByLabelText(/Mật khẩu/), 'sai');
    await userEvent.click(screen.getByTestId('login-submit'));
    expect((await screen.findByTestId('login-error')).textContent).toContain('Sai tên đăng nhập hoặc mật khẩu.');
    expect(sessionStorage.getItem('phancap.session')).toBeNull();
  });
});
