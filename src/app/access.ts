// The area a request acts on, for the access policy (src/engines/access/policy.ts): a plan's ICB (and its
// place, for a place plan), or the ICB and place an ICB or sub-ICB named in a request resolve to (codes,
// ONS codes or names, through `overview`). Kept per open store: a plan's area never changes.
import type { TargetArea } from "../model/accounts.ts";
import { getPlan } from "../store/repositories/plans.ts";
import type { Store } from "../store/store.ts";
import { overview } from "./overview.ts";

const areas = new WeakMap<Store, Map<string, TargetArea>>();

/**
 * The ICB (and place) of an ICB or sub-ICB named in a request. A name that does not resolve gives the
 * name itself as the area, which only an every-area grant covers (the route then answers 404 or 400).
 */
export async function requestArea(
  store: Store,
  request: { icb?: string | undefined; subIcb?: string | undefined; synthetic: boolean },
): Promise<TargetArea> {
  const key = `${request.synthetic}|${request.icb ?? ""}|${request.subIcb ?? ""}`;
  let memo = areas.get(store);
  if (!memo) areas.set(store, (memo = new Map()));
  const known = memo.get(key);
  if (known) return known;
  let area: TargetArea;
  try {
    const o = await overview(store, {
      synthetic: request.synthetic,
      icb: request.icb,
      subIcb: request.subIcb,
    });
    if (o.scope.kind === "sub-icb") area = { icb: o.scope.icb.code, place: o.scope.subIcb.code };
    else if (o.scope.kind === "icb") area = { icb: o.scope.icb.code };
    else area = { icb: "" };
  } catch {
    return { icb: request.icb ?? "", place: request.subIcb };
  }
  memo.set(key, area);
  return area;
}

/** The area of a plan, or null when there is no such plan (the route answers 404). */
export async function planArea(store: Store, name: string): Promise<TargetArea | null> {
  const plan = await getPlan(store.db, name.trim());
  if (!plan) return null;
  const { area, synthetic } = plan.content;
  return area.kind === "icb" ? { icb: area.code } : requestArea(store, { subIcb: area.code, synthetic });
}
