import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

export type FailedLoginReason = 'unknown-user' | 'wrong-password' | 'inactive' | 'throttled';

/** Records every refused login (who tried, from where, when, why) in failed_logins, for admins to review. */
@Injectable()
export class FailedLogins {
  private readonly logger = new Logger('FailedLogins');

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async record(username: unknown, ip: string | undefined, reason: FailedLoginReason): Promise<void> {
    const name = typeof username === 'string' ? username.slice(0, 200) : '';
    try {
      await this.db.query(`INSERT INTO failed_logins (username, ip, at, reason) VALUES ($1, $2, now(), $3)`, [name, ip ?? null, reason]);
    } catch (e) {
      // Never let the audit trail turn a refused login into a 500.
      this.logger.warn(`could not record a failed login: ${(e as Error).message}`);
    }
  }
}
