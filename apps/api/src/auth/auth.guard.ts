import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { problems } from '../common/problem.js';
import { IS_PUBLIC, type AuthenticatedUser } from './public.decorator.js';

/** Every route needs `Authorization: Bearer <token>` unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly jwt: JwtService,
    private readonly reflector: Reflector,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const isPublic = this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()]);
    if (isPublic) return true;
    const req = context.switchToHttp().getRequest();
    const header: string | undefined = req.headers.authorization;
    const match = header ? /^Bearer\s+(\S+)$/i.exec(header) : null;
    if (!match) {
      throw problems.unauthorized({
        vi: 'Thiếu tiêu đề Authorization: Bearer <token>; hãy đăng nhập tại POST /api/v1/auth/login.',
        en: 'Missing Authorization: Bearer <token> header; log in at POST /api/v1/auth/login.',
      });
    }
    try {
      const claims = await this.jwt.verifyAsync(match[1], { algorithms: ['HS256'] });
      req.user = {
        userId: claims.sub,
        username: claims.username,
        displayName: claims.name,
        role: claims.role,
        bodyId: claims.bodyId,
      } satisfies AuthenticatedUser;
      return true;
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw problems.unauthorized(
        expired
          ? { vi: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.', en: 'The access token has expired; log in again.' }
          : { vi: 'Mã truy cập không hợp lệ.', en: 'The access token is invalid.' },
      );
    }
  }
}
