import { screen, waitFor, within } from '@testing-library/react';
import userEvent from '@testing-library/user-event';
import { beforeEach, describe, expect, it } from 'vitest';
import { Header } from '../../components/Header';
import { callsTo, json, mockFetch, renderPage, signIn, USERS, type Handler } from '../../test-utils';
import { UsersPage } from './UsersPage';
import type { UserView } from './types';

const ADMIN = { id: 'user-admin', username: 'admin', displayName: 'Lê Quản Trị', role: 'admin' as const, bodyId: 'tv-ubnd', provinceId: 'tv' };

const user = (over: Partial<UserView>): UserView => ({
  id: 'u-1', username: 'binh.tran', displayName: 'Trần Văn Bình', role: 'reviewer', bodyId: 'tv-so-xd', provinceId: 'tv',
  email: 'binh@travinh.example', active: true, createdAt: '2026-11-01T02:00:00.000Z', updatedAt: '2026-11-01T02:00:00.000Z', ...over,
});

const problem400 = (errors: Array<{ field: string; vi: string; en: string }>) =>
  json({
    status: 400, title: 'Bad Request',
    messages: { title: { vi: 'Dữ liệu không hợp lệ', en: 'Invalid data' }, detail: { vi: 'Vui lòng sửa các trường.', en: 'Fix the fields.' } },
    errors: errors.map((e) => ({ field: e.field, constraint: 'x', reason: { vi: e.vi, en: e.en } })),
  }, 400);

