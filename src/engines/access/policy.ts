// Who may do what, where (issue 12, item 8): role × permission × area → allowed. Pure: the API asks it for
// every request (src/api/route-access.ts names each route's permission), the use cases for user changes.
// Which workflow step a role may give is not decided here but by the plan workflow (STEP_RULES); here a
// role either may give steps (plan.step) or may not.
import type { Permission, Role, RoleGrant, Scope, TargetArea } from "../../model/accounts.ts";

const READER: readonly Permission[] = ["read", "analyse", "comment"];

/** What each role may do. */
export const ROLE_PERMISSIONS: Readonly<Record<Role, readonly Permission[]>> = {
  "icb-planner": [...READER, "plan.edit", "plan.step", "scenario.write", "data.import", "audit.read"],
  "lmc-officer": [...READER, "plan.step"],
  "pcn-clinical-director": [...READER, "plan.step"],
  "hwb-chair": [...READER, "plan.step"],
  "icb-board": [...READER, "plan.step"],
  "practice-manager": READER,
  viewer: READER,
  admin: ["read", "users.manage", "audit.read", "data.import"],
};

/**
 * Whether a scope covers an area: every area; an ICB covers itself and its places; a place covers only
 * itself (a place's practice manager does not act on the ICB-wide plan). With no area (the request acts on
 * open data or the whole store, not one plan), any scope covers it.
 */
export function covers(scope: Scope, target: TargetArea | null): boolean {
  if (target === null || scope.kind === "all") return true;
  if (scope.kind === "icb") return scope.code === target.icb;
  return target.place !== undefined && scope.code === target.place;
}

/** The roles among `grants` that give `permission` over `target`, in the order granted. */
export function rolesFor(
  grants: readonly RoleGrant[],
  permission: Permission,
  target: TargetArea | null,
): Role[] {
  const roles: Role[] = [];
  for (const g of grants)
    if (ROLE_PERMISSIONS[g.role].includes(permission) && covers(g.scope, target) && !roles.includes(g.role))
      roles.push(g.role);
  return roles;
}

export const allows = (
  grants: readonly RoleGrant[],
  permission: Permission,
  target: TargetArea | null,
): boolean => rolesFor(grants, permission, target).length > 0;

/** Whether `grants` hold `role` over `target` (a role named in a request must be the user's own). */
export const holds = (grants: readonly RoleGrant[], role: Role, target: TargetArea | null): boolean =>
  grants.some((g) => g.role === role && covers(g.scope, target));
