import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { problems } from '@app/kernel';
import { IS_PUBLIC } from './public.decorator.js';
import { TokenVerifier } from '@app/identity';

/** Every route needs `Authorization: Bearer <token>` unless marked @Public(). */
@Injectable()
export class AuthGuard implements CanActivate {
  constructor(
    private readonly tokens: TokenVerifier,
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
    req.user = await this.tokens.verify(match[1]);
    return true;
  }
}
