import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** One access_trail row: who (user, role, body, IP) looked at what (action, target, the request), when. */
export interface AccessTrailEntry {
  at: string;
  userId: string;
  role: string;
  bodyId: string;
  action: string;
  /** A decision id, or 'log'. */
  target: string;
  detail: Record<string, unknown>;
  ip: string | null;
}

export interface AccessTrailFilter {
  userId?: string;
  action?: string;
  target?: string;
  /** ISO 8601, inclusive. */
  from?: string;
  /** ISO 8601, exclusive. */
  to?: string;
  limit: number;
  offset: number;
}

export type AccessTrailView = Omit<AccessTrailEntry, 'detail'> & { id: string; detail: unknown };

/**
 * The auditors' own trail: written after each route that reads history, compares, verifies or exports
 * (apps/api's AccessTrailInterceptor), read by the admins of the province of the users' bodies.
 */
@Injectable()
export class AccessTrail {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  /** Inserts the row (throws if the insert fails: the caller decides whether that may fail the request). */
  async record(e: AccessTrailEntry): Promise<void> {
    await this.db.query(
      `INSERT INTO access_trail (at, user_id, role, body_id, action, target, detail, ip) VALUES ($1,$2,$3,$4,$5,$6,$7,$8)`,
      [e.at, e.userId, e.role, e.bodyId, e.action, e.target, JSON.stringify(e.detail), e.ip],
    );
  }

  /** Newest first; only users of bodies of the province. */
  async list(q: AccessTrailFilter, provinceId: string): Promise<{ items: AccessTrailView[]; total: number; limit: number; offset: number }> {
    const where = `b.province_id = $1 AND ($2::text IS NULL OR t.user_id = $2) AND ($3::text IS NULL OR t.action = $3)
      AND ($4::text IS NULL OR t.target = lower($4)) AND ($5::timestamptz IS NULL OR t.at >= $5) AND ($6::timestamptz IS NULL OR t.at < $6)`;
    const args = [provinceId, q.userId ?? null, q.action ?? null, q.target ?? null, q.from ?? null, q.to ?? null];
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT t.id::text AS id, t.at, t.user_id AS "userId", t.role, t.body_id AS "bodyId", t.action, t.target, t.detail, t.ip
           FROM access_trail t JOIN bodies b ON b.id = t.body_id WHERE ${where}
          ORDER BY t.at DESC, t.id DESC LIMIT $7 OFFSET $8`,
        [...args, q.limit, q.offset],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM access_trail t JOIN bodies b ON b.id = t.body_id WHERE ${where}`, args),
    ]);
    return {
      items: items.map((r: { at: Date | string }) => ({ ...r, at: new Date(r.at).toISOString() })),
      total, limit: q.limit, offset: q.offset,
    };
  }
}
