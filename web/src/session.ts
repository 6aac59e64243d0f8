// Who is signed in (issue 12, item 8). A server without login serves one local user; with login (`serve
// --auth`, always on PostgreSQL) the app asks GET /api/session, shows the sign-in page until a session
// exists, keeps the session's CSRF token for every later change (api.ts), and signs out with DELETE.
import { useEffect, useState } from "preact/hooks";
import { ApiError, changeHeaders, setCsrfToken, whenUnauthorised } from "./api.ts";

export interface SessionUser {
  name: string;
  displayName: string;
  roles: string[];
  grants?: { role: string; scope: unknown }[];
}

export interface Session {
  mode: "local" | "login";
  user: SessionUser | null;
  csrfToken: string | null;
  expiresAt: string | null;
}

/** A refused sign-in: which field it is about, and (rate limit) how long to wait. */
export class SignInError extends ApiError {
  constructor(
    message: string,
    status: number,
    field: string | undefined,
    readonly retryAfterSeconds: number | null,
  ) {
    super(message, status, field);
    this.name = "SignInError";
  }
}

let current: Session | null = null;
const listeners = new Set<(s: Session | null) => void>();

function publish(next: Session | null): void {
  current = next;
  setCsrfToken(next ? next.csrfToken : undefined);
  for (const l of listeners) l(next);
}

async function problemOf(res: Response): Promise<{ detail?: string; title?: string; field?: string }> {
  try {
    return (await res.json()) as { detail?: string; title?: string; field?: string };
  } catch {
    return {};
  }
}

/** Asks the server who is signed in. */
export async function loadSession(): Promise<Session> {
  let res: Response;
  try {
    res = await fetch("/api/session", { headers: { accept: "application/json" } });
  } catch {
    throw new ApiError("the icsplan server did not answer; is `icsplan serve` still running?", 0);
  }
  if (!res.ok) {
    const p = await problemOf(res);
    throw new ApiError(p.detail ?? `the server answered ${res.status}`, res.status, p.field);
  }
  const s = (await res.json()) as Session;
  publish(s);
  return s;
}

/** Signs in: the session cookie is set by the server, the CSRF token kept here. */
export async function signIn(name: string, password: string): Promise<Session> {
  let res: Response;
  try {
    res = await fetch("/api/session", {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({ name, password }),
    });
  } catch {
    throw new ApiError("the icsplan server did not answer; is `icsplan serve` still running?", 0);
  }
  if (!res.ok) {
    const p = await problemOf(res);
    const retry = Number(res.headers.get("retry-after"));
    throw new SignInError(
      p.detail ?? p.title ?? `the server answered ${res.status}`,
      res.status,
      p.field,
      res.status === 429 && Number.isFinite(retry) ? retry : null,
    );
  }
  const s = (await res.json()) as Session;
  publish(s);
  return s;
}

/** Signs out: the session ends on the server; the app shows the sign-in page. */
export async function signOut(): Promise<void> {
  const mode = current?.mode ?? "login";
  try {
    await fetch("/api/session", {
      method: "DELETE",
      headers: { accept: "application/json", ...(await changeHeaders()) },
    });
  } finally {
    publish({ mode, user: null, csrfToken: null, expiresAt: null });
  }
}

// A 401 on any request: the session ended (expired, or signed out elsewhere).
whenUnauthorised(() => {
  if (current?.user) publish({ mode: "login", user: null, csrfToken: null, expiresAt: null });
});

/** The session, re-rendering when it changes (null until it is known). */
export function useSession(): Session | null {
  const [s, setS] = useState<Session | null>(current);
  useEffect(() => {
    listeners.add(setS);
    if (current) setS(current);
    return () => {
      listeners.delete(setS);
    };
  }, []);
  return s;
}
