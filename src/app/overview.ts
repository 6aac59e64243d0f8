// Use case: general practice at a glance, for England, one ICB or one place (sub-ICB location).
import { buildOverview, type Overview } from "../engines/overview/overview.ts";
import type { Store } from "../store/store.ts";
import { readDerived, type PictureRequest } from "./picture.ts";

export interface OverviewRequest extends PictureRequest {
  /** An ICB by ODS code, ONS code or unique part of its name; England when neither area is given. */
  icb?: string | undefined;
  /** A place (sub-ICB location) by ODS code, ONS code or unique part of its name. */
  subIcb?: string | undefined;
}

export async function overview(store: Store, request: OverviewRequest): Promise<Overview> {
  return readDerived(store, request, `overview|${request.icb ?? ""}|${request.subIcb ?? ""}`, (picture) =>
    buildOverview(picture, { icb: request.icb, subIcb: request.subIcb }),
  );
}
