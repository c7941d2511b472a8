import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { FailedLoginReason } from '../failed-logins.js';
import { DUMMY_HASH, verifyPassword } from '../passwords.js';

/** What a token is issued from. */
export interface LoginAccount {
  id: string;
  username: string;
  displayName: string;
  role: string;
  bodyId: string;
  provinceId: string;
  tokenVersion: number;
}

export type CredentialCheck = { ok: true; account: LoginAccount } | { ok: false; reason: Exclude<FailedLoginReason, 'throttled'> };

/** Checks a user name and password at login (the caller records a refusal in FailedLogins). */
@Injectable()
export class Credentials {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async check(username: string, password: string): Promise<CredentialCheck> {
    const [user]: Array<LoginAccount & { passwordHash: string; active: boolean }> = await this.db.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.password_hash AS "passwordHash", u.role, u.body_id AS "bodyId",
              b.province_id AS "provinceId", u.active, u.token_version AS "tokenVersion"
         FROM users u JOIN bodies b ON b.id = u.body_id WHERE u.username = $1`,
      [username],
    );
    // An unknown user name is checked against DUMMY_HASH, so it takes as long as a wrong password.
    const ok = await verifyPassword(password, user?.passwordHash ?? DUMMY_HASH);
    if (!user || !ok || !user.active) return { ok: false, reason: !user ? 'unknown-user' : !ok ? 'wrong-password' : 'inactive' };
    const { passwordHash: _hash, active: _active, ...account } = user;
    return { ok: true, account };
  }
}
