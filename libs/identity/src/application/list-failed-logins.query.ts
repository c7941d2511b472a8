import { Query, QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { FailedLoginReason } from '../failed-logins.js';

export interface FailedLoginView {
  id: string;
  username: string;
  ip: string | null;
  at: Date;
  reason: FailedLoginReason;
}

/**
 * The refused logins an admin of a province reviews, newest first. Attempts on an account of another
 * province are theirs; attempts on names nobody has are every admin's.
 */
export class ListFailedLoginsQuery extends Query<{ items: FailedLoginView[]; total: number; limit: number; offset: number }> {
  constructor(
    readonly filter: { username?: string; limit: number; offset: number },
    readonly provinceId: string,
  ) {
    super();
  }
}

@QueryHandler(ListFailedLoginsQuery)
export class ListFailedLoginsHandler implements IQueryHandler<ListFailedLoginsQuery> {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async execute({ filter: q, provinceId }: ListFailedLoginsQuery) {
    const where = `($1::text IS NULL OR f.username = $1) AND NOT EXISTS (
      SELECT 1 FROM users u JOIN bodies b ON b.id = u.body_id WHERE u.username = f.username AND b.province_id <> $2)`;
    const args = [q.username ?? null, provinceId];
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT f.id::text AS id, f.username, f.ip, f.at, f.reason FROM failed_logins f WHERE ${where}
          ORDER BY f.at DESC, f.id DESC LIMIT $3 OFFSET $4`,
        [...args, q.limit, q.offset],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM failed_logins f WHERE ${where}`, args),
    ]);
    return { items: items as FailedLoginView[], total: total as number, limit: q.limit, offset: q.offset };
  }
}
