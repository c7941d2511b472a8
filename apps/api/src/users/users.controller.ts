import { Body, Controller, Get, HttpCode, Param, Patch, Post, Query, Res } from '@nestjs/common';
import {
  ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags,
} from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import bcrypt from 'bcryptjs';
import type { Response } from 'express';
import type { DataSource } from 'typeorm';
import { passwordChangeRule, type AccessScope } from '@app/identity';
import { RequirePermission, Scope } from '../access/permission.decorator.js';
import { UserDirectory } from '@app/identity';
import { CurrentUser, type AuthenticatedUser } from '../auth/public.decorator.js';
import { Clock } from '@app/kernel';
import { ProblemException, problems, type FieldError } from '@app/kernel';
import { ChangePasswordRequest, CreateUserRequest, FailedLoginsRequest, ListUsersRequest, UpdateUserRequest, UserView } from './users.dto.js';

const BCRYPT_ROUNDS = 10;

const VIEW = `u.id, u.username, u.display_name AS "displayName", u.role, u.body_id AS "bodyId", b.province_id AS "provinceId",
  u.email, u.active, u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

const toView = (r: UserView & { createdAt: Date | string; updatedAt: Date | string }): UserView => ({
  ...r, createdAt: new Date(r.createdAt).toISOString(), updatedAt: new Date(r.updatedAt).toISOString(),
});

const noUser = (id: string) => problems.notFound({ vi: `Không có người dùng ${id}.`, en: `No user ${id}.` });
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
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: UserDirectory,
    private readonly clock: Clock,
  ) {}

  @Get('users')
  @RequirePermission('users:read')
  @ApiOperation({ summary: 'Người dùng của tỉnh / the users of your province' })
  async list(@Query() q: ListUsersRequest, @Scope() scope: AccessScope) {
    const where = `b.province_id = $1 AND ($2::text IS NULL OR u.role = $2) AND ($3::text IS NULL OR u.body_id = $3)
      AND ($4::boolean IS NULL OR u.active = $4)`;
    const args = [scope.provinceId, q.role ?? null, q.bodyId ?? null, q.active ?? null];
    const [rows, [{ total }]] = await Promise.all([
      this.db.query(`SELECT ${VIEW} FROM users u JOIN bodies b ON b.id = u.body_id WHERE ${where} ORDER BY u.username LIMIT $5 OFFSET $6`, [...args, q.limit, q.offset]),
      this.db.query(`SELECT count(*)::int AS total FROM users u JOIN bodies b ON b.id = u.body_id WHERE ${where}`, args),
    ]);
    return { items: rows.map(toView), total, limit: q.limit, offset: q.offset };
  }

  @Post('users')
  @RequirePermission('users:manage')
  @ApiOperation({ summary: 'Tạo người dùng / create a user (in your province)' })
  @ApiCreatedResponse({ type: UserView })
  @ApiConflictResponse({ description: 'Tên đăng nhập đã có / user name taken (problem+json)' })
  async create(@Body() body: CreateUserRequest, @Scope() scope: AccessScope, @Res({ passthrough: true }) res: Response): Promise<UserView> {
    await this.requireBodyInScope(body.bodyId, scope);
    const id = `user-${body.username}`;
    const hash = await bcrypt.hash(body.password, BCRYPT_ROUNDS);
    const now = this.clock.now();
    const inserted = await this.db.query(
      `INSERT INTO users (id, username, display_name, password_hash, role, body_id, email, active, created_at, updated_at, token_version)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9,0) ON CONFLICT DO NOTHING RETURNING id`,
      [id, body.username, body.displayName, hash, body.role, body.bodyId, body.email ?? null, body.active ?? true, now],
    );
    if (!inserted.length) {
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
    const before = await this.view(id, scope);
    if (body.bodyId !== undefined) await this.requireBodyInScope(body.bodyId, scope);
    if (id === actor.userId && (body.active === false || (body.role !== undefined && body.role !== 'admin'))) {
      throw new ProblemException(422, 'self-lockout', { vi: 'Không thể tự khóa mình', en: 'Cannot lock yourself out' }, {
        vi: 'Quản trị viên không thể tự khóa tài khoản hoặc tự bỏ vai trò quản trị của mình.',
        en: 'An admin cannot deactivate their own account or drop their own admin role.',
      });
    }
    const revokes = (body.role !== undefined && body.role !== before.role) || (body.bodyId !== undefined && body.bodyId !== before.bodyId)
      || (body.active !== undefined && body.active !== before.active);
    await this.db.query(
      `UPDATE users SET display_name = COALESCE($2, display_name), role = COALESCE($3, role), body_id = COALESCE($4, body_id),
              email = CASE WHEN $5::boolean THEN $6 ELSE email END, active = COALESCE($7, active), updated_at = $8,
              token_version = token_version + CASE WHEN $9::boolean THEN 1 ELSE 0 END
        WHERE id = $1`,
      [id, body.displayName ?? null, body.role ?? null, body.bodyId ?? null, body.email !== undefined, body.email ?? null,
        body.active ?? null, this.clock.now(), revokes],
    );
    this.directory.invalidate(id);
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
      const [row] = await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [id]);
      const ok = typeof body.currentPassword === 'string' && (await bcrypt.compare(body.currentPassword, row.password_hash));
      if (!ok) {
        throw problems.validation([{
          field: 'currentPassword', constraint: 'matches',
          reason: { vi: 'currentPassword: mật khẩu hiện tại không đúng', en: 'currentPassword: the current password is wrong' },
        }]);
      }
    }
    const hash = await bcrypt.hash(body.newPassword, BCRYPT_ROUNDS);
    await this.db.query(
      `UPDATE users SET password_hash = $2, token_version = token_version + 1, updated_at = $3 WHERE id = $1`, [id, hash, this.clock.now()],
    );
    this.directory.invalidate(id);
    return { id, changed: true };
  }

  @Get('admin/failed-logins')
  @RequirePermission('security:read')
  @ApiOperation({ summary: 'Đăng nhập thất bại / failed logins, newest first (user name tried, IP, time, reason)' })
  async failedLogins(@Query() q: FailedLoginsRequest, @Scope() scope: AccessScope) {
    // Attempts on an account of another province are theirs; attempts on names nobody has are every admin's.
    const where = `($1::text IS NULL OR f.username = $1) AND NOT EXISTS (
      SELECT 1 FROM users u JOIN bodies b ON b.id = u.body_id WHERE u.username = f.username AND b.province_id <> $2)`;
    const args = [q.username ?? null, scope.provinceId];
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT f.id::text AS id, f.username, f.ip, f.at, f.reason FROM failed_logins f WHERE ${where}
          ORDER BY f.at DESC, f.id DESC LIMIT $3 OFFSET $4`,
        [...args, q.limit, q.offset],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM failed_logins f WHERE ${where}`, args),
    ]);
    return { items, total, limit: q.limit, offset: q.offset };
  }

  private async view(id: string, scope: AccessScope): Promise<UserView> {
    if (id.length > 200) throw noUser(id.slice(0, 40) + '…');
    const [row] = await this.db.query(`SELECT ${VIEW} FROM users u JOIN bodies b ON b.id = u.body_id WHERE u.id = $1 AND b.province_id = $2`, [id, scope.provinceId]);
    if (!row) throw noUser(id);
    return toView(row);
  }

  private async requireBodyInScope(bodyId: string, scope: AccessScope): Promise<void> {
    const rows = await this.db.query(`SELECT 1 FROM bodies WHERE id = $1 AND province_id = $2`, [bodyId, scope.provinceId]);
    if (!rows.length) throw problems.validation([noBody(bodyId)]);
  }
}