describe('users screen (admin)', () => {
  beforeEach(() => signIn(ADMIN));

  it('lists the users with their role, body name (not code) and whether active', async () => {
    mockFetch({
      'GET /api/v1/users': { items: [user({}), user({ id: 'u-2', username: 'an.le', displayName: 'Lê An', role: 'proposer', bodyId: 'tv-so-tnmt', active: false })], total: 2, limit: 200, offset: 0 },
    });
    renderPage(<UsersPage />, { route: '/admin/users' });
    const row = await screen.findByTestId('user-row-binh.tran');
    expect(row.textContent).toContain('Chuyên viên thẩm định');
    await waitFor(() => expect(within(row).getByTestId('user-body').textContent).toContain('Sở Xây dựng'));
    expect(row.textContent).not.toContain('tv-so-xd');
    expect(within(row).getByTestId('user-active').textContent).toContain('Đang hoạt động');
    const other = screen.getByTestId('user-row-an.le');
    expect(within(other).getByTestId('user-body').textContent).toContain('Sở Tài nguyên và Môi trường');
    expect(within(other).getByTestId('user-active').textContent).toContain('Đã khóa');
    expect(within(other).getByTestId('user-toggle').textContent).toContain('Mở khóa');
    expect(screen.getByTestId('users-count').textContent).toContain('2 người dùng');
  });

  it('creates a user: required fields first, then the API\'s errors beside each field by its label, gone once fixed', async () => {
    let tries = 0;
    const create: Handler = ({ body }) => {
      tries++;
      if (tries === 1) {
        return problem400([
          { field: 'username', vi: 'username: 3–50 ký tự a-z, 0-9, . _ -', en: 'username: 3–50 characters a-z, 0-9, . _ -' },
          { field: 'password', vi: 'password: ít nhất 10 ký tự, có chữ và số', en: 'password: at least 10 characters with letters and digits' },
        ]);
      }
      return json(user({ id: 'u-new', ...(body as Partial<UserView>), email: null }), 201);
    };
    const fetch = mockFetch({ 'GET /api/v1/users': { items: [], total: 0, limit: 200, offset: 0 }, 'POST /api/v1/users': create });
    renderPage(<UsersPage />, { route: '/admin/users' });
    await screen.findByText('Không có người dùng.');

    await userEvent.click(screen.getByTestId('user-create-submit'));
    expect(screen.getByTestId('error-username').textContent).toContain('Tên đăng nhập: bắt buộc nhập');
    expect(screen.getByTestId('error-bodyId').textContent).toContain('Cơ quan: bắt buộc nhập');
    expect(screen.queryByTestId('error-email')).toBeNull();
    expect(callsTo(fetch, 'POST', '/api/v1/users')).toHaveLength(0);

    await userEvent.type(screen.getByLabelText(/^Tên đăng nhập/), 'Chi Nguyen');
    await userEvent.type(screen.getByLabelText(/^Họ và tên/), 'Nguyễn Thị Chi');
    await userEvent.selectOptions(screen.getByLabelText(/^Vai trò/), 'legal-appraiser');
    await userEvent.selectOptions(screen.getByLabelText(/^Cơ quan/), 'tv-so-xd');
    await userEvent.type(screen.getByLabelText(/^Mật khẩu ban đầu/), 'short');
    expect(screen.queryByTestId('error-username')).toBeNull();
    await userEvent.click(screen.getByTestId('user-create-submit'));

    expect((await screen.findByTestId('error-username')).textContent).toContain('Tên đăng nhập: 3–50 ký tự a-z, 0-9, . _ -');
    expect(screen.getByTestId('error-password').textContent).toContain('Mật khẩu ban đầu: ít nhất 10 ký tự, có chữ và số');
    expect(screen.getByTestId('error-password').textContent).not.toContain('password:');
    expect(screen.getByLabelText(/^Mật khẩu ban đầu/).getAttribute('aria-invalid')).toBe('true');
    expect(callsTo(fetch, 'POST', '/api/v1/users')[0].body).toEqual({
      username: 'Chi Nguyen', displayName: 'Nguyễn Thị Chi', role: 'legal-appraiser', bodyId: 'tv-so-xd', password: 'short',
    });

    await userEvent.clear(screen.getByLabelText(/^Tên đăng nhập/));
    await userEvent.type(screen.getByLabelText(/^Tên đăng nhập/), 'chi.nguyen');
    expect(screen.queryByTestId('error-username')).toBeNull();
    expect(screen.getByTestId('error-password')).toBeTruthy();
    await userEvent.type(screen.getByLabelText(/^Mật khẩu ban đầu/), 'Password2026');
    await userEvent.type(screen.getByLabelText(/^Thư điện tử/), 'chi@travinh.example');
    await userEvent.click(screen.getByTestId('user-create-submit'));
    expect((await screen.findByTestId('users-notice')).textContent).toContain('Đã tạo tài khoản Nguyễn Thị Chi (chi.nguyen).');
    expect(callsTo(fetch, 'POST', '/api/v1/users')[1].body).toMatchObject({ username: 'chi.nguyen', password: 'shortPassword2026', email: 'chi@travinh.example' });
    expect(callsTo(fetch, 'GET', '/api/v1/users').length).toBe(2);
  });

  it('shows a taken user name beside the field, in English too', async () => {
    mockFetch({
      'GET /api/v1/users': { items: [], total: 0, limit: 200, offset: 0 },
      'POST /api/v1/users': json({
        status: 409, messages: { title: { vi: 'Tên đăng nhập đã có', en: 'User name taken' }, detail: { vi: 'Tên đăng nhập "binh.tran" đã được dùng.', en: 'The user name "binh.tran" is already taken.' } },
      }, 409),
    });
    renderPage(<UsersPage />, { route: '/admin/users', lang: 'en' });
    await screen.findByText('No users.');
    await userEvent.type(screen.getByLabelText(/^User name/), 'binh.tran');
    await userEvent.type(screen.getByLabelText(/^Full name/), 'Trần Bình');
    await userEvent.selectOptions(screen.getByLabelText(/^Role/), 'reviewer');
    await userEvent.selectOptions(screen.getByLabelText(/^Body/), 'tv-ubnd');
    await userEvent.type(screen.getByLabelText(/^Initial password/), 'Password2026');
    await userEvent.click(screen.getByTestId('user-create-submit'));
    expect((await screen.findByTestId('error-username')).textContent).toContain('User name: The user name "binh.tran" is already taken.');
  });

  it('deactivates and reactivates a user', async () => {
    const fetch = mockFetch({
      'GET /api/v1/users': { items: [user({})], total: 1, limit: 200, offset: 0 },
      'PATCH /api/v1/users/u-1': (({ body }) => json(user({ active: (body as { active: boolean }).active }))) as Handler,
    });
    renderPage(<UsersPage />, { route: '/admin/users' });
    const row = await screen.findByTestId('user-row-binh.tran');
    await userEvent.click(within(row).getByTestId('user-toggle'));
    expect((await screen.findByTestId('users-notice')).textContent).toContain('Đã khóa tài khoản Trần Văn Bình.');
    expect(within(row).getByTestId('user-active').textContent).toContain('Đã khóa');
    await userEvent.click(within(row).getByTestId('user-toggle'));
    await waitFor(() => expect(within(row).getByTestId('user-active').textContent).toContain('Đang hoạt động'));
    expect(callsTo(fetch, 'PATCH', '/api/v1/users/u-1').map((c) => c.body)).toEqual([{ active: false }, { active: true }]);
  });

  it('shows a refusal (self-lockout) as the API words it', async () => {
    mockFetch({
      'GET /api/v1/users': { items: [user({ id: ADMIN.id, username: 'admin', displayName: ADMIN.displayName, role: 'admin' })], total: 1, limit: 200, offset: 0 },
      'PATCH /api/v1/users/user-admin': json({
        status: 422, messages: { title: { vi: 'Không thể tự khóa mình', en: 'Cannot lock yourself out' }, detail: { vi: 'Quản trị viên không thể tự khóa tài khoản.', en: 'An admin cannot deactivate their own account.' } },
      }, 422),
    });
    renderPage(<UsersPage />, { route: '/admin/users' });
    await userEvent.click(within(await screen.findByTestId('user-row-admin')).getByTestId('user-toggle'));
    expect((await screen.findByTestId('users-problem')).textContent).toContain('Không thể tự khóa mình');
    expect(screen.getByTestId('user-row-admin').textContent).toContain('Đang hoạt động');
  });

  it('resets a password, with the API\'s rule beside the field', async () => {
    let n = 0;
    const fetch = mockFetch({
      'GET /api/v1/users': { items: [user({})], total: 1, limit: 200, offset: 0 },
      'POST /api/v1/users/u-1/password': (() => (++n === 1
        ? problem400([{ field: 'newPassword', vi: 'password: ít nhất 10 ký tự, có chữ và số', en: 'password: at least 10 characters with letters and digits' }])
        : json({ id: 'u-1', changed: true }))) as Handler,
    });
    renderPage(<UsersPage />, { route: '/admin/users' });
    await userEvent.click(within(await screen.findByTestId('user-row-binh.tran')).getByTestId('user-reset'));
    const form = screen.getByTestId('password-form');
    expect(form.textContent).toContain('Đặt lại mật khẩu cho Trần Văn Bình');
    await userEvent.type(within(form).getByLabelText(/^Mật khẩu mới/), 'abc');
    await userEvent.click(within(form).getByTestId('password-submit'));
    expect((await within(form).findByTestId('error-newPassword')).textContent).toContain('Mật khẩu mới: ít nhất 10 ký tự, có chữ và số');
    await userEvent.type(within(form).getByLabelText(/^Mật khẩu mới/), 'defghijk12');
    expect(within(form).queryByTestId('error-newPassword')).toBeNull();
    await userEvent.click(within(form).getByTestId('password-submit'));
    expect((await screen.findByTestId('users-notice')).textContent).toContain('Đã đặt mật khẩu mới cho Trần Văn Bình');
    expect(screen.queryByTestId('password-form')).toBeNull();
    expect(callsTo(fetch, 'POST', '/api/v1/users/u-1/password').map((c) => c.body)).toEqual([{ newPassword: 'abc' }, { newPassword: 'abcdefghijk12' }]);
  });
});

describe('admin menu entries', () => {
  it('are shown to an admin', async () => {
    signIn(ADMIN);
    mockFetch({});
    renderPage(<Header />);
    expect((await screen.findByTestId('nav-users')).textContent).toContain('Người dùng');
    expect(screen.getByTestId('nav-calendar').textContent).toContain('Lịch nghỉ các năm');
  });

  it('are hidden from other roles', async () => {
    signIn(USERS.reviewer);
    mockFetch({});
    renderPage(<Header />);
    await screen.findByTestId('nav-board');
    expect(screen.queryByTestId('nav-users')).toBeNull();
    expect(screen.queryByTestId('nav-calendar')).toBeNull();
  });
});
