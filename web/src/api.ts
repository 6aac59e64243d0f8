// The app's one way to the HTTP API (/api/, the same server): URLs with the data mode (the synthetic demo
// or real data), JSON answers, and problem documents (RFC 9457) turned into ApiErrors naming their field.

export class ApiError extends Error {
  constructor(
    message: string,
    readonly status: number,
    readonly field?: string,
  ) {
    super(message);
    this.name = "ApiError";
  }
}

type Params = Record<string, string | number | boolean | undefined>;

let demoMode = false;

/** Whether requests ask for the synthetic demo (`demo=true`): set once from the store's datasets. */
export function setDemoMode(demo: boolean): void {
  demoMode = demo;
}

export function isDemoMode(): boolean {
  return demoMode;
}

/** An API URL with its query; the demo flag is added in demo mode. */
export function apiUrl(path: string, params: Params = {}): string {
  const query = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") query.set(k, String(v));
  if (demoMode) query.set("demo", "true");
  const text = query.toString();
  return `/api/${path}${text ? `?${text}` : ""}`;
}

async function answer<T>(res: Response): Promise<T> {
  if (res.ok) return (await res.json()) as T;
  if (res.status === 401) onUnauthorised?.();
  const type = res.headers.get("content-type") ?? "";
  if (type.includes("json")) {
    const p = (await res.json()) as { detail?: string; title?: string; field?: string };
    throw new ApiError(p.detail ?? p.title ?? `the server answered ${res.status}`, res.status, p.field);
  }
  throw new ApiError(`the server answered ${res.status} ${res.statusText}`, res.status);
}

let csrfToken: Promise<string | null> | undefined;

/** The session's CSRF token, sent with every change when the server requires login (null without). */
function csrf(): Promise<string | null> {
  csrfToken ??= fetch("/api/session", { headers: { accept: "application/json" } })
    .then((r) => (r.ok ? (r.json() as Promise<{ csrfToken?: string | null }>) : null))
    .then((s) => s?.csrfToken ?? null)
    .catch(() => null);
  return csrfToken;
}

/** The headers every change carries: the session's CSRF token when the server requires login. */
export async function changeHeaders(): Promise<Record<string, string>> {
  const token = await csrf();
  return token ? { "x-csrf-token": token } : {};
}

/** The session's CSRF token as signing in gave it (null: signed out, or no login); undefined: ask again. */
export function setCsrfToken(token: string | null | undefined): void {
  csrfToken = token === undefined ? undefined : Promise.resolve(token);
}

let onUnauthorised: (() => void) | undefined;

/** Called when the server answers 401 (the session ended): the app shows the sign-in page. */
export function whenUnauthorised(listener: () => void): void {
  onUnauthorised = listener;
}

/** Tells the app a request was refused for want of a session (401). */
export function unauthorised(): void {
  onUnauthorised?.();
}

async function send<T>(url: string, init?: RequestInit): Promise<T> {
  let res: Response;
  try {
    if (init?.method !== undefined && init.method !== "GET") {
      const token = await csrf();
      if (token)
        init = { ...init, headers: { ...(init.headers as Record<string, string>), "x-csrf-token": token } };
    }
    res = await fetch(url, init);
  } catch {
    throw new ApiError("the icsplan server did not answer; is `icsplan serve` still running?", 0);
  }
  return answer<T>(res);
}

export function getJson<T>(path: string, params: Params = {}): Promise<T> {
  return send<T>(apiUrl(path, params), { headers: { accept: "application/json" } });
}

export function postJson<T>(path: string, body: Record<string, unknown>): Promise<T> {
  return send<T>(apiUrl(path), {
    method: "POST",
    headers: { "content-type": "application/json", accept: "application/json" },
    body: JSON.stringify(demoMode ? { ...body, demo: true } : body),
  });
}
