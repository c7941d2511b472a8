import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { Command, ProposalContent } from '@app/delegation';
import { problems, type FieldError } from '@app/kernel';
import { SECTORS } from '../domain/sectors.js';

const unknown = (field: string, what: { vi: string; en: string }, value: string): FieldError => ({
  field,
  constraint: 'exists',
  reason: { vi: `${field}: không tìm thấy ${what.vi} "${value}"`, en: `${field}: no ${what.en} "${value}" exists` },
});

/**
 * Checks that the bodies, powers, sector and users a command names exist, before the domain sees it.
 * A command that names an unknown one is refused with a 400 naming the field.
 */
@Injectable()
export class ReferenceData {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async check(command: Command): Promise<void> {
    const errors: FieldError[] = [];
    switch (command.type) {
      case 'propose':
        errors.push(...(await this.content(command.data, '')));
        break;
      case 'update-draft':
      case 'resubmit':
      case 'amend':
        errors.push(...(await this.content(command.data.changes ?? {}, 'changes.')));
        break;
      case 'assign-reviewer': {
        const rows = await this.db.query(
          `SELECT 1 FROM users WHERE id = $1 AND active AND role IN ('reviewer','reviewer-lead')`,
          [command.data.reviewerId],
        );
        if (!rows.length) errors.push(unknown('reviewerId', { vi: 'chuyên viên thẩm định', en: 'active reviewer' }, command.data.reviewerId));
        break;
      }
      case 'reassign': {
        const rows = await this.db.query(`SELECT 1 FROM bodies WHERE id = $1`, [command.data.toBodyId]);
        if (!rows.length) errors.push(unknown('toBodyId', { vi: 'cơ quan', en: 'body' }, command.data.toBodyId));
        break;
      }
      default:
        break;
    }
    if (errors.length) throw problems.validation(errors);
  }

  private async content(c: Partial<ProposalContent>, prefix: string): Promise<FieldError[]> {
    const errors: FieldError[] = [];
    for (const key of ['delegatorBodyId', 'delegateBodyId'] as const) {
      const id = c[key];
      if (id === undefined) continue;
      const rows = await this.db.query(`SELECT 1 FROM bodies WHERE id = $1`, [id]);
      if (!rows.length) errors.push(unknown(prefix + key, { vi: 'cơ quan', en: 'body' }, id));
    }
    if (c.powerIds?.length) {
      const rows: Array<{ id: string; retired: boolean }> = await this.db.query(`SELECT id, retired FROM powers WHERE id = ANY($1)`, [c.powerIds]);
      const found = new Map(rows.map((r) => [r.id, r]));
      c.powerIds.forEach((id, i) => {
        const field = `${prefix}powerIds.${i}`;
        if (!found.has(id)) errors.push(unknown(field, { vi: 'nhiệm vụ, quyền hạn', en: 'power' }, id));
        // A power retired from the catalogue can no longer be decentralised or authorised.
        else if (found.get(id)!.retired) {
          errors.push({ field, constraint: 'notRetired', reason: { vi: `${field}: nhiệm vụ, quyền hạn "${id}" đã bị loại khỏi danh mục`, en: `${field}: power "${id}" has been retired from the catalogue` } });
        }
      });
    }
    if (c.sector !== undefined && !SECTORS[c.sector]) {
      errors.push({
        field: `${prefix}sector`,
        constraint: 'isIn',
        reason: {
          vi: `${prefix}sector: lĩnh vực "${c.sector}" không có; chọn một trong ${Object.keys(SECTORS).join(', ')}`,
          en: `${prefix}sector: unknown sector "${c.sector}"; use one of ${Object.keys(SECTORS).join(', ')}`,
        },
      });
    }
    return errors;
  }
}
