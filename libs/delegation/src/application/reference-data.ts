import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import { problems, type FieldError } from '@app/kernel';
import { SECTORS } from '@app/organisation';
import type { Command } from '../domain/commands.js';
import type { ProposalContent } from '../domain/types.js';

const unknown = (field: string, what: { vi: string; en: string }, value: string): FieldError => ({
  field,
  constraint: 'exists',
  reason: { vi: `${field}: không tìm thấy ${what.vi} "${value}"`, en: `${field}: no ${what.en} "${value}" exists` },
});

const BODY = { vi: 'cơ quan', en: 'body' };
const POWER = { vi: 'nhiệm vụ, quyền hạn', en: 'power' };
const REVIEWER = { vi: 'chuyên viên thẩm định', en: 'active reviewer' };

/** What a command names that must exist: bodies and reviewers by field, powers in order. */
interface Named {
  bodies: Array<[field: string, id: string]>;
  powers: { prefix: string; ids: string[] };
  reviewer?: string;
  sector?: { field: string; value: string };
}

type CommandInput = Pick<Command, 'type' | 'data'>;

function namedBy(command: CommandInput): Named {
  const named: Named = { bodies: [], powers: { prefix: '', ids: [] } };
  const content = (c: Partial<ProposalContent>, prefix: string) => {
    for (const key of ['delegatorBodyId', 'delegateBodyId'] as const) if (c[key] !== undefined) named.bodies.push([prefix + key, c[key]!]);
    if (c.powerIds?.length) named.powers = { prefix, ids: c.powerIds };
    if (c.sector !== undefined) named.sector = { field: `${prefix}sector`, value: c.sector };
  };
  const c = command as Command;
  switch (c.type) {
    case 'propose':
      content(c.data, '');
      break;
    case 'update-draft':
    case 'resubmit':
    case 'amend':
      content(c.data.changes ?? {}, 'changes.');
      break;
    case 'assign-reviewer':
      named.reviewer = c.data.reviewerId;
      break;
    case 'reassign':
      named.bodies.push(['toBodyId', c.data.toBodyId]);
      break;
    default:
      break;
  }
  return named;
}

/**
 * Checks that the bodies, powers, sector and reviewer a decision command names exist — in the caller's
 * province when it is given (a body or a reviewer of another province does not exist for them) —
 * before the domain sees the command: one query, or none for a command that names nothing. An
 * unknown one is refused with a 400 naming the field.
 *
 * Delegation's own: it knows the shapes of the decision commands (which field names a body, a power,
 * a reviewer) and reads the bodies, powers and users read models with SQL, as DecisionReferences does.
 * Kept in organisation, it made organisation depend on delegation's command types while delegation
 * depends on organisation (a cycle between the two contexts).
 */
@Injectable()
export class ReferenceData {
  constructor(@InjectDataSource() private readonly db: DataSource) {}

  async check(command: CommandInput, provinceId?: string): Promise<void> {
    const named = namedBy(command);
    const errors: FieldError[] = [];
    if (named.bodies.length || named.powers.ids.length || named.reviewer) {
      const rows: Array<{ kind: 'body' | 'power' | 'reviewer'; id: string; retired: boolean | null }> = await this.db.query(
        `SELECT 'body' AS kind, id, NULL::boolean AS retired FROM bodies WHERE id = ANY($1::text[]) AND ($4::text IS NULL OR province_id = $4)
         UNION ALL SELECT 'power', id, retired FROM powers WHERE id = ANY($2::text[])
         UNION ALL SELECT 'reviewer', u.id, NULL FROM users u JOIN bodies b ON b.id = u.body_id
                    WHERE u.id = $3 AND u.active AND u.role IN ('reviewer', 'reviewer-lead') AND ($4::text IS NULL OR b.province_id = $4)`,
        [named.bodies.map(([, id]) => id), named.powers.ids, named.reviewer ?? null, provinceId ?? null],
      );
      const found = (kind: string, id: string) => rows.find((r) => r.kind === kind && r.id === id);
      for (const [field, id] of named.bodies) if (!found('body', id)) errors.push(unknown(field, BODY, id));
      named.powers.ids.forEach((id, i) => {
        const field = `${named.powers.prefix}powerIds.${i}`;
        const power = found('power', id);
        if (!power) errors.push(unknown(field, POWER, id));
        // A power retired from the catalogue can no longer be decentralised or authorised.
        else if (power.retired) {
          errors.push({ field, constraint: 'notRetired', reason: { vi: `${field}: nhiệm vụ, quyền hạn "${id}" đã bị loại khỏi danh mục`, en: `${field}: power "${id}" has been retired from the catalogue` } });
        }
      });
      if (named.reviewer && !found('reviewer', named.reviewer)) errors.push(unknown('reviewerId', REVIEWER, named.reviewer));
    }
    if (named.sector && !SECTORS[named.sector.value]) {
      const { field, value } = named.sector;
      errors.push({
        field,
        constraint: 'isIn',
        reason: {
          vi: `${field}: lĩnh vực "${value}" không có; chọn một trong ${Object.keys(SECTORS).join(', ')}`,
          en: `${field}: unknown sector "${value}"; use one of ${Object.keys(SECTORS).join(', ')}`,
        },
      });
    }
    if (errors.length) throw problems.validation(errors);
  }
}
