import { listWorkflows, ROLES, type AccessScope, type CommandType, type Role } from '@app/delegation';

// Which decisions a scope sees is the delegation context's read side; the policy decides who gets which scope.
export { decisionInScope, decisionScopeParams, decisionScopeSql, type AccessScope } from '@app/delegation';

/**
 * THE access policy: which role holds which permission, and which data a user may see (scope).
 * Pure TypeScript, no framework: AccessGuard enforces it on every route, the list handlers apply its
 * scope as a query filter, and the tests read the same table.
 *
 * Decision commands are not listed by hand: `decisions:<command>` is held by exactly the roles the
 * workflow definitions (libs/delegation/src/workflows) allow to run that command in some stage. The
 * domain still refuses a role the decision's own workflow does not allow in its current stage.
 */

/** The roles a user account can have ('system' is the background worker, never a person). */
export const USER_ROLES = ROLES.filter((r): r is Exclude<Role, 'system'> => r !== 'system');
export type UserRole = (typeof USER_ROLES)[number];

/**
 * The roles of a province's staff, which its admins grant. The operator works above the provinces:
 * its accounts belong to a national body, so no province admin sees, changes or creates one.
 */
export const PROVINCE_ROLES = USER_ROLES.filter((r): r is Exclude<UserRole, 'operator'> => r !== 'operator');
export type ProvinceRole = (typeof PROVINCE_ROLES)[number];

export const STATIC_PERMISSIONS = [
  'decisions:read', // list, read (now and as of a past version), history (events), deadlines, findings
  'registry:read', // who holds a power on a date
  'reference:read', // bodies, powers, sectors, workflows
  'bodies:manage', // create, change, reorganise bodies and powers (organisation registry)
  'workflows:manage', // check workflow definitions (POST /api/v1/workflows/validate)
  'history:verify', // read any history and verify the event log's integrity (as the caller's province sees it)
  'log:verify', // see the whole log's verification unscoped: where it breaks, in any province (the national operator)
  'calendar:read',
  'calendar:manage', // load a year's official day-off schedule
  'notifications:own', // one's own inbox
  'auth:self', // who am I, change my own password
  'users:read',
  'users:manage', // create users, change role/body/e-mail/active, reset passwords
  'security:read', // failed logins
  'trail:read', // the auditors' own trail: who read history, compared, verified, exported (admins)
  'queues:manage', // the bull-board queue dashboard and its controls: every province's jobs (the national operator)
  'reports:read', // the province's consolidated reports and timeliness figures
  'reports:compile', // compile the quarterly consolidated report (Văn phòng UBND, Sở Nội vụ: Kế hoạch 7781/KH-UBND)
] as const;

export type CommandPermission = `decisions:${CommandType}`;
export type Permission = (typeof STATIC_PERMISSIONS)[number] | CommandPermission;

export const commandPermission = (command: CommandType): CommandPermission => `decisions:${command}`;

/** decisions:<command> → the roles any registered workflow lets run it (the union over stages and versions). */
function commandPermissions(): Map<CommandPermission, Set<Role>> {
  const out = new Map<CommandPermission, Set<Role>>();
  for (const w of listWorkflows()) {
    for (const t of w.transitions) {
      const p = commandPermission(t.command);
      if (!out.has(p)) out.set(p, new Set());
      for (const r of t.roles) out.get(p)!.add(r);
    }
  }
  return out;
}

const EVERYONE: Permission[] = ['decisions:read', 'registry:read', 'reference:read', 'calendar:read', 'notifications:own', 'auth:self'];

/** The hand-written part of the table: what each role holds besides the decision commands. */
const GRANTS: Record<UserRole, Permission[]> = {
  proposer: [...EVERYONE],
  reviewer: [...EVERYONE, 'reports:read'],
  // The Sở Nội vụ "theo dõi, đôn đốc" (Trà Vinh's plan): its lead compiles the consolidated report too.
  'reviewer-lead': [...EVERYONE, 'reports:read', 'reports:compile'],
  'legal-appraiser': [...EVERYONE],
  'council-office': [...EVERYONE, 'reports:read'],
  // The Văn phòng UBND consolidates "trước ngày 20 tháng cuối quý" (Kế hoạch 7781/KH-UBND).
  'committee-office': [...EVERYONE, 'reports:read', 'reports:compile'],
  // Thanh tra: reads everything (including history, users and integrity checks), changes nothing.
  auditor: [...EVERYONE, 'history:verify', 'users:read', 'reports:read'],
  // A province's admin: its users, bodies, calendar, security log. Not the queues: they hold every province's jobs.
  admin: [...EVERYONE, 'history:verify', 'users:read', 'users:manage', 'security:read', 'calendar:manage', 'bodies:manage', 'workflows:manage', 'trail:read', 'reports:read'],
  // The national operator: the queues (every province's jobs) and the whole log's integrity, no province's decisions.
  operator: ['reference:read', 'notifications:own', 'auth:self', 'history:verify', 'log:verify', 'queues:manage'],
};

/** role → permissions: GRANTS plus the decision commands the workflow definitions give the role. */
export const ROLE_PERMISSIONS: Readonly<Record<UserRole, ReadonlySet<Permission>>> = (() => {
  const commands = commandPermissions();
  return Object.fromEntries(
    USER_ROLES.map((role) => [
      role,
      new Set<Permission>([...GRANTS[role], ...[...commands].filter(([, roles]) => roles.has(role)).map(([p]) => p)]),
    ]),
  ) as unknown as Record<UserRole, ReadonlySet<Permission>>;
})();

export const ALL_PERMISSIONS: readonly Permission[] = [...STATIC_PERMISSIONS, ...commandPermissions().keys()];

export function can(role: string | undefined, permission: Permission): boolean {
  return !!role && (ROLE_PERMISSIONS as Record<string, ReadonlySet<Permission>>)[role]?.has(permission) === true;
}

/** The roles holding a permission, in the order of ROLES (used in 403 problems and tests). */
export function rolesWith(permission: Permission): UserRole[] {
  return USER_ROLES.filter((r) => ROLE_PERMISSIONS[r].has(permission));
}

/** Routes that declare no permission: reads need `reference:read` (everyone), writes need `bodies:manage` (admins). */
export const defaultPermission = (method: string): Permission =>
  ['GET', 'HEAD', 'OPTIONS'].includes(method.toUpperCase()) ? 'reference:read' : 'bodies:manage';

// ---------------------------------------------------------------------------------------------
// Scope: which data a user may see. One province per user (the province of the user's body);
// proposers further see only the decisions their body proposed or is the delegate of.
// ---------------------------------------------------------------------------------------------

export interface ScopedUser {
  userId: string;
  role: string;
  bodyId: string;
  provinceId: string;
}

export function scopeOf(user: ScopedUser): AccessScope {
  return user.role === 'proposer' ? { provinceId: user.provinceId, bodyIds: [user.bodyId] } : { provinceId: user.provinceId };
}

/** Whether `actor` may set a new password for `targetUserId`: their own (with the current one), or anyone's as a user manager. */
export function passwordChangeRule(actor: { userId: string; role: string }, targetUserId: string): 'self' | 'manager' | 'denied' {
  if (actor.userId === targetUserId) return 'self';
  return can(actor.role, 'users:manage') ? 'manager' : 'denied';
}
