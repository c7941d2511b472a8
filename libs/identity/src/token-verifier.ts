import { Injectable } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { UserDirectory } from './user-directory.js';
import { problems } from '@app/kernel';
import type { AuthenticatedUser } from './authenticated-user.js';

/**
 * Turns a bearer token into the user it speaks for, or a 401: the signature (HS256 only, so
 * `alg: none` fails), the expiry, and then the user as they are now: a deactivated user, or a token
 * issued before their password, role or body changed (token_version), is refused.
 */
@Injectable()
export class TokenVerifier {
  constructor(
    private readonly jwt: JwtService,
    private readonly users: UserDirectory,
  ) {}

  async verify(token: string): Promise<AuthenticatedUser> {
    let claims: { sub?: unknown; tv?: unknown };
    try {
      claims = await this.jwt.verifyAsync(token, { algorithms: ['HS256'] });
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw problems.unauthorized(
        expired
          ? { vi: 'Phiên đăng nhập đã hết hạn; hãy đăng nhập lại.', en: 'The access token has expired; log in again.' }
          : { vi: 'Mã truy cập không hợp lệ.', en: 'The access token is invalid.' },
      );
    }
    const user = typeof claims.sub === 'string' ? await this.users.get(claims.sub) : undefined;
    if (!user || !user.active || (typeof claims.tv === 'number' ? claims.tv : 0) !== user.tokenVersion) {
      throw problems.unauthorized({
        vi: 'Mã truy cập không còn hiệu lực (tài khoản bị khóa hoặc đã đổi mật khẩu, vai trò); hãy đăng nhập lại.',
        en: 'The access token is no longer valid (the account was deactivated, or its password or role changed); log in again.',
      });
    }
    return {
      userId: user.id, username: user.username, displayName: user.displayName, role: user.role, bodyId: user.bodyId,
      provinceId: user.provinceId,
    };
  }
}
