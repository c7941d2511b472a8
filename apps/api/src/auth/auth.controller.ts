import { Body, Controller, Get, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { JwtService } from '@nestjs/jwt';
import { ConfigService } from '@nestjs/config';
import bcrypt from 'bcryptjs';
import type { DataSource } from 'typeorm';
import { RequirePermission } from '../access/permission.decorator.js';
import { problems } from '@app/kernel';
import { FailedLogins, type FailedLoginReason } from '@app/identity';
import { LoginRequest, LoginResponse } from './login.dto.js';
import { LoginThrottlerGuard } from './login-throttler.guard.js';
import { CurrentUser, Public, type AuthenticatedUser } from './public.decorator.js';

// Compared against when the user does not exist, so a wrong user name takes as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('phancap-no-such-user', 10);

interface LoginRow {
  id: string; username: string; display_name: string; password_hash: string; role: string; body_id: string;
  province_id: string; active: boolean; token_version: number;
}

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
    private readonly failedLogins: FailedLogins,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @UseGuards(LoginThrottlerGuard)
  @ApiOperation({ summary: 'Đăng nhập / log in (throttled per IP and user name; failures are recorded)' })
  @ApiOkResponse({ type: LoginResponse })
  @ApiTooManyRequestsResponse({ description: 'Quá nhiều lần thử / too many attempts (problem+json, Retry-After)' })
  async login(@Body() body: LoginRequest, @Ip() ip: string): Promise<LoginResponse> {
    const [user]: LoginRow[] = await this.db.query(
      `SELECT u.id, u.username, u.display_name, u.password_hash, u.role, u.body_id, b.province_id, u.active, u.token_version
         FROM users u JOIN bodies b ON b.id = u.body_id WHERE u.username = $1`,
      [body.username],
    );
    const ok = await bcrypt.compare(body.password, user?.password_hash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      const reason: FailedLoginReason = !user ? 'unknown-user' : !ok ? 'wrong-password' : 'inactive';
      await this.failedLogins.record(body.username, ip, reason);
      throw problems.unauthorized({ vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong user name or password.' });
    }
    // `tv` (token version) ties the token to the account as it is now: a password, role or body change revokes it.
    const accessToken = await this.jwt.signAsync({
      sub: user.id, username: user.username, name: user.display_name, role: user.role, bodyId: user.body_id, tv: user.token_version,
    });
    return {
      accessToken,
      expiresIn: this.config.get<string>('JWT_EXPIRES_IN') ?? '8h',
      user: { id: user.id, username: user.username, displayName: user.display_name, role: user.role, bodyId: user.body_id, provinceId: user.province_id },
    };
  }

  @Get('me')
  @ApiBearerAuth()
  @RequirePermission('auth:self')
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
