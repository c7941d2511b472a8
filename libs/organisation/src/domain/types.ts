/** Shared value types of the organisation domain (bodies with a history). Plain TypeScript. */

/** Administrative level. Data, not a fixed map: the district level ceased on 1 July 2025. */
export type BodyLevel = 'province' | 'district' | 'commune';
export const BODY_LEVELS: readonly BodyLevel[] = ['province', 'district', 'commune'];

export type BodyType = 'ubnd' | 'hdnd' | 'so' | 'phong' | 'office' | 'inspectorate';
export const BODY_TYPES: readonly BodyType[] = ['ubnd', 'hdnd', 'so', 'phong', 'office', 'inspectorate'];

export type BodyStatus = 'active' | 'merged' | 'abolished';

/** A calendar date, `YYYY-MM-DD`. */
export type IsoDate = string;

/** The kernel's bilingual text, re-exported: body names and refusals carry one. */
export type { Text } from '@app/kernel';

/** What a body is on a given day. */
export interface BodyAttributes {
  bodyId: string;
  nameVi: string;
  nameEn: string;
  level: BodyLevel;
  type: BodyType;
  parentId: string | null;
  provinceId: string;
  territory: string | null;
}

/**
 * One row of a body's history: its attributes over [validFrom, validTo) (validTo exclusive, null =
 * open-ended). The last row of a merged or abolished body has that status and runs from the end date.
 */
export interface BodyVersion extends BodyAttributes {
  validFrom: IsoDate;
  validTo: IsoDate | null;
  status: BodyStatus;
  successorId: string | null;
}
