// The app's pages by URL (client-side routing over the History API): a pure match from a path to a page,
// and the paths that link to each page, so every page can be shared as a link.

export type Route =
  | { page: "home" }
  | { page: "icb"; code: string }
  | { page: "place"; code: string }
  | { page: "find" }
  | { page: "practice"; code: string }
  | { page: "studio"; kind: "icb" | "place"; code: string }
  | { page: "neighbourhoods"; kind: "icb" | "place"; code: string }
  | { page: "workforce"; code: string }
  | { page: "funding"; code: string }
  | { page: "scenarios"; code: string | null }
  | { page: "plans" }
  | { page: "plan"; name: string; tab: PlanTab }
  | { page: "sign-in" }
  | { page: "not-found"; path: string };

/** The tabs of a plan's page, each its own URL (/plans/NAME is the sections). */
export const PLAN_TABS = ["sections", "engagement", "workflow", "versions", "compliance", "export"] as const;
export type PlanTab = (typeof PLAN_TABS)[number];

const segment = (s: string) => {
  try {
    return decodeURIComponent(s);
  } catch {
    return undefined;
  }
};

/** The page a path shows (the query string is the page's own state, e.g. the search words). */
export function matchRoute(path: string): Route {
  const parts = path.replace(/\/+$/, "").split("/").filter(Boolean);
  if (parts.length === 0) return { page: "home" };
  const [head, arg, ...rest] = parts;
  if (
    (head === "studio" || head === "neighbourhoods") &&
    (arg === "icb" || arg === "place") &&
    rest.length === 1
  ) {
    const code = segment(rest[0]!);
    if (code) return { page: head, kind: arg, code };
  }
  if ((head === "workforce" || head === "funding") && arg === "icb" && rest.length === 1) {
    const code = segment(rest[0]!);
    if (code) return { page: head, code };
  }
  // /scenarios/icb/CODE, or /scenarios?icb=CODE (the page reads the query).
  if (head === "scenarios") {
    if (arg === undefined) return { page: "scenarios", code: null };
    const code = arg === "icb" && rest.length === 1 ? segment(rest[0]!) : undefined;
    if (code) return { page: "scenarios", code };
  }
  if (head === "sign-in" && arg === undefined) return { page: "sign-in" };
  if (head === "plans") {
    if (arg === undefined) return { page: "plans" };
    const name = segment(arg);
    const tab = rest.length === 0 ? "sections" : rest.length === 1 ? rest[0] : undefined;
    if (name && PLAN_TABS.includes(tab as PlanTab)) return { page: "plan", name, tab: tab as PlanTab };
  }
  const code = arg === undefined ? undefined : segment(arg);
  if (rest.length === 0) {
    if (head === "practices" && arg === undefined) return { page: "find" };
    if (code) {
      if (head === "icb") return { page: "icb", code };
      if (head === "place") return { page: "place", code };
      if (head === "practice") return { page: "practice", code };
    }
  }
  return { page: "not-found", path };
}

export const paths = {
  home: () => "/",
  icb: (code: string) => `/icb/${encodeURIComponent(code)}`,
  place: (code: string) => `/place/${encodeURIComponent(code)}`,
  find: (q?: string) => (q ? `/practices?q=${encodeURIComponent(q)}` : "/practices"),
  practice: (code: string) => `/practice/${encodeURIComponent(code)}`,
  workforce: (code: string) => `/workforce/icb/${encodeURIComponent(code)}`,
  funding: (code: string) => `/funding/icb/${encodeURIComponent(code)}`,
  scenarios: (code: string) => `/scenarios/icb/${encodeURIComponent(code)}`,
  studio: (kind: "icb" | "place", code: string) => `/studio/${kind}/${encodeURIComponent(code)}`,
  neighbourhoods: (kind: "icb" | "place", code: string) =>
    `/neighbourhoods/${kind}/${encodeURIComponent(code)}`,
  plans: () => "/plans",
  signIn: () => "/sign-in",
  plan: (name: string, tab: PlanTab = "sections") =>
    `/plans/${encodeURIComponent(name)}${tab === "sections" ? "" : `/${tab}`}`,
};
