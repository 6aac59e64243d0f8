// The audit of plan changes made outside the HTTP API (issue 12, item 8: "an append-only audit log of
// every change"): `icsplan plan …` writes the same rows as the API's routes (route-access.ts), with the
// same action names, targets and before/after states (audit.ts `planState`), the route null. Where the
// change is plain storage (an edit, a section edit, a step, a comment, an engagement record) the change
// and its audit row are one transaction: the use case runs on the transaction (a Store whose `db` is it),
// so either both are written or neither. A new plan, a refresh of evidence and a new organisation run
// other use cases over the loaded data first (seconds of reads); they are written in their own
// transaction and audited just after it, with the state read before and after.
import type { Transaction } from "kysely";
import type { Database } from "../store/schema.ts";
import type { Store } from "../store/store.ts";
import { planState, recordChange, type PlanPart } from "./audit.ts";

/** Who the change is recorded against (the CLI: `--as`, else ICSPLAN_ACTOR, else `cli:<OS user>`). */
export interface ChangeActor {
  name: string;
}

/** The store as seen from inside one transaction: every query of the use case goes through `tx`. */
function onTransaction(store: Store, tx: Transaction<Database>): Store {
  return {
    kind: store.kind,
    location: store.location,
    db: tx,
    transaction: () => {
      throw new Error("a nested store transaction inside an audited change");
    },
    noteLock: (note) => store.noteLock(note),
    close: () => Promise.reject(new Error("the store is not closed inside a transaction")),
  };
}

/**
 * Runs a change of plan `name` and appends its audit row (`action`, target `plan:NAME`, the `part` of the
 * plan before and after) in the same transaction. A change that fails leaves neither.
 */
export function auditedPlanChange<T>(
  store: Store,
  actor: ChangeActor,
  change: { action: string; plan: string; part: PlanPart },
  work: (store: Store) => Promise<T>,
): Promise<T> {
  return store.db.transaction().execute(async (tx) => {
    const s = onTransaction(store, tx);
    const name = change.plan.trim();
    const before = await planState(s, name, change.part);
    const result = await work(s);
    const after = await planState(s, name, change.part);
    await recordChange(s, {
      actor: { name: actor.name },
      action: change.action,
      target: `plan:${name}`,
      before,
      after,
    });
    return result;
  });
}

/**
 * Runs a change that reads the loaded data first (a new plan, a refresh, a new organisation), then appends
 * its audit row: its own writes are one transaction, the audit row the next statement after it.
 */
export async function auditedChange<T>(
  store: Store,
  actor: ChangeActor,
  change: {
    action: string;
    /** The target, from the result when the change names it (a new plan's name). */
    target: (result: T) => string;
    /** Reads the target's state (before: only when the target is known before; else null). */
    state?: (store: Store, target: string) => Promise<unknown>;
    before?: string;
  },
  work: () => Promise<T>,
): Promise<T> {
  const before =
    change.before !== undefined && change.state ? await change.state(store, change.before) : null;
  const result = await work();
  const target = change.target(result);
  const after = change.state ? await change.state(store, target) : result;
  await recordChange(store, { actor: { name: actor.name }, action: change.action, target, before, after });
  return result;
}

/** The plan part an audit row of this kind records (as route-access.ts). */
export const planPart = (part: PlanPart) => (store: Store, target: string) =>
  planState(store, target.slice("plan:".length), part);
