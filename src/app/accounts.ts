// Use cases of accounts (issue 12, item 8): users with role grants, passwords, login with a rate limit,
// sessions and logout. The CLI (`icsplan users …`) and the API (/api/session) are thin over these.
//
// Passwords are hashed with scrypt (node:crypto), a memory-hard function: N = 2^17, r = 8, p = 1, a 16-byte
// random salt and a 32-byte key; the parameters OWASP's Password Storage Cheat Sheet gives as scrypt's
// minimum. Each hash needs 128 × N × r = 128 MiB and about 0.2–0.4 s of one core, which makes guessing
// with GPUs or ASICs costly; the stored form names its parameters (`scrypt$17$8$1$salt$key`) so they can
// be raised later without breaking existing hashes. Comparison is constant-time (timingSafeEqual), and
// an unknown user name costs the same hash as a known one. ICSPLAN_SCRYPT_LOG2N (14–20) sets N for new
// hashes: the test suite lowers it to 14 (16 MiB, an eighth of the CPU), a deployment may raise it; a
// value outside the range is ignored. Verification always uses the parameters stored with the hash.
//
// Sessions: a random 32-byte token (base64url) in the cookie; only its SHA-256 is stored, so a copy of
// the database opens no session. Each session has its own random CSRF token (sent in X-CSRF-Token on every
// unsafe request) and expires SESSION_HOURS after login. Logins are limited to LOGIN_FAILURES failures per
// user name and address in LOGIN_WINDOW_MINUTES; the next is refused before any hash is computed.
import { createHash, randomBytes, scrypt, timingSafeEqual } from "node:crypto";
import {
  AuthenticationError,
  checkUserName,
  grantText,
  LOCAL_USER,
  parseGrant,
  type RoleGrant,
  type User,
} from "../model/accounts.ts";
import { RequestError } from "../model/errors.ts";
import {
  clearLoginFailures,
  countUsers,
  deleteExpiredSessions,
  deleteSession,
  deleteSessionsOf,
  deleteUser,
  findSession,
  findUser,
  insertSession,
  insertUser,
  listUsers,
  loginFailuresSince,
  recordLoginFailure,
  updateUser,
  type StoredUser,
} from "../store/repositories/accounts.ts";
import type { Store } from "../store/store.ts";
import { recordChange } from "./audit.ts";

export const SCRYPT = { log2N: 17, r: 8, p: 1, keyLength: 32, saltLength: 16 } as const;

/** log2 N for new hashes: ICSPLAN_SCRYPT_LOG2N when it is a whole number from 14 to 20, else 17. */
export function scryptLog2N(env: NodeJS.ProcessEnv = process.env): number {
  const v = Number(env.ICSPLAN_SCRYPT_LOG2N);
  return Number.isInteger(v) && v >= 14 && v <= 20 ? v : SCRYPT.log2N;
}
export const SESSION_HOURS = 12;
export const LOGIN_FAILURES = 5;
export const LOGIN_WINDOW_MINUTES = 15;
export const PASSWORD_MIN = 12;
const PASSWORD_MAX = 1024;

const scryptAsync = (password: string, salt: Buffer, log2N: number, r: number, p: number, length: number) =>
  new Promise<Buffer>((resolve, reject) =>
    scrypt(
      password.normalize("NFC"),
      salt,
      length,
      { N: 2 ** log2N, r, p, maxmem: 2 * 128 * 2 ** log2N * r + 16 * 1024 * 1024 },
      (error, key) => (error ? reject(error) : resolve(key)),
    ),
  );

/** The stored form of a password: `scrypt$log2N$r$p$salt$key` (base64url). */
export async function hashPassword(password: string): Promise<string> {
  const salt = randomBytes(SCRYPT.saltLength);
  const log2N = scryptLog2N();
  const key = await scryptAsync(password, salt, log2N, SCRYPT.r, SCRYPT.p, SCRYPT.keyLength);
  return ["scrypt", log2N, SCRYPT.r, SCRYPT.p, salt.toString("base64url"), key.toString("base64url")].join(
    "$",
  );
}

