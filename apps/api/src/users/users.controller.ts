import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import { QueryBus } from '@nestjs/cqrs';
import type { Response } from 'express';
import { ListFailedLoginsQuery, passwordChangeRule, PROVINCE_ROLES, UserAccounts, type AccessScope, type UserAccount } from '@app/identity';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { ProblemException, problems, type FieldError } from '@app/kernel';
import { ChangePasswordRequest, CreateUserRequest, FailedLoginsRequest, ListUsersRequest, UpdateUserRequest, UserView } from './users.dto.js';

const toView = (r: UserAccount): UserView => ({
  ...r, role: r.role as UserView['role'], createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.updatedAt).toISOString(),
});

const noUser = (id: string) => problems.notFound({ vi: `Không có người dùng ${id}.`, en: `No user ${id}.` });
/** A province's admin grants the roles of a province's staff only: the operator works above the provinces. */
function requireProvinceRole(role: string | undefined): void {
  if (role === undefined || (PROVINCE_ROLES as readonly string[]).includes(role)) return;
  throw problems.validation([{
    field: 'role', constraint: 'isIn',
    reason: {
      vi: `role: vai trò "${role}" không thuộc cán bộ của tỉnh; được chọn: ${PROVINCE_ROLES.join(', ')}`,
      en: `role: "${role}" is not a role of a province's staff; choose one of: ${PROVINCE_ROLES.join(', ')}`,
    },
  }]);
}

const noBody = (value: string): FieldError => ({
  field: 'bodyId', constraint: 'exists', reason: { vi: `bodyId: không tìm thấy cơ quan "${value}"`, en: `bodyId: no body "${value}" exists` },
});

/**
 * User accounts, managed by admins of the same province (a user of another province does not exist
 * for them). Passwords are bcrypt-hashed and never returned. A password, role or body change, or
 * deactivation, revokes every token issued before it (users.token_version).
 */
@ApiTags('users')
@ApiBearerAuth()
@Controller('api/v1')
export class UsersController {
  constructor(
    private readonly accounts: UserAccounts,
    private readonly queries: QueryBus,
  ) {}

  @Get('users')
  @RequirePermission('users:read')
  @ApiOperation({ summary: 'Người dùng của tỉnh / the users of your province' })
  async list(@Query() q: ListUsersRequest, @Scope() scope: AccessScope) {
    const { items, total } = await this.accounts.list({ role: q.role, bodyId: q.bodyId, active: q.active, limit: q.limit, offset: q.offset }, scope.provinceId);
    return { items: items.map(toView), total, limit: q.limit, offset: q.offset };
  }

