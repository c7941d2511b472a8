import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { Credentials } from './application/credentials.js';
import { ListFailedLoginsHandler } from './application/list-failed-logins.query.js';
import { UserAccounts } from './application/user-accounts.js';
import { FailedLogins } from './failed-logins.js';
import { jwtSecret } from './jwt-secret.js';
import { LoginThrottle } from './login-limiter.js';
import { TokenVerifier } from './token-verifier.js';
import { UserDirectory } from './user-directory.js';

/** Users, their tokens and the failed-login log. */
@Module({
  imports: [
    JwtModule.registerAsync({
      global: true,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => ({
        // Without JWT_SECRET (not in production), the one generated under DATA_DIR (jwt-secret.ts). A KeyObject,
        // not the string: given a string, jsonwebtoken first tries it as a public key on every verify.
        secret: createSecretKey(Buffer.from(jwtSecret({
          JWT_SECRET: config.get<string>('JWT_SECRET'), NODE_ENV: config.get<string>('NODE_ENV'), DATA_DIR: config.get<string>('DATA_DIR'),
        }), 'utf8')),
        signOptions: { algorithm: 'HS256', expiresIn: config.get('JWT_EXPIRES_IN') ?? '8h' },
        verifyOptions: { algorithms: ['HS256'] },
      }),
    }),
  ],
  providers: [
    UserDirectory, TokenVerifier, FailedLogins, UserAccounts, Credentials, ListFailedLoginsHandler,
    {
      // One per process: the login limits (LOGIN_RATE_LIMIT, LOGIN_IP_RATE_LIMIT, LOGIN_BACKOFF_*) count in memory.
      provide: LoginThrottle,
      inject: [ConfigService],
      useFactory: (config: ConfigService) => new LoginThrottle({
        perIpAndName: Number(config.get('LOGIN_RATE_LIMIT') ?? 10),
        perIp: Number(config.get('LOGIN_IP_RATE_LIMIT') ?? 60),
        backoffAfter: Number(config.get('LOGIN_BACKOFF_AFTER') ?? 5),
        backoffMaxMs: Number(config.get('LOGIN_BACKOFF_MAX_SECONDS') ?? 60) * 1000,
      }),
    },
  ],
  exports: [UserDirectory, TokenVerifier, FailedLogins, UserAccounts, Credentials, LoginThrottle],
})
export class IdentityModule {}
