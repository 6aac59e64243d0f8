// Sessions, access and the audit of changes on the HTTP API (issue 12, item 8).
//
// Two modes. Without login (the embedded store, unless `serve --auth`): every request acts as the one
// local user, who holds every role everywhere. With login (PostgreSQL, or `serve --auth`): every route but
// the public ones needs a session cookie from POST /api/session; the cookie is HttpOnly, SameSite=Strict
// and Secure (named `__Host-icsplan_session`) unless the server is reached over plain http on localhost;
// every unsafe request (POST, PUT, PATCH, DELETE) must carry the session's CSRF token in X-CSRF-Token.
// In both modes an unsafe request whose Origin is another site is refused.
//
// Every route has an entry in ROUTE_ACCESS (route-access.ts): the permission it needs, checked against
// the user's roles over the area the request acts on (src/engines/access/policy.ts); the change it makes
// is appended to the audit log with the state of its target before and after.
import { createRoute, z, type OpenAPIHono } from "@hono/zod-openapi";
import type { Context, MiddlewareHandler } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";
import { matchedRoutes } from "hono/route";
import { requestArea, planArea } from "../app/access.ts";
import {
  LoginRateLimitedError,
  login,
  logout,
  publicUser,
  sameSecret,
  SESSION_HOURS,
  sessionOf,
} from "../app/accounts.ts";
import { auditLog, recordChange } from "../app/audit.ts";
import { allows, holds, rolesFor } from "../engines/access/policy.ts";
import {
  AuthenticationError,
  grantText,
  isPlanRole,
  isRole,
  LOCAL_USER,
  PERMISSIONS,
  type Permission,
  type TargetArea,
  type User,
} from "../model/accounts.ts";
import { PlanForbiddenError, type PlanRole } from "../model/plan.ts";
import { RequestError } from "../model/errors.ts";
import type { Store } from "../store/store.ts";
import type { JobRegistry } from "./jobs.ts";
import { ROUTE_ACCESS, type RouteRequest } from "./route-access.ts";
import { Problem } from "./schemas.ts";

export interface AuthOptions {
  /** Login required (several users); else the one local user. */
  login: boolean;
  /** The clock (tests move it past a session's expiry). */
  now?: () => Date;
}

/** What the middleware learnt of a request: who, in which mode, on which area. */
export interface Access {
  user: User | null;
  login: boolean;
  area: TargetArea | null;
  csrfToken: string | null;
  /** When the session ends (null without login). */
  expiresAt?: string | null;
  route: string | null;
}

const ACCESS = "icsplanAccess";
const LOCAL_ACCESS: Access = { user: LOCAL_USER, login: false, area: null, csrfToken: null, route: null };

export const accessOf = (c: Context): Access =>
  (c.get(ACCESS as never) as Access | undefined) ?? LOCAL_ACCESS;

const SECURE_COOKIE = "__Host-icsplan_session";
const PLAIN_COOKIE = "icsplan_session";

const refuse = (
  c: Context,
  status: 401 | 403 | 409 | 429,
  title: string,
  detail: string,
  field?: string,
  headers: Record<string, string> = {},
) =>
  c.body(
    JSON.stringify({
      type: `https://icsplan.org/problems/${status}`,
      title,
      status,
      detail,
      ...(field === undefined ? {} : { field }),
    }),
    status,
    { "content-type": "application/problem+json", ...headers },
  );

const UNSAFE = new Set(["POST", "PUT", "PATCH", "DELETE"]);

/** `METHOD /path/{param}` of the route that answers the request, or null when none does (404). */
export function routeKeyOf(c: Context): string | null {
  const method = c.req.method === "HEAD" ? "GET" : c.req.method;
  const route = matchedRoutes(c).find((r) => r.method === method);
  return route ? `${method} ${route.path.replace(/:(\w+)/g, "{$1}")}` : null;
}

function paramsOf(key: string, path: string): Record<string, string> {
  const pattern = key.slice(key.indexOf(" ") + 1);
  const names: string[] = [];
  const source = pattern
    .split(/(\{\w+\})/)
    .map((part) => {
      const m = /^\{(\w+)\}$/.exec(part);
      if (m) {
        names.push(m[1]!);
        return "([^/]+)";
      }
      return part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    })
    .join("");
  const found = new RegExp(`^${source}$`).exec(path);
  const params: Record<string, string> = {};
  names.forEach((n, i) => {
    const v = found?.[i + 1];
    if (v !== undefined) params[n] = decodeURIComponent(v);
  });
  return params;
}