/** Whether `password` matches a stored hash (constant-time in the key's bytes). */
export async function verifyPassword(password: string, stored: string): Promise<boolean> {
  const [kind, n, r, p, salt, key] = stored.split("$");
  if (kind !== "scrypt" || !n || !r || !p || !salt || !key) return false;
  const expected = Buffer.from(key, "base64url");
  const actual = await scryptAsync(
    password,
    Buffer.from(salt, "base64url"),
    Number(n),
    Number(r),
    Number(p),
    expected.length,
  );
  return actual.length === expected.length && timingSafeEqual(actual, expected);
}

/** A hash of a password nobody has, checked when the user name is unknown (the same cost as a real one). */
let decoyHash: Promise<string> | undefined;

export function checkPassword(password: string, field = "password"): string {
  if (password.length < PASSWORD_MIN || password.length > PASSWORD_MAX)
    throw new RequestError(
      `a password is ${PASSWORD_MIN} to ${PASSWORD_MAX} characters; found ${password.length}`,
      { field },
    );
  return password;
}

/** A user as shown: never the password hash. */
export const publicUser = (u: User) => ({
  name: u.name,
  displayName: u.displayName,
  roles: u.grants.map(grantText),
  grants: u.grants,
  createdAt: u.createdAt,
});
export type PublicUser = ReturnType<typeof publicUser>;

/** Who made a change: the user's name, or `cli:` with the operating-system user for the CLI. */
export interface Actor {
  name: string;
  route?: string | undefined;
}

export class UserNotFoundError extends RequestError {
  override name = "UserNotFoundError";
  constructor(name: string) {
    super(`there is no user named '${name}' (see \`icsplan users list\`)`, {
      kind: "not-found",
      field: "name",
    });
  }
}

export interface AddUserRequest {
  name: string;
  displayName?: string | undefined;
  /** Grants as text: `icb-planner:QNC`, `practice-manager:place:15E`, `admin:*`. */
  roles: readonly string[];
  password: string;
}

export async function addUser(store: Store, request: AddUserRequest, actor: Actor): Promise<PublicUser> {
  const name = checkUserName(request.name);
  if (request.roles.length === 0)
    throw new RequestError("give at least one role, e.g. --role icb-planner:QNC", { field: "role" });
  const grants = request.roles.map((r) => parseGrant(r));
  const password = checkPassword(request.password);
  if (await findUser(store.db, name))
    throw new RequestError(`a user named '${name}' exists already`, { kind: "conflict", field: "name" });
  const user = await insertUser(store.db, {
    name,
    displayName: request.displayName?.trim() || name,
    passwordHash: await hashPassword(password),
    grants,
  });
  const shown = publicUser(user);
  await recordChange(store, {
    actor,
    action: "user.add",
    target: `user:${name}`,
    before: null,
    after: shown,
  });
  return shown;
}

export const listAccountUsers = async (store: Store): Promise<PublicUser[]> =>
  (await listUsers(store.db)).map(publicUser);

export async function removeUser(store: Store, name: string, actor: Actor): Promise<void> {
  const user = await findUser(store.db, name.trim());
  if (!user) throw new UserNotFoundError(name);
  await deleteUser(store.db, user.name);
  await recordChange(store, {
    actor,
    action: "user.remove",
    target: `user:${user.name}`,
    before: publicUser(user),
    after: null,
  });
}

/** A new password (the user's sessions end: they log in again). */
export async function setUserPassword(
  store: Store,
  name: string,
  password: string,
  actor: Actor,
): Promise<void> {
  const user = await findUser(store.db, name.trim());
  if (!user) throw new UserNotFoundError(name);
  await updateUser(store.db, user.name, { passwordHash: await hashPassword(checkPassword(password)) });
  await deleteSessionsOf(store.db, user.id);
  await recordChange(store, {
    actor,
    action: "user.password",
    target: `user:${user.name}`,
    before: { passwordSet: true },
    after: { passwordSet: true, passwordChanged: true, sessionsEnded: true },
  });
}

