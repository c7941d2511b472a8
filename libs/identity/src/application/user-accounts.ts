import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { Clock, containsPattern } from '@app/kernel';
import { hashPassword, verifyPassword } from '../passwords.js';
import { UserDirectory } from '../user-directory.js';

/** A user account as its admins see it (never its password hash). */
export interface UserAccount {
  id: string;
  username: string;
  displayName: string;
  role: string;
  bodyId: string;
  /** The province of the user's body. */
  provinceId: string;
  email: string | null;
  active: boolean;
  createdAt: Date;
  updatedAt: Date;
}

/** A colleague as a picker shows them: no user name, e-mail or account details. */
export interface Person {
  id: string;
  displayName: string;
  role: string;
  bodyId: string;
}

export interface UserAccountsFilter {
  role?: string;
  bodyId?: string;
  active?: boolean;
  limit: number;
  offset: number;
}

export interface NewUserAccount {
  username: string;
  displayName: string;
  password: string;
  role: string;
  bodyId: string;
  email?: string;
  active?: boolean;
}

/** `email: null` clears it; an absent field is left as it is. */
export interface UserAccountChanges {
  displayName?: string;
  role?: string;
  bodyId?: string;
  email?: string | null;
  active?: boolean;
}

const VIEW = `u.id, u.username, u.display_name AS "displayName", u.role, u.body_id AS "bodyId", b.province_id AS "provinceId",
  u.email, u.active, u.created_at AS "createdAt", u.updated_at AS "updatedAt"`;

/**
 * User accounts, always within one province (a user of another province does not exist for its admins).
 * Passwords are bcrypt-hashed here and never returned. A password, role or body change, or deactivation,
 * revokes every token issued before it (users.token_version) and drops the user from UserDirectory's cache.
 */
@Injectable()
export class UserAccounts {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly directory: UserDirectory,
    private readonly clock: Clock,
  ) {}

  /** By user name. */
  async list(q: UserAccountsFilter, provinceId: string): Promise<{ items: UserAccount[]; total: number }> {
    const where = `b.province_id = $1 AND ($2::text IS NULL OR u.role = $2) AND ($3::text IS NULL OR u.body_id = $3)
      AND ($4::boolean IS NULL OR u.active = $4)`;
    const args = [provinceId, q.role ?? null, q.bodyId ?? null, q.active ?? null];
    const [items, [{ total }]] = await Promise.all([
      this.db.query(`SELECT ${VIEW} FROM users u JOIN bodies b ON b.id = u.body_id WHERE ${where} ORDER BY u.username LIMIT $5 OFFSET $6`, [...args, q.limit, q.offset]),
      this.db.query(`SELECT count(*)::int AS total FROM users u JOIN bodies b ON b.id = u.body_id WHERE ${where}`, args),
    ]);
    return { items, total };
  }

  /**
   * The active people of a province by name, for a picker: with any of `roles`, whose name or user
   * name contains `q` (with or without diacritics), in name order.
   */
  async people(q: { roles?: string[]; bodyId?: string; q?: string; limit: number; offset: number }, provinceId: string): Promise<{ items: Person[]; total: number }> {
    const where = `b.province_id = $1 AND u.active AND (cardinality($2::text[]) = 0 OR u.role = ANY($2::text[]))
      AND ($3::text IS NULL OR u.body_id = $3) AND ($4::text IS NULL OR fold_vi(u.display_name || ' ' || u.username) LIKE $4)`;
    const args = [provinceId, q.roles ?? [], q.bodyId ?? null, q.q?.trim() ? containsPattern(q.q) : null];
    const [items, [{ total }]] = await Promise.all([
      this.db.query(
        `SELECT u.id, u.display_name AS "displayName", u.role, u.body_id AS "bodyId" FROM users u JOIN bodies b ON b.id = u.body_id
          WHERE ${where} ORDER BY fold_vi(u.display_name), u.id LIMIT $5 OFFSET $6`,
        [...args, q.limit, q.offset],
      ),
      this.db.query(`SELECT count(*)::int AS total FROM users u JOIN bodies b ON b.id = u.body_id WHERE ${where}`, args),
    ]);
    return { items, total };
  }

  async find(id: string, provinceId: string): Promise<UserAccount | undefined> {
    const [row] = await this.db.query(`SELECT ${VIEW} FROM users u JOIN bodies b ON b.id = u.body_id WHERE u.id = $1 AND b.province_id = $2`, [id, provinceId]);
    return row;
  }

  /** Whether a user of the province may belong to this body. */
  async bodyInProvince(bodyId: string, provinceId: string): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM bodies WHERE id = $1 AND province_id = $2`, [bodyId, provinceId])).length > 0;
  }

  /** Creates `user-<username>`; answers its id, or `undefined` when the user name (or id) is taken. */
  async create(user: NewUserAccount): Promise<string | undefined> {
    const id = `user-${user.username}`;
    const hash = await hashPassword(user.password);
    const now = this.clock.now();
    const inserted = await this.db.query(
      `INSERT INTO users (id, username, display_name, password_hash, role, body_id, email, active, created_at, updated_at, token_version)
       VALUES ($1,$2,$3,$4,$5,$6,$7,$8,$9,$9,0) ON CONFLICT DO NOTHING RETURNING id`,
      [id, user.username, user.displayName, hash, user.role, user.bodyId, user.email ?? null, user.active ?? true, now],
    );
    return inserted.length ? id : undefined;
  }

  /** Applies `changes` to the account `before` (as just read); a role, body or active change revokes its tokens. */
  async update(before: UserAccount, changes: UserAccountChanges): Promise<void> {
    const revokes = (changes.role !== undefined && changes.role !== before.role) || (changes.bodyId !== undefined && changes.bodyId !== before.bodyId)
      || (changes.active !== undefined && changes.active !== before.active);
    await this.db.query(
      `UPDATE users SET display_name = COALESCE($2, display_name), role = COALESCE($3, role), body_id = COALESCE($4, body_id),
              email = CASE WHEN $5::boolean THEN $6 ELSE email END, active = COALESCE($7, active), updated_at = $8,
              token_version = token_version + CASE WHEN $9::boolean THEN 1 ELSE 0 END
        WHERE id = $1`,
      [before.id, changes.displayName ?? null, changes.role ?? null, changes.bodyId ?? null, changes.email !== undefined, changes.email ?? null,
        changes.active ?? null, this.clock.now(), revokes],
    );
    this.directory.invalidate(before.id);
  }

  /** Whether `password` is the user's current one. */
  async passwordMatches(id: string, password: string): Promise<boolean> {
    const [row] = await this.db.query(`SELECT password_hash FROM users WHERE id = $1`, [id]);
    return verifyPassword(password, row.password_hash);
  }

  /** Sets a new password and revokes every token issued before. */
  async setPassword(id: string, password: string): Promise<void> {
    const hash = await hashPassword(password);
    await this.db.query(
      `UPDATE users SET password_hash = $2, token_version = token_version + 1, updated_at = $3 WHERE id = $1`, [id, hash, this.clock.now()],
    );
    this.directory.invalidate(id);
  }
}
