import { Body, Controller, Get, HttpCode, Ip, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { JwtService } from '@nestjs/jwt';
import { ConfigService } from '@nestjs/config';
import { RequirePermission } from '../access/permission.decorator.js';
import { problems } from '@app/kernel';
import { Credentials, FailedLogins } from '@app/identity';
import { LoginRequest, LoginResponse } from './login.dto.js';
import { LoginThrottlerGuard } from './login-throttler.guard.js';
import { CurrentUser, Public, type AuthenticatedUser } from './public.decorator.js';

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    private readonly credentials: Credentials,
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
    const checked = await this.credentials.check(body.username, body.password);
    if (!checked.ok) {
      await this.failedLogins.record(body.username, ip, checked.reason);
      throw problems.unauthorized({ vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong user name or password.' });
    }
    const user = checked.account;
    // `tv` (token version) ties the token to the account as it is now: a password, role or body change revokes it.
    const accessToken = await this.jwt.signAsync({
      sub: user.id, username: user.username, name: user.displayName, role: user.role, bodyId: user.bodyId, tv: user.tokenVersion,
    });
    return {
      accessToken,
      expiresIn: this.config.get<string>('JWT_EXPIRES_IN') ?? '8h',
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, bodyId: user.bodyId, provinceId: user.provinceId },
    };
  }

  @Get('me')
  @ApiBearerAuth()
  @RequirePermission('auth:self')
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
