import type { DataSource } from 'typeorm';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * Which event streams belong to a province, from the read tables every scoped query uses: a decision's
 * stream (its id) by its delegator body's province (decision_list.province_id), a body's (`body:<id>`)
 * by bodies.province_id, a power's (`power:<id>`) by the province of its legal holder.
 */
export class ProvinceStreams {
  constructor(private readonly db: DataSource) {}

  async contains(provinceId: string, streamId: string): Promise<boolean> {
    let rows: unknown[];
    if (UUID.test(streamId)) {
      rows = await this.db.query(`SELECT 1 FROM decision_list WHERE id = $1::uuid AND province_id = $2`, [streamId, provinceId]);
    } else if (streamId.startsWith('body:')) {
      rows = await this.db.query(`SELECT 1 FROM bodies WHERE id = $1 AND province_id = $2`, [streamId.slice(5), provinceId]);
    } else if (streamId.startsWith('power:')) {
      rows = await this.db.query(
        `SELECT 1 FROM powers p JOIN bodies b ON b.id = p.legal_holder_body_id WHERE p.id = $1 AND b.province_id = $2`,
        [streamId.slice(6), provinceId],
      );
    } else {
      rows = [];
    }
    return rows.length > 0;
  }

  /** Every stream of the province, in a stable order. */
  async list(provinceId: string): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.db.query(
      `SELECT id::text AS id FROM decision_list WHERE province_id = $1
       UNION ALL SELECT 'body:' || id FROM bodies WHERE province_id = $1
       UNION ALL SELECT 'power:' || p.id FROM powers p JOIN bodies b ON b.id = p.legal_holder_body_id WHERE b.province_id = $1
       ORDER BY 1`,
      [provinceId],
    );
    return rows.map((r) => r.id);
  }
}
