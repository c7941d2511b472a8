import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Role } from '@app/delegation';

/** What the guards need to know about a user on each request. */
export interface DirectoryUser {
  id: string;
  username: string;
  displayName: string;
  role: Role;
  bodyId: string;
  provinceId: string;
  active: boolean;
  tokenVersion: number;
}

const TTL_MS = 5_000;

/**
 * Looks a user up by id (one indexed query joining their body for the province), cached for a few
 * seconds. Every change to a user in this process drops its entry at once; another API process sees
 * the change within TTL_MS.
 */
@Injectable()
export class UserDirectory {
  private readonly cache = new Map<string, { user: DirectoryUser | undefined; at: number }>();

  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async get(id: string): Promise<DirectoryUser | undefined> {
    const hit = this.cache.get(id);
    if (hit && performance.now() - hit.at < TTL_MS) return hit.user;
    const [row] = await this.db.query(
      `SELECT u.id, u.username, u.display_name AS "displayName", u.role, u.body_id AS "bodyId", b.province_id AS "provinceId",
              u.active, u.token_version AS "tokenVersion"
         FROM users u JOIN bodies b ON b.id = u.body_id WHERE u.id = $1`,
      [id],
    );
    if (this.cache.size > 10_000) this.cache.clear();
    this.cache.set(id, { user: row, at: performance.now() });
    return row;
  }

  invalidate(id?: string): void {
    if (id === undefined) this.cache.clear();
    else this.cache.delete(id);
  }
}