/** Plain http to this machine only: there a Secure cookie would never come back. */
const plainLocal = (c: Context) => {
  const url = new URL(c.req.url);
  return url.protocol === "http:" && ["localhost", "127.0.0.1", "[::1]"].includes(url.hostname);
};

/** An unsafe request from a page of another site (a browser names it in Origin) is refused. */
function crossSite(c: Context): boolean {
  const origin = c.req.header("origin");
  if (origin === undefined || origin === "null") return origin === "null";
  try {
    return new URL(origin).host !== (c.req.header("host") ?? new URL(c.req.url).host);
  } catch {
    return true;
  }
}

const addressOf = (c: Context): string =>
  (c.env as { incoming?: { socket?: { remoteAddress?: string } } } | undefined)?.incoming?.socket
    ?.remoteAddress ?? "local";

const areaText = (a: TargetArea) => (a.place ? `place ${a.place} (ICB ${a.icb})` : `ICB ${a.icb}`);

async function jsonBodyOf(c: Context): Promise<Record<string, unknown> | undefined> {
  if (!(c.req.header("content-type") ?? "").includes("json")) return undefined;
  try {
    const body: unknown = await c.req.json();
    return typeof body === "object" && body !== null && !Array.isArray(body)
      ? (body as Record<string, unknown>)
      : undefined;
  } catch {
    return undefined;
  }
}

const optionalText = (v: unknown) => (typeof v === "string" && v.trim() !== "" ? v : undefined);

/** The middleware of every /api/ request: who, may they, and the audit of what they change. */
export function accessMiddleware(
  store: Store,
  options: AuthOptions & { jobs: JobRegistry; onError?: ((error: unknown) => void) | undefined },
): MiddlewareHandler {
  const now = options.now ?? (() => new Date());
  return async (c, next) => {
    const key = routeKeyOf(c);
    const entry = key === null ? undefined : ROUTE_ACCESS[key];
    const unsafe = UNSAFE.has(c.req.method);
    if (unsafe && crossSite(c))
      return refuse(
        c,
        403,
        "Forbidden",
        "a request from a page of another site is refused (Origin)",
        "Origin",
      );
    const access: Access = { user: null, login: options.login, area: null, csrfToken: null, route: key };
    if (!options.login) access.user = LOCAL_USER;
    else {
      const token = getCookie(c, SECURE_COOKIE) ?? getCookie(c, PLAIN_COOKIE);
      const session = token ? await sessionOf(store, token, now()) : null;
      if (session) {
        access.user = session.user;
        access.csrfToken = session.csrfToken;
        access.expiresAt = session.expiresAt;
      }
    }
    c.set(ACCESS as never, access as never);
    if (key === null) return next();
    if (!entry) {
      // A route without an access rule is refused when users sign in (the matrix test names it).
      if (options.login) return refuse(c, 403, "Forbidden", `${key} has no access rule (route-access.ts)`);
      return next();
    }
    if (entry.needs === "public") return next();
    const user = access.user;
    if (!user)
      return refuse(
        c,
        401,
        "Sign in first",
        "this server requires login: POST /api/session with your name and password",
        undefined,
        { "www-authenticate": 'Cookie realm="icsplan"' },
      );
    if (options.login && unsafe && !sameSecret(c.req.header("x-csrf-token") ?? "", access.csrfToken ?? ""))
      return refuse(
        c,
        403,
        "Forbidden",
        "a change needs the session's CSRF token in the X-CSRF-Token header (GET /api/session gives it)",
        "X-CSRF-Token",
      );
    if (entry.needs === "session") return next();
    const body = unsafe ? await jsonBodyOf(c) : undefined;
    const request: RouteRequest = { params: paramsOf(key, c.req.path), body };
    if (entry.area === "plan" && request.params.name !== undefined)
      access.area = await planArea(store, request.params.name);
    else if (entry.area === "body" && body)
      access.area = await requestArea(store, {
        icb: optionalText(body.icb),
        subIcb: optionalText(body.subIcb),
        synthetic: body.demo === true,
      });
    const needs: Permission[] = [entry.needs];
    if (entry.saving && body?.save !== undefined && body.save !== null) needs.push(entry.saving);
    for (const permission of needs)
      if (!allows(user.grants, permission, access.area))
        return refuse(
          c,
          403,
          "Forbidden",
          `${key} needs '${permission}' (${PERMISSIONS[permission]})${access.area ? ` for ${areaText(access.area)}` : ""}; ${user.name} holds ${user.grants.map(grantText).join(", ") || "no role"}`,
          "role",
        );
    const spec = entry.audit;
    if (!spec || !unsafe) return next();

    const before0 = spec.fromAnswer ? null : spec.target(request);
    if (!spec.fromAnswer && before0 === null) return next();
    const before = before0 !== null && spec.state ? await spec.state(store, before0) : null;
    await next();
    const res = c.res;
    if (res.status < 200 || res.status >= 300) return;
    const answer: unknown = (res.headers.get("content-type") ?? "").includes("json")
      ? await res
          .clone()
          .json()
          .catch(() => undefined)
      : undefined;
    const target = spec.fromAnswer ? spec.target(request, answer) : before0;
    if (target === null) return;
    const actor = { name: user.name, route: key };
    const record = async () => {
      const after = spec.state ? await spec.state(store, target) : (answer ?? null);
      return { actor, action: spec.action, target, before, after };
    };
    if (spec.job) {
      const id = (answer as { id?: unknown } | undefined)?.id;
      if (typeof id !== "string") return;
      // The job makes the change when it ends: the after-state (and the job's end) is recorded then.
      const stop = options.jobs.listen(id, (m) => {
        if (m.type !== "end") return;
        stop?.();
        record()
          .then((entry) =>
            recordChange(store, {
              ...entry,
              after: { job: { id, status: m.job.status }, ...(entry.after as object | null) },
            }),
          )
          .catch((error: unknown) => options.onError?.(error));
      });
      return;
    }
    await recordChange(store, await record());
  };
}

