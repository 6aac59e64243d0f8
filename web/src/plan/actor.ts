// Who acts on a plan: the one place the pages take the user's name and workflow role from. The user picks
// them in the plan header (kept for the browser tab's session) and every write passes them on; with login
// they start from the signed-in account (syncActor), and the server records the user whatever is sent.
import { useEffect, useState } from "preact/hooks";
import { PLAN_ROLES, type PlanRole } from "./types.ts";

export interface Actor {
  /** The name recorded on steps and comments. */
  by: string;
  role: PlanRole;
}

const KEY = "icsplan.plan.actor";
const listeners = new Set<(a: Actor) => void>();

export const isRole = (value: string): value is PlanRole => Object.hasOwn(PLAN_ROLES, value);

function stored(): Actor {
  try {
    const a = JSON.parse(sessionStorage.getItem(KEY) ?? "null") as Partial<Actor> | null;
    if (a && typeof a.by === "string" && typeof a.role === "string" && isRole(a.role))
      return { by: a.by, role: a.role };
  } catch {
    // No storage (private mode) or a value from an older version: start afresh.
  }
  return { by: "", role: "icb-planner" };
}

let actor: Actor | undefined;

export function currentActor(): Actor {
  actor ??= stored();
  return actor;
}

export function setActor(next: Actor): void {
  actor = next;
  try {
    sessionStorage.setItem(KEY, JSON.stringify(next));
  } catch {
    // Kept for this page only.
  }
  for (const l of listeners) l(next);
}

/** The actor, re-rendering when it changes. */
export function useActor(): Actor {
  const [a, setA] = useState(currentActor);
  useEffect(() => {
    listeners.add(setA);
    return () => {
      listeners.delete(setA);
    };
  }, []);
  return a;
}

/**
 * With login, the actor is the signed-in user: their name, and the first workflow role they hold (the
 * server checks it against their grants); the role stays the one chosen when they hold it too.
 */
export function syncActor(
  session: { mode: string; user: { displayName: string; roles: string[] } | null } | null,
): void {
  if (session?.mode !== "login" || !session.user) return;
  const held = session.user.roles.map((r) => r.split(":")[0]!).filter(isRole);
  const now = currentActor();
  const role = held.includes(now.role) ? now.role : (held[0] ?? now.role);
  if (now.by !== session.user.displayName || now.role !== role)
    setActor({ by: session.user.displayName, role });
}