/** Replaces a user's roles. */
export async function setUserRoles(
  store: Store,
  name: string,
  roles: readonly string[],
  actor: Actor,
): Promise<PublicUser> {
  const user = await findUser(store.db, name.trim());
  if (!user) throw new UserNotFoundError(name);
  if (roles.length === 0) throw new RequestError("give at least one role", { field: "role" });
  const grants: RoleGrant[] = roles.map((r) => parseGrant(r));
  const updated = (await updateUser(store.db, user.name, { grants }))!;
  await recordChange(store, {
    actor,
    action: "user.roles",
    target: `user:${user.name}`,
    before: { roles: user.grants.map(grantText) },
    after: { roles: updated.grants.map(grantText) },
  });
  return publicUser(updated);
}

export const usersExist = async (store: Store): Promise<boolean> => (await countUsers(store.db)) > 0;

// ── Login and sessions ───────────────────────────────────────────────────────────────────────────────

/** Too many failed logins for this user name from this address (HTTP 429 with Retry-After). */
export class LoginRateLimitedError extends RequestError {
  override name = "LoginRateLimitedError";
  constructor(readonly retryAfterSeconds: number) {
    super(
      `too many failed logins for this user from this address (${LOGIN_FAILURES} in ${LOGIN_WINDOW_MINUTES} minutes); try again in ${retryAfterSeconds} s`,
      { kind: "invalid", field: "name" },
    );
  }
}

export interface Session {
  user: User;
  csrfToken: string;
  expiresAt: string;
}

export const tokenHash = (token: string): string => createHash("sha256").update(token).digest("hex");

export interface LoginRequest {
  name: string;
  password: string;
  /** The client's address (the rate limit is per user name and address). */
  address: string;
  now?: Date | undefined;
}

/** Checks a password and opens a session: the token (for the cookie only) and the session. */
export async function login(store: Store, request: LoginRequest): Promise<{ token: string } & Session> {
  const now = request.now ?? new Date();
  const key = `${request.name.trim().toLowerCase()}|${request.address}`;
  const windowStart = new Date(now.getTime() - LOGIN_WINDOW_MINUTES * 60_000);
  await clearLoginFailures(store.db, key, windowStart);
  const failures = await loginFailuresSince(store.db, key, windowStart);
  if (failures.count >= LOGIN_FAILURES && failures.oldest) {
    const retry = Math.ceil(
      (new Date(failures.oldest).getTime() + LOGIN_WINDOW_MINUTES * 60_000 - now.getTime()) / 1000,
    );
    throw new LoginRateLimitedError(Math.max(1, retry));
  }
  const user: StoredUser | null =
    request.name.length <= 64 ? await findUser(store.db, request.name.trim()) : null;
  const ok =
    request.password.length <= PASSWORD_MAX &&
    (user
      ? await verifyPassword(request.password, user.passwordHash)
      : (await verifyPassword(
          request.password,
          await (decoyHash ??= hashPassword(randomBytes(16).toString("hex"))),
        )) && false);
  if (!user || !ok) {
    await recordLoginFailure(store.db, key, now);
    throw new AuthenticationError();
  }
  await clearLoginFailures(store.db, key);
  await deleteExpiredSessions(store.db, now);
  const token = randomBytes(32).toString("base64url");
  const csrfToken = randomBytes(32).toString("base64url");
  const expiresAt = new Date(now.getTime() + SESSION_HOURS * 3_600_000).toISOString();
  await insertSession(store.db, { tokenHash: tokenHash(token), userId: user.id, csrfToken, expiresAt });
  const { passwordHash: _, ...plain } = user;
  return { token, user: plain, csrfToken, expiresAt };
}

/** The unexpired session of a cookie's token, or null. */
export async function sessionOf(store: Store, token: string, now = new Date()): Promise<Session | null> {
  if (token.length === 0 || token.length > 200) return null;
  const found = await findSession(store.db, tokenHash(token), now);
  if (!found) return null;
  const { passwordHash: _, ...user } = found.user;
  return { user, csrfToken: found.csrfToken, expiresAt: found.expiresAt };
}

export const logout = (store: Store, token: string): Promise<void> =>
  deleteSession(store.db, tokenHash(token));

export { LOCAL_USER };

/** Two secrets compared in constant time (for equal lengths; different lengths are simply unequal). */
export function sameSecret(given: string, expected: string): boolean {
  if (given.length === 0 || expected.length === 0) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