/**
 * The role a plan request acts in. Without login: the role and name the body gives (both required). With
 * login: the name is the user's; a role the body names must be one the user holds over the plan's area
 * (else 403, nothing changes); with none named, the first of `preferred` the user holds, else their first
 * workflow role there.
 */
export function actingAs(
  c: Context,
  given: { by?: string | undefined; role?: string | undefined },
  preferred: readonly PlanRole[] = [],
  permission: Permission = "comment",
): { by: string; role: string } {
  const access = accessOf(c);
  if (!access.login) {
    if (given.role === undefined)
      throw new RequestError("give the role you act in (e.g. icb-planner)", { field: "role" });
    if (given.by === undefined) throw new RequestError("give your name in 'by'", { field: "by" });
    return { by: given.by, role: given.role };
  }
  const user = access.user!;
  const held = rolesFor(user.grants, permission, access.area).filter(isPlanRole);
  if (given.role !== undefined) {
    if (!isRole(given.role) || !holds(user.grants, given.role, access.area))
      throw new PlanForbiddenError(
        `${user.name} does not hold the role '${given.role}'${access.area ? ` for ${areaText(access.area)}` : ""}; holds ${user.grants.map(grantText).join(", ")}`,
      );
    return { by: user.displayName, role: given.role };
  }
  const role = preferred.find((r) => held.includes(r)) ?? held[0];
  if (role === undefined)
    throw new PlanForbiddenError(`${user.name} holds no workflow role for this plan's area`);
  return { by: user.displayName, role };
}

/** With login, the plans of areas the user may read (a plan of another ICB is not listed). */
export async function readablePlans<T extends { name: string }>(
  c: Context,
  store: Store,
  plans: T[],
): Promise<T[]> {
  const access = accessOf(c);
  if (!access.login || !access.user) return plans;
  const user = access.user;
  const shown: T[] = [];
  for (const p of plans) if (allows(user.grants, "read", await planArea(store, p.name))) shown.push(p);
  return shown;
}

const Session = z
  .object({
    mode: z.enum(["local", "login"]),
    user: z
      .object({
        name: z.string(),
        displayName: z.string(),
        roles: z.array(z.string()),
      })
      .passthrough()
      .nullable(),
    csrfToken: z.string().nullable(),
    expiresAt: z.string().nullable(),
  })
  .openapi("Session");

