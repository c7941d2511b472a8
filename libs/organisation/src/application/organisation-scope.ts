import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';

/** A body as a re-assignment needs it: whether it still exists on the effective date. */
export interface BodyStatusRow {
  id: string;
  status: string;
  /** YYYY-MM-DD, when it merged or was abolished. */
  endedOn: string | null;
}

/**
 * The province checks of the organisation's HTTP routes: a body or power of another province does not
 * exist for the caller (404, never 403), and an admin changes the bodies of their own body's province only.
 */
@Injectable()
export class OrganisationScope {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async bodyInProvince(bodyId: string, provinceId: string | null): Promise<boolean> {
    return (await this.db.query(`SELECT 1 FROM bodies WHERE id = $1 AND province_id = $2`, [bodyId, provinceId])).length > 0;
  }

  /** Of `bodyIds`, those of the province. */
  async bodiesInProvince(bodyIds: string[], provinceId: string | null): Promise<string[]> {
    const own: Array<{ id: string }> = await this.db.query(`SELECT id FROM bodies WHERE id = ANY($1) AND province_id = $2`, [bodyIds, provinceId]);
    return own.map((b) => b.id);
  }

  /** The province of a body (the acting user's own), or null if there is no such body. */
  async provinceOf(bodyId: string): Promise<string | null> {
    const rows: Array<{ province_id: string }> = await this.db.query(`SELECT province_id FROM bodies WHERE id = $1`, [bodyId]);
    return rows[0]?.province_id ?? null;
  }

  /** The bodies of `bodyIds` that exist (in any province), with their status. */
  async bodyStatuses(bodyIds: string[]): Promise<BodyStatusRow[]> {
    return this.db.query(
      `SELECT id, status, to_char(ended_on, 'YYYY-MM-DD') AS "endedOn" FROM bodies WHERE id = ANY($1)`,
      [bodyIds],
    );
  }

  /** A power held by law by a body of the province. */
  async powerInProvince(powerId: string, provinceId: string): Promise<boolean> {
    const rows = await this.db.query(
      `SELECT 1 FROM powers p JOIN bodies b ON b.id = p.legal_holder_body_id WHERE p.id = $1 AND b.province_id = $2`,
      [powerId, provinceId],
    );
    return rows.length > 0;
  }
}
