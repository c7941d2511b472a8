import { applyDecorators, createParamDecorator, SetMetadata, type ExecutionContext } from '@nestjs/common';
import { ApiForbiddenResponse } from '@nestjs/swagger';
import type { AccessScope, Permission } from '@app/identity';

export const PERMISSION = 'phancap:permission';

export interface PermissionRule {
  permission: Permission;
  /** The route parameter holding a decision id: AccessGuard answers 404 unless the decision is in the caller's scope. */
  decisionParam?: string;
  /**
   * The handler loads the decision anyway and checks the scope on what it loaded (404 outside it), so
   * the guard does not read it a second time (it still does, to name the stage, when it refuses).
   */
  scopeInHandler?: boolean;
}

/**
 * The permission a route needs (see ROLE_PERMISSIONS in access.policy.ts). With `{ decision: 'id' }`
 * the route acts on one decision: outside the caller's scope it does not exist (404, never 403).
 */
export const RequirePermission = (permission: Permission, options: { decision?: string; scopeInHandler?: boolean } = {}) =>
  applyDecorators(
    SetMetadata(PERMISSION, { permission, decisionParam: options.decision, scopeInHandler: options.scopeInHandler } satisfies PermissionRule),
    ApiForbiddenResponse({ description: `Cần quyền / needs permission \`${permission}\` (problem+json, role-not-allowed)` }),
  );

/** The caller's AccessScope, computed by AccessGuard (province, and for proposers their body). */
export const Scope = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): AccessScope => ctx.switchToHttp().getRequest().accessScope,
);
