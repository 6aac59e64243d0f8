// Storage of users, sessions and failed logins (issue 12, item 8). Storage only: hashing, checking and
// deciding are the use cases' (src/app/accounts.ts) and the policy's (src/engines/access/).
import { sql, type Kysely, type Transaction } from "kysely";
import type { RoleGrant, User } from "../../model/accounts.ts";
import type { Database } from "../schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

const parsed = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;
const iso = (value: unknown): string => new Date(value as string).toISOString();

export interface StoredUser extends User {
  passwordHash: string;
}

const userOf = (r: {
  id: number;
  name: string;
  display_name: string;
  password_hash: string;
  grants: unknown;
  created_at: unknown;
}): StoredUser => ({
  id: r.id,
  name: r.name,
  displayName: r.display_name,
  grants: parsed<RoleGrant[]>(r.grants),
  createdAt: iso(r.created_at),
  passwordHash: r.password_hash,
});

const USER_COLUMNS = ["id", "name", "display_name", "password_hash", "grants", "created_at"] as const;

export async function findUser(db: Db, name: string): Promise<StoredUser | null> {
  const r = await db.selectFrom("app_user").select(USER_COLUMNS).where("name", "=", name).executeTakeFirst();
  return r ? userOf(r) : null;
}

export async function listUsers(db: Db): Promise<StoredUser[]> {
  const rows = await db.selectFrom("app_user").select(USER_COLUMNS).orderBy("name").execute();
  return rows.map(userOf);
}

export const countUsers = async (db: Db): Promise<number> =>
  Number(
    (
      await db
        .selectFrom("app_user")
        .select((eb) => eb.fn.countAll<string>().as("n"))
        .executeTakeFirstOrThrow()
    ).n,
  );

export async function insertUser(
  db: Db,
  user: { name: string; displayName: string; passwordHash: string; grants: RoleGrant[] },
): Promise<StoredUser> {
  const r = await db
    .insertInto("app_user")
    .values({
      name: user.name,
      display_name: user.displayName,
      password_hash: user.passwordHash,
      grants: JSON.stringify(user.grants),
    })
    .returning(USER_COLUMNS)
    .executeTakeFirstOrThrow();
  return userOf(r);
}

export async function updateUser(
  db: Db,
  name: string,
  change: { displayName?: string; passwordHash?: string; grants?: RoleGrant[] },
): Promise<StoredUser | null> {
  const r = await db
    .updateTable("app_user")
    .set({
      ...(change.displayName === undefined ? {} : { display_name: change.displayName }),
      ...(change.passwordHash === undefined ? {} : { password_hash: change.passwordHash }),
      ...(change.grants === undefined ? {} : { grants: JSON.stringify(change.grants) }),
      updated_at: new Date().toISOString(),
    })
    .where("name", "=", name)
    .returning(USER_COLUMNS)
    .executeTakeFirst();
  return r ? userOf(r) : null;
}

/** Removes a user and (by cascade) their sessions. */
export async function deleteUser(db: Db, name: string): Promise<boolean> {
  const r = await db.deleteFrom("app_user").where("name", "=", name).executeTakeFirst();
  return Number(r.numDeletedRows) > 0;
}

export async function deleteSessionsOf(db: Db, userId: number): Promise<void> {
  await db.deleteFrom("app_session").where("user_id", "=", userId).execute();
}

// ── Sessions ─────────────────────────────────────────────────────────────────────────────────────────

export async function insertSession(
  db: Db,
  session: { tokenHash: string; userId: number; csrfToken: string; expiresAt: string },
): Promise<void> {
  await db
    .insertInto("app_session")
    .values({
      token_hash: session.tokenHash,
      user_id: session.userId,
      csrf_token: session.csrfToken,
      expires_at: session.expiresAt,
    })
    .execute();
}

/** The unexpired session of a token hash, with its user. */
export async function findSession(
  db: Db,
  tokenHash: string,
  now: Date,
): Promise<{ user: StoredUser; csrfToken: string; expiresAt: string } | null> {
  const r = await db
    .selectFrom("app_session")
    .innerJoin("app_user", "app_user.id", "app_session.user_id")
    .select([
      "app_user.id",
      "app_user.name",
      "app_user.display_name",
      "app_user.password_hash",
      "app_user.grants",
      "app_user.created_at",
      "app_session.csrf_token",
      "app_session.expires_at",
    ])
    .where("app_session.token_hash", "=", tokenHash)
    .where("app_session.expires_at", ">", now.toISOString())
    .executeTakeFirst();
  return r ? { user: userOf(r), csrfToken: r.csrf_token, expiresAt: iso(r.expires_at) } : null;
}

export async function deleteSession(db: Db, tokenHash: string): Promise<void> {
  await db.deleteFrom("app_session").where("token_hash", "=", tokenHash).execute();
}

export async function deleteExpiredSessions(db: Db, now: Date): Promise<void> {
  await db.deleteFrom("app_session").where("expires_at", "<=", now.toISOString()).execute();
}

// ── Failed logins ────────────────────────────────────────────────────────────────────────────────────

export async function recordLoginFailure(db: Db, key: string, at: Date): Promise<void> {
  await db.insertInto("login_failure").values({ key, at: at.toISOString() }).execute();
}

/** The failures of a key since `since`: how many, and the oldest's time. */
export async function loginFailuresSince(
  db: Db,
  key: string,
  since: Date,
): Promise<{ count: number; oldest: string | null }> {
  const r = await sql<{ n: number; oldest: unknown }>`
    select count(*)::int as n, min(at) as oldest from login_failure where key = ${key} and at > ${since.toISOString()}`.execute(
    db,
  );
  const row = r.rows[0];
  return { count: row?.n ?? 0, oldest: row?.oldest ? iso(row.oldest) : null };
}

export async function clearLoginFailures(db: Db, key: string, before?: Date): Promise<void> {
  let q = db.deleteFrom("login_failure").where("key", "=", key);
  if (before) q = q.where("at", "<=", before.toISOString());
  await q.execute();
}
