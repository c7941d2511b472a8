import type { DecisionKind } from '@app/delegation';
import type { AccountabilityRule, BodyInfo, CheckContext, Finding } from '../domain/types.js';
import { finding, isSubmitted, LEVEL_RANK } from '../domain/support.js';

type Level = BodyInfo['level'];
type BodyType = BodyInfo['type'];
/** A body by type and level, e.g. "ubnd@province". */
export type BodyKind = `${BodyType}@${Level}`;

/** Cơ quan chuyên môn (and the like) under a People's Committee of a level. */
const agencies = (level: Level): BodyKind[] =>
  level === 'province' ? ['so@province', 'office@province', 'inspectorate@province'] : [`phong@${level}`, `office@${level}`, `inspectorate@${level}`];
const lower = (level: Level): Level[] => (['province', 'district', 'commune'] as const).filter((l) => LEVEL_RANK[l] > LEVEL_RANK[level]);

/**
 * Who may delegate to whom, by body type and level. Bodies are data with a history, so the table speaks of
 * kinds of body, not of bodies. District rows are kept for delegations made before 1/7/2025.
 *
 * Phân cấp, Luật 72/2025/QH15 Điều 13 khoản 1: UBND, Chủ tịch UBND cấp tỉnh phân cấp cho cơ quan chuyên môn,
 * tổ chức hành chính khác thuộc UBND cấp tỉnh, UBND, Chủ tịch UBND cấp xã, đơn vị sự nghiệp công lập thuộc
 * phạm vi quản lý. The HĐND rows (to the UBND of the same level and to the lower level) and the commune rows
 * (to the commune's own agencies and public service units) are our reading and should be confirmed against
 * the text. (Before 7/2025, Luật 77/2015/QH13 Điều 13 as amended: to the lower local government and lower
 * state bodies.)
 * Ủy quyền, Điều 14 khoản 1: UBND ủy quyền cho Chủ tịch UBND cùng cấp, cơ quan chuyên môn, tổ chức hành chính
 * khác, đơn vị sự nghiệp công lập thuộc UBND, UBND cấp dưới; Chủ tịch UBND ủy quyền cho người đứng đầu cơ quan
 * chuyên môn, đơn vị sự nghiệp công lập thuộc UBND, Chủ tịch UBND cấp dưới; HĐND → UBND cùng cấp (our reading).
 */
export const PERMITTED_PAIRS: Record<DecisionKind, Partial<Record<BodyKind, BodyKind[]>>> = {
  'phan-cap': {
    'hdnd@province': ['ubnd@province', 'hdnd@commune', 'ubnd@commune', 'hdnd@district', 'ubnd@district'],
    'hdnd@district': ['ubnd@district', 'hdnd@commune', 'ubnd@commune'],
    'hdnd@commune': ['ubnd@commune'],
    'ubnd@province': [...agencies('province'), 'public-service-unit@province', 'ubnd@commune', 'chairman@commune', 'ubnd@district', 'chairman@district'],
    'chairman@province': [...agencies('province'), 'public-service-unit@province', 'ubnd@commune', 'chairman@commune', 'ubnd@district', 'chairman@district'],
    'ubnd@district': [...agencies('district'), 'public-service-unit@district', 'ubnd@commune', 'chairman@commune'],
    'chairman@district': [...agencies('district'), 'public-service-unit@district', 'ubnd@commune', 'chairman@commune'],
    'ubnd@commune': [...agencies('commune'), 'public-service-unit@commune'],
    'chairman@commune': [...agencies('commune'), 'public-service-unit@commune'],
  },
  'uy-quyen': Object.fromEntries(
    (['province', 'district', 'commune'] as const).flatMap((level): Array<[BodyKind, BodyKind[]]> => [
      [`hdnd@${level}`, [`ubnd@${level}`]],
      [
        `ubnd@${level}`,
        [`chairman@${level}`, ...agencies(level), `public-service-unit@${level}`, ...lower(level).map((l): BodyKind => `ubnd@${l}`)],
      ],
      [
        `chairman@${level}`,
        [...agencies(level), `public-service-unit@${level}`, ...lower(level).map((l): BodyKind => `chairman@${l}`)],
      ],
    ]),
  ),
};