  @Post('users')
  @RequirePermission('users:manage')
  @ApiOperation({ summary: 'Tạo người dùng / create a user (in your province)' })
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ description: 'Tên đăng nhập đã có / user name taken (problem+json)' })
  async create(@Body() body: CreateUserRequest, @Scope() scope: AccessScope, @Res({ passthrough: true }) res: Response): Promise<UserView> {
    requireProvinceRole(body.role);
    await this.requireBodyInScope(body.bodyId, scope);
    const id = await this.accounts.create({
      username: body.username, displayName: body.displayName, password: body.password, role: body.role, bodyId: body.bodyId,
      email: body.email, active: body.active,
    });
    if (!id) {
      throw new ProblemException(409, 'username-taken', { vi: 'Tên đăng nhập đã có', en: 'User name taken' }, {
        vi: `Tên đăng nhập "${body.username}" đã được dùng.`, en: `The user name "${body.username}" is already taken.`,
      });
    }
    res.location(`/api/v1/users/${id}`);
    return this.view(id, scope);
  }

  @Get('users/:id')
  @RequirePermission('users:read')
  @ApiOperation({ summary: 'Một người dùng / one user' })
  @ApiOkResponse({ type: UserView })
  @ApiNotFoundResponse({ description: 'Không có (hoặc thuộc tỉnh khác) / none, or of another province' })
  get(@Param('id') id: string, @Scope() scope: AccessScope): Promise<UserView> {
    return this.view(id, scope);
  }

  @Patch('users/:id')
  @RequirePermission('users:manage')
  @ApiOperation({ summary: 'Sửa người dùng: tên, vai trò, cơ quan, thư điện tử, khóa/mở / change display name, role, body, e-mail, active' })
  @ApiOkResponse({ type: UserView })
  async update(
    @Param('id') id: string,
    @Body() body: UpdateUserRequest,
    @Scope() scope: AccessScope,
    @CurrentUser() actor: AuthenticatedUser,
  ): Promise<UserView> {
    const before = await this.account(id, scope);
    requireProvinceRole(body.role);
    if (body.bodyId !== undefined) await this.requireBodyInScope(body.bodyId, scope);
    if (id === actor.userId && (body.active === false || (body.role !== undefined && body.role !== 'admin'))) {
      throw new ProblemException(422, 'self-lockout', { vi: 'Không thể tự khóa mình', en: 'Cannot lock yourself out' }, {
        vi: 'Quản trị viên không thể tự khóa tài khoản hoặc tự bỏ vai trò quản trị của mình.',
        en: 'An admin cannot deactivate their own account or drop their own admin role.',
      });
    }
    await this.accounts.update(before, {
      displayName: body.displayName, role: body.role, bodyId: body.bodyId, email: body.email, active: body.active,
    });
    return this.view(id, scope);
  }

  @Post('users/:id/password')
  @HttpCode(200)
  @RequirePermission('auth:self')
  @ApiOperation({
    summary: 'Đặt mật khẩu mới: của chính mình (cần mật khẩu hiện tại) hoặc của người khác (quản trị viên) / '
      + 'set a new password: your own (with the current one) or anyone\'s in your province (admins); revokes issued tokens',
  })
  @ApiOkResponse({ description: '`{ id, changed: true }`' })
  async password(
    @Param('id') id: string,
    @Body() body: ChangePasswordRequest,
    @Scope() scope: AccessScope,
    @CurrentUser() actor: AuthenticatedUser,
  ) {
    const rule = passwordChangeRule(actor, id);
    if (rule === 'denied') {
      throw new ProblemException(403, 'role-not-allowed', { vi: 'Vai trò không được phép', en: 'Role not allowed' }, {
        vi: 'Chỉ được đổi mật khẩu của chính mình; quản trị viên đặt lại mật khẩu cho người khác.',
        en: 'You may change only your own password; admins reset other users\' passwords.',
      }, { permission: 'users:manage', role: actor.role });
    }
    await this.view(id, scope);
    if (rule === 'self') {
      const ok = typeof body.currentPassword === 'string' && (await this.accounts.passwordMatches(id, body.currentPassword));
      if (!ok) {
        throw problems.validation([{
          field: 'currentPassword', constraint: 'matches',
          reason: { vi: 'currentPassword: mật khẩu hiện tại không đúng', en: 'currentPassword: the current password is wrong' },
        }]);
      }
    }
    await this.accounts.setPassword(id, body.newPassword);
    return { id, changed: true };
  }

  @Get('admin/failed-logins')
  @RequirePermission('security:read')
  @ApiOperation({ summary: 'Đăng nhập thất bại / failed logins, newest first (user name tried, IP, time, reason)' })
  async failedLogins(@Query() q: FailedLoginsRequest, @Scope() scope: AccessScope) {
    return this.queries.execute(new ListFailedLoginsQuery({ username: q.username, limit: q.limit, offset: q.offset }, scope.provinceId));
  }

  private async view(id: string, scope: AccessScope): Promise<UserView> {
    return toView(await this.account(id, scope));
  }

  private async account(id: string, scope: AccessScope): Promise<UserAccount> {
    if (id.length > 200) throw noUser(id.slice(0, 40) + '…');
    const account = await this.accounts.find(id, scope.provinceId);
    if (!account) throw noUser(id);
    return account;
  }

  private async requireBodyInScope(bodyId: string, scope: AccessScope): Promise<void> {
    if (!(await this.accounts.bodyInProvince(bodyId, scope.provinceId))) throw problems.validation([noBody(bodyId)]);
  }
}
