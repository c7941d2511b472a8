/**
 * Which decisions a user may see: the scope the access policy (libs/identity) gives each user, as an
 * SQL condition for the read tables and as a check of a decision already loaded.
 */
export interface AccessScope {
  /** Every row a user sees belongs to this province (bodies.province_id; decisions by their delegator body). */
  provinceId: string;
  /** When set, only decisions whose proposer or delegate body is one of these (proposers: their own body). */
  bodyIds?: string[];
}

/**
 * The scope as an SQL condition on the decision_list row aliased `alias`, with the two parameters
 * named by the caller (`$2`/`$3` for raw queries, `:scopeProvince`/`:scopeBodies` for TypeORM).
 * Every query that returns decision data (list, one, history, deadlines, findings) goes through it.
 */
export function decisionScopeSql(alias: string, provinceParam: string, bodiesParam: string): string {
  return `(${alias}.province_id = ${provinceParam} AND (CAST(${bodiesParam} AS text[]) IS NULL
    OR ${alias}.proposer_body_id = ANY(CAST(${bodiesParam} AS text[])) OR ${alias}.delegate_body_id = ANY(CAST(${bodiesParam} AS text[]))))`;
}

/** The same condition as decisionScopeSql, on a decision already loaded (its province being its delegator body's). */
export function decisionInScope(scope: AccessScope, d: { provinceId: string | null; proposerBodyId: string; delegateBodyId: string }): boolean {
  if (d.provinceId !== scope.provinceId) return false;
  return !scope.bodyIds || scope.bodyIds.includes(d.proposerBodyId) || scope.bodyIds.includes(d.delegateBodyId);
}

export const decisionScopeParams = (scope: AccessScope): [string, string[] | null] => [scope.provinceId, scope.bodyIds ?? null];