export const bodyKind = (b: BodyInfo): BodyKind => `${b.type}@${b.level}`;

/**
 * The delegator → delegate pair is one the law permits (never the same body, never upwards, never to
 * another province), and no power the catalogue marks as not delegable is delegated.
 */
export const PERMITTED_PAIR_AND_DELEGABLE: AccountabilityRule = {
  id: 'permitted-pair-and-delegable',
  version: 1,
  source: 'Luật Tổ chức chính quyền địa phương số 72/2025/QH15, Điều 13 khoản 1 (phân cấp) và Điều 14 khoản 1 (ủy quyền)',
  message: {
    vi: 'Chủ thể phân cấp, ủy quyền và chủ thể nhận phải thuộc trường hợp luật cho phép; không được giao nhiệm vụ, quyền hạn không được phân cấp, ủy quyền.',
    en: 'The delegator and delegate must be a pair the law permits, and non-delegable powers must not be delegated.',
  },
  appliesTo: isSubmitted,
  evaluate(ctx: CheckContext): Finding[] {
    const d = ctx.decision;
    const out: Finding[] = [];
    const from = ctx.bodies[d.content.delegatorBodyId];
    const to = ctx.bodies[d.content.delegateBodyId];
    const pairFinding = (reason: string, vi: string, en: string) =>
      finding(
        PERMITTED_PAIR_AND_DELEGABLE,
        'pair',
        'violation',
        { reason, kind: d.kind, delegator: from ? bodyKind(from) : d.content.delegatorBodyId, delegate: to ? bodyKind(to) : d.content.delegateBodyId },
        { vi, en },
      );
    if (d.content.delegatorBodyId === d.content.delegateBodyId) {
      out.push(pairFinding('same-body', 'Cơ quan không thể tự phân cấp, ủy quyền cho chính mình.', 'A body cannot delegate to itself.'));
    } else if (!from || !to) {
      out.push(
        finding(
          PERMITTED_PAIR_AND_DELEGABLE,
          'pair-unknown',
          'warning',
          { missing: [d.content.delegatorBodyId, d.content.delegateBodyId].filter((id) => !ctx.bodies[id]) },
          {
            vi: 'Không tìm thấy cơ quan trong danh mục tổ chức; chưa kiểm tra được thẩm quyền phân cấp, ủy quyền.',
            en: 'A body is missing from the organisation registry; the pair could not be checked.',
          },
        ),
      );
    } else if (LEVEL_RANK[to.level] < LEVEL_RANK[from.level]) {
      out.push(pairFinding('upwards', 'Không được phân cấp, ủy quyền cho cơ quan cấp trên.', 'Powers are never delegated upwards.'));
    } else if (from.provinceId !== to.provinceId) {
      out.push(pairFinding('other-province', 'Không được phân cấp, ủy quyền cho cơ quan của tỉnh khác.', 'Powers are not delegated to a body of another province.'));
    } else if (!(PERMITTED_PAIRS[d.kind][bodyKind(from)] ?? []).includes(bodyKind(to))) {
      const what = d.kind === 'phan-cap' ? { vi: 'phân cấp', en: 'decentralise' } : { vi: 'ủy quyền', en: 'authorise' };
      out.push(
        pairFinding(
          'not-permitted',
          `Luật không cho phép ${from.nameVi} ${what.vi} cho ${to.nameVi}.`,
          `The law does not let ${from.nameVi} ${what.en} to ${to.nameVi} (${bodyKind(from)} → ${bodyKind(to)}).`,
        ),
      );
    }
    for (const powerId of [...new Set(d.content.powerIds)].sort()) {
      const power = ctx.powers[powerId];
      if (power?.delegable !== false) continue;
      out.push(
        finding(
          PERMITTED_PAIR_AND_DELEGABLE,
          `non-delegable:${powerId}`,
          'violation',
          { powerId, legalSource: power.legalSource },
          {
            vi: `Nhiệm vụ, quyền hạn "${power.titleVi}" không được phân cấp, ủy quyền (${power.legalSource}).`,
            en: `The power "${power.titleVi}" may not be delegated (${power.legalSource}).`,
          },
        ),
      );
    }
    return out;
  },
};
