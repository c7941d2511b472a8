import { Injectable, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import type { AuthenticatedUser } from '../auth/public.decorator.js';
import { IS_PUBLIC } from '../auth/public.decorator.js';
import { ProblemException, problems } from '@app/kernel';
import { can, defaultPermission, rolesWith, scopeOf, type Permission } from '@app/identity';
import { DecisionInScope } from '@app/delegation';
import { PERMISSION, type PermissionRule } from './permission.decorator.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

const noDecision = (id: string) => problems.notFound({ vi: `Không có hồ sơ quyết định ${id}.`, en: `No decision ${id}.` });

/** 403 in the shape the domain's own role refusal has (type role-not-allowed, allowedRoles). */
function denied(role: string, permission: Permission, decision?: { stage: string }): ProblemException {
  const allowedRoles = rolesWith(permission);
  const command = permission.startsWith('decisions:') && permission !== 'decisions:read' ? permission.slice('decisions:'.length) : undefined;
  return new ProblemException(
    403,
    'role-not-allowed',
    { vi: 'Vai trò không được phép', en: 'Role not allowed' },
    command
      ? {
          vi: `Vai trò "${role}" không được "${command}"${decision ? ` ở bước "${decision.stage}"` : ''}; vai trò được phép: ${allowedRoles.join(', ')}.`,
          en: `Role "${role}" may not "${command}"${decision ? ` in stage "${decision.stage}"` : ''}; allowed roles: ${allowedRoles.join(', ')}.`,
        }
      : {
          vi: `Vai trò "${role}" không có quyền "${permission}"; vai trò được phép: ${allowedRoles.join(', ') || '—'}.`,
          en: `Role "${role}" lacks permission "${permission}"; allowed roles: ${allowedRoles.join(', ') || '—'}.`,
        },
    { permission, role, allowedRoles, ...(command ? { command } : {}), ...(decision ? { stage: decision.stage } : {}) },
  );
}

/**
 * Authorisation, in one place. Runs after AuthGuard on every route:
 *  1. the route's permission (@RequirePermission, else the method's default) must be held by the
 *     caller's role (ROLE_PERMISSIONS, derived from the workflow definitions for decision commands);
 *  2. a route on one decision finds it only inside the caller's scope (else 404, so existence never leaks);
 * (The bodies and reviewers a decision command names are checked, within the caller's province, by the
 * command handler with the rest of the reference data: libs/delegation/src/application/reference-data.ts.)
 * It leaves `req.accessScope` for the handlers, which filter their queries with it.
 */
@Injectable()
export class AccessGuard implements CanActivate {
  constructor(
    private readonly reflector: Reflector,
    private readonly decisions: DecisionInScope,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    if (context.getType() !== 'http') return true;
    if (this.reflector.getAllAndOverride<boolean>(IS_PUBLIC, [context.getHandler(), context.getClass()])) return true;
    const req = context.switchToHttp().getRequest();
    const user: AuthenticatedUser | undefined = req.user;
    if (!user) throw problems.unauthorized({ vi: 'Chưa đăng nhập.', en: 'Not logged in.' });
    const rule: PermissionRule = this.reflector.getAllAndOverride<PermissionRule>(PERMISSION, [context.getHandler(), context.getClass()])
      ?? { permission: defaultPermission(req.method) };
    const scope = scopeOf(user);
    req.accessScope = scope;

    const allowed = can(user.role, rule.permission);
    if (rule.decisionParam && (!rule.scopeInHandler || !allowed)) {
      const id = String(req.params?.[rule.decisionParam] ?? '');
      if (!UUID.test(id)) throw noDecision(id);
      const decision = await this.decisions.stageOf(id.toLowerCase(), scope);
      if (!decision) throw noDecision(id);
      if (!allowed) throw denied(user.role, rule.permission, decision);
    }
    if (!allowed) throw denied(user.role, rule.permission);
    return true;
  }
}
