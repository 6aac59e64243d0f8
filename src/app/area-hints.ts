// Use case: an ICB the request's map does not have, told where it went. ICBs merged on 1 April 2026 (42 → 36),
// so a code a user knows (QNX, NHS Sussex) may belong to an older map: when a loaded map has the ICB, the
// "no ICB has code or name" error of any command or route says where it stands in the ICB succession (its
// successors, or its predecessors for a new ICB) and the dates to ask for it as it was. The adapters (CLI,
// API) pass their errors through here while the store is open; any other error, or a lookup that fails,
// is returned unchanged.
import { RequestError, UnknownAreaError } from "../model/errors.ts";
import type { Store } from "../store/store.ts";
import { IcbNotInFootprintError } from "../engines/footprints/errors.ts";
import { areaFootprint } from "./footprints.ts";

/** `error`, or for an unknown ICB that another loaded map has, the same error saying where it went. */
export async function explainUnknownIcb(store: Store, error: unknown): Promise<unknown> {
  // The area error itself, or one a use case wrapped in its own error (the workforce commands' --icb).
  const area =
    error instanceof UnknownAreaError
      ? error
      : error instanceof RequestError && error.cause instanceof UnknownAreaError
        ? error.cause
        : null;
  if (!area || area.field !== "icb" || area.query === undefined) return error;
  const query = area.query.trim();
  if (query === "") return error;
  let where: string;
  try {
    const found = await areaFootprint(store, { synthetic: false, icb: query });
    // In the newest footprint, not in the map asked for: worth saying only for an ICB formed or changed since.
    if (!found.lineage) return error;
    where = `${found.lineage}; it is an ICB of the ${found.footprint.label}`;
  } catch (lookup) {
    if (!(lookup instanceof IcbNotInFootprintError) || lookup.where === "") return error;
    where = lookup.where;
  }
  return new UnknownAreaError(
    `'${query}' is not an ICB of the map this request uses: ${where}`,
    "icb",
    area.query,
  );
}
