// Accounts (issue 12, item 8): users hold roles, each scoped to an ICB, a place (sub-ICB) or every area;
// a permission is what a route or use case needs. The plan's workflow roles are the plan model's
// (PLAN_ROLES); accounts add `admin` (manages users, reads the audit log, imports data). Which workflow
// step a role may give stays the plan engine's (src/engines/plan/workflow.ts).
import { RequestError } from "./errors.ts";
import { PLAN_ROLES, type PlanRole } from "./plan.ts";

export const ACCOUNT_ROLES = {
  ...PLAN_ROLES,
  admin: "Administrator (manages users, reads the audit log, imports data; does not edit plans)",
} as const;
export type Role = keyof typeof ACCOUNT_ROLES;

export const isRole = (text: string): text is Role => Object.hasOwn(ACCOUNT_ROLES, text);
export const isPlanRole = (role: Role): role is PlanRole => role !== "admin";

/** Where a role applies: every area, one ICB (and its places), or one place. */
export type Scope = { kind: "all" } | { kind: "icb"; code: string } | { kind: "place"; code: string };

export interface RoleGrant {
  role: Role;
  scope: Scope;
}

export interface User {
  id: number;
  name: string;
  displayName: string;
  grants: RoleGrant[];
  createdAt: string;
}

/** The area a request acts on, when it acts on one (a plan's ICB, and its place for a place plan). */
export interface TargetArea {
  icb: string;
  place?: string | undefined;
}

export const PERMISSIONS = {
  read: "read the data, plans, scenarios and jobs",
  analyse: "run analyses that change nothing (a design, an allocation, a backtest not saved)",
  comment: "comment on a plan's sections",
  "plan.edit": "create and edit plans, record engagement, add organisations, refresh evidence",
  "plan.step": "give a workflow step (which step: the plan workflow's rule for the role)",
  "scenario.write": "save, import and delete scenarios",
  "data.import": "import datasets into the store",
  "audit.read": "read the audit log",
  "users.manage": "add, change and remove users",
} as const;
export type Permission = keyof typeof PERMISSIONS;

/** The user of a store served without login: one local person holding every role everywhere. */
export const LOCAL_USER: User = {
  id: 0,
  name: "local",
  displayName: "Local user",
  grants: (Object.keys(ACCOUNT_ROLES) as Role[]).map((role) => ({ role, scope: { kind: "all" } })),
  createdAt: "1970-01-01T00:00:00.000Z",
};

const CODE = /^[A-Za-z0-9]{2,12}$/;

/** `icb-planner:QNC`, `practice-manager:place:15E`, `viewer:icb:QNC`, `admin:*` → a grant. */
export function parseGrant(text: string, field = "role"): RoleGrant {
  const [role = "", ...rest] = text.trim().split(":");
  if (!isRole(role))
    throw new RequestError(
      `a role is one of ${Object.keys(ACCOUNT_ROLES).join(", ")} with a scope (e.g. icb-planner:QNC); found '${role}'`,
      { field },
    );
  const scopeText = rest.join(":");
  if (scopeText === "*" || scopeText === "all") return { role, scope: { kind: "all" } };
  const [first = "", second] = rest;
  const kind = second === undefined ? "icb" : first;
  const code = (second ?? first).toUpperCase();
  if ((kind !== "icb" && kind !== "place") || !CODE.test(code))
    throw new RequestError(
      `a role's scope is an ICB code (icb-planner:QNC), place:CODE (a sub-ICB location) or * (every area); found '${scopeText}' in '${text}'`,
      { field },
    );
  return { role, scope: { kind, code } };
}

export const grantText = (g: RoleGrant): string =>
  g.scope.kind === "all"
    ? `${g.role}:*`
    : g.scope.kind === "icb"
      ? `${g.role}:${g.scope.code}`
      : `${g.role}:place:${g.scope.code}`;

/** A user name: 2–64 letters, digits, dots, dashes, underscores or @. */
export function checkUserName(name: string, field = "name"): string {
  const n = name.trim();
  if (!/^[A-Za-z0-9][A-Za-z0-9._@-]{1,63}$/.test(n))
    throw new RequestError(
      `a user name is 2–64 letters, digits, '.', '_', '-' or '@', starting with a letter or digit; found '${name}'`,
      { field },
    );
  return n;
}

/** Login refused: unknown user, wrong password or expired session (HTTP 401; never says which). */
export class AuthenticationError extends RequestError {
  override name = "AuthenticationError";
  constructor(message = "the user name or password is not right") {
    super(message, { kind: "invalid", field: "password" });
  }
}
