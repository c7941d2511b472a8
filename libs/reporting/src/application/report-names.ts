import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { CompiledEdition } from '../domain/report-stream.js';
import type { QuarterlyContent } from '../quarterly/content.js';

/** The names a report shows. */
export interface ReportNamesOf {
  provinceName: { vi: string; en: string };
  /** The body above the issuing office, as the header's first line names it (e.g. UBND TỈNH TRÀ VINH). */
  parentBodyName: string | null;
  issuingBodyName: string;
  bodyNames: Record<string, { vi: string; en: string }>;
  userNames: Record<string, string>;
}

/** A report as it is rendered: its content, the edition that recorded it, and the names it shows. */
export interface QuarterlyDocument extends ReportNamesOf {
  content: QuarterlyContent;
  edition: CompiledEdition;
  /** The hash of the content computed again now: equal to edition.contentHash when the record is intact. */
  regeneratedHash: string;
  reproduced: boolean;
  consolidationLastDay: string;
}

/** The names a report shows, read when it is rendered (bodies may be renamed; the content keeps ids). */
@Injectable()
export class ReportNames {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async document(content: QuarterlyContent, edition: CompiledEdition, regeneratedHash: string, consolidationLastDay: string): Promise<QuarterlyDocument> {
    const t = content.timeliness;
    const bodyIds = new Set<string>();
    for (const d of content.delegations) (bodyIds.add(d.delegatorBodyId), bodyIds.add(d.delegateBodyId));
    for (const g of [...t.stagesByBody, ...t.reportsByBody]) bodyIds.add(g.key);
    const userIds = [...new Set([...t.stagesByOfficial.map((g) => g.key), ...t.returnsByOfficial.map((g) => g.key)])];
    const names = await this.lookup({ provinceId: content.provinceId, issuingBodyId: edition.issuingBodyId, bodyIds: [...bodyIds], userIds });
    return { content, edition, regeneratedHash, reproduced: regeneratedHash === edition.contentHash, consolidationLastDay, ...names };
  }

  /** The names of bodies and users, the province's and the issuing body's (with the body above it). */
  async lookup(q: { provinceId: string; issuingBodyId: string; bodyIds: string[]; userIds: string[] }): Promise<ReportNamesOf> {
    const ids = [...new Set([q.issuingBodyId, ...q.bodyIds])];
    const bodies: Array<{ id: string; name_vi: string; name_en: string; parent_vi: string | null }> = await this.db.query(
      `SELECT b.id, b.name_vi, b.name_en, p.name_vi AS parent_vi FROM bodies b LEFT JOIN bodies p ON p.id = b.parent_id WHERE b.id = ANY($1::text[])`,
      [ids],
    );
    const users: Array<{ id: string; display_name: string }> = q.userIds.length
      ? await this.db.query(`SELECT id, display_name FROM users WHERE id = ANY($1::text[])`, [q.userIds]) : [];
    const [province]: Array<{ name_vi: string; name_en: string }> = await this.db.query(
      `SELECT name_vi, name_en FROM bodies WHERE province_id = $1 AND type = 'ubnd' AND level = 'province' ORDER BY id LIMIT 1`,
      [q.provinceId],
    );
    const issuing = bodies.find((b) => b.id === q.issuingBodyId);
    return {
      provinceName: province ? { vi: province.name_vi, en: province.name_en } : { vi: q.provinceId, en: q.provinceId },
      parentBodyName: issuing?.parent_vi ?? null,
      issuingBodyName: issuing?.name_vi ?? q.issuingBodyId,
      bodyNames: Object.fromEntries(bodies.map((b) => [b.id, { vi: b.name_vi, en: b.name_en }])),
      userNames: Object.fromEntries(users.map((u) => [u.id, u.display_name])),
    };
  }
}
