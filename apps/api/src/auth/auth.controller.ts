import { Body, Controller, Get, HttpCode, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { InjectDataSource } from '@nestjs/typeorm';
import { JwtService } from '@nestjs/jwt';
import { ConfigService } from '@nestjs/config';
import bcrypt from 'bcryptjs';
import type { DataSource } from 'typeorm';
import { UserEntity } from '../organisation/user.entity.js';
import { problems } from '../common/problem.js';
import { LoginRequest, LoginResponse } from './login.dto.js';
import { CurrentUser, Public, type AuthenticatedUser } from './public.decorator.js';

// Compared against when the user does not exist, so a wrong user name takes as long as a wrong password.
const DUMMY_HASH = bcrypt.hashSync('phancap-no-such-user', 10);

@ApiTags('auth')
@Controller('api/v1/auth')
export class AuthController {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly jwt: JwtService,
    private readonly config: ConfigService,
  ) {}

  @Public()
  @Post('login')
  @HttpCode(200)
  @ApiOkResponse({ type: LoginResponse })
  async login(@Body() body: LoginRequest): Promise<LoginResponse> {
    const user = await this.db.getRepository(UserEntity).findOneBy({ username: body.username });
    const ok = await bcrypt.compare(body.password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) {
      throw problems.unauthorized({ vi: 'Sai tên đăng nhập hoặc mật khẩu.', en: 'Wrong user name or password.' });
    }
    const accessToken = await this.jwt.signAsync({
      sub: user.id, username: user.username, name: user.displayName, role: user.role, bodyId: user.bodyId,
    });
    return {
      accessToken,
      expiresIn: this.config.get<string>('JWT_EXPIRES_IN') ?? '8h',
      user: { id: user.id, username: user.username, displayName: user.displayName, role: user.role, bodyId: user.bodyId },
    };
  }

  @Get('me')
  @ApiBearerAuth()
  me(@CurrentUser() user: AuthenticatedUser): AuthenticatedUser {
    return user;
  }
}