const problemOf = (description: string) => ({
  content: { "application/problem+json": { schema: Problem } },
  description,
});

/** POST/GET/DELETE /api/session and GET /api/audit. */
export function registerAuthRoutes(api: OpenAPIHono, store: Store, options: AuthOptions): void {
  const now = options.now ?? (() => new Date());
  const mode = options.login ? ("login" as const) : ("local" as const);
  const tags = ["session"];

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/session",
      summary: "Who is signed in (the local user without login), and the CSRF token for changes",
      tags,
      responses: {
        200: { content: { "application/json": { schema: Session } }, description: "The session" },
      },
    }),
    (c) => {
      const a = accessOf(c);
      return c.json(
        {
          mode,
          user: a.user ? publicUser(a.user) : null,
          csrfToken: a.csrfToken,
          expiresAt: a.expiresAt ?? null,
        },
        200,
      );
    },
  );

  api.openapi(
    createRoute({
      method: "post",
      path: "/api/session",
      summary: "Sign in with a name and password: sets the session cookie, answers the CSRF token",
      tags,
      request: {
        body: {
          content: {
            "application/json": {
              schema: z.object({ name: z.string().min(1).max(200), password: z.string().min(1).max(2000) }),
            },
          },
          required: true,
        },
      },
      responses: {
        200: { content: { "application/json": { schema: Session } }, description: "Signed in" },
        401: problemOf("The name or password is not right"),
        409: problemOf("This server runs without login"),
        429: problemOf("Too many failed logins: wait Retry-After seconds"),
      },
    }),
    async (c) => {
      if (!options.login)
        return refuse(
          c,
          409,
          "No login here",
          "this server runs without login (one local user); serve with --auth or PostgreSQL for users",
        ) as never;
      const b = c.req.valid("json");
      try {
        const s = await login(store, {
          name: b.name,
          password: b.password,
          address: addressOf(c),
          now: now(),
        });
        const secure = !plainLocal(c);
        setCookie(c, secure ? SECURE_COOKIE : PLAIN_COOKIE, s.token, {
          httpOnly: true,
          sameSite: "Strict",
          secure,
          path: "/",
          maxAge: SESSION_HOURS * 3600,
        });
        return c.json(
          { mode, user: publicUser(s.user), csrfToken: s.csrfToken, expiresAt: s.expiresAt },
          200,
        );
      } catch (error) {
        if (error instanceof LoginRateLimitedError)
          return refuse(c, 429, "Too many failed logins", error.message, "name", {
            "retry-after": String(error.retryAfterSeconds),
          }) as never;
        if (error instanceof AuthenticationError)
          return refuse(c, 401, "Sign in failed", error.message, "password") as never;
        throw error;
      }
    },
  );

  api.openapi(
    createRoute({
      method: "delete",
      path: "/api/session",
      summary: "Sign out: the session ends and its cookie is cleared",
      tags,
      responses: { 204: { description: "Signed out" }, 401: problemOf("Not signed in") },
    }),
    async (c) => {
      const token = getCookie(c, SECURE_COOKIE) ?? getCookie(c, PLAIN_COOKIE);
      if (token) await logout(store, token);
      const secure = !plainLocal(c);
      deleteCookie(c, secure ? SECURE_COOKIE : PLAIN_COOKIE, { path: "/", secure });
      return c.body(null, 204);
    },
  );

  api.openapi(
    createRoute({
      method: "get",
      path: "/api/audit",
      summary: "The audit log, newest first: who changed what, when, with the state before and after",
      tags,
      request: {
        query: z.object({
          actor: z.string().optional(),
          action: z.string().optional(),
          target: z.string().optional().openapi({ description: "plan:QNC, or a prefix such as plan:" }),
          before: z.coerce
            .number()
            .int()
            .positive()
            .optional()
            .openapi({ description: "rows older than this id" }),
          limit: z.coerce.number().int().min(1).max(1000).optional(),
        }),
      },
      responses: {
        200: {
          content: { "application/json": { schema: z.array(z.record(z.string(), z.unknown())) } },
          description: "Audit rows",
        },
      },
    }),
    async (c) => c.json((await auditLog(store, c.req.valid("query"))) as never, 200),
  );
}
