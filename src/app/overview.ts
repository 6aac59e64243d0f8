// Use case: general practice at a glance, for England, one ICB or one place (sub-ICB location). The
// deprivation mix counts patients by the LSOA they live in where LSOA registrations cover the area's
// practices, as `networks evaluate` does (the same registrations, read by the same loader, counted by the
// same function: src/engines/deprivation/mix.ts).
import { residenceByPractice } from "../engines/deprivation/mix.ts";
import type { AreaResidence } from "../engines/overview/area.ts";
import { buildOverview, overviewPractices, type Overview } from "../engines/overview/overview.ts";
import type { PracticeSet } from "../model/footprint.ts";
import type { Picture } from "../model/picture.ts";
import { loadCatchments } from "../store/repositories/catchments.ts";
import type { Store } from "../store/store.ts";
import { footprintLabel } from "./footprints.ts";
import { readDerived, type PictureRequest } from "./picture.ts";

export interface OverviewRequest extends PictureRequest {
  /** An ICB by ODS code, ONS code or unique part of its name; England when neither area is given. */
  icb?: string | undefined;
  /** A place (sub-ICB location) by ODS code, ONS code or unique part of its name. */
  subIcb?: string | undefined;
  /** A union of places or a set of local authorities (src/app/area-footprint.ts), instead of an area. */
  practices?: PracticeSet | undefined;
}

/**
 * The patients of the practices by the IMD decile of their LSOA, from the LSOA registrations on or before
 * the picture's date that `networks evaluate` uses (loadCatchments); null when none cover them.
 */
export async function areaResidence(
  store: Store,
  picture: Picture,
  practiceCodes: readonly string[],
): Promise<AreaResidence | null> {
  const loaded = await loadCatchments(store.db, {
    synthetic: picture.synthetic,
    practiceCodes,
    date: picture.date,
  });
  if (!loaded) return null;
  return {
    byPractice: residenceByPractice(loaded),
    source: loaded.source ?? { period: loaded.dataset.period, imdEdition: loaded.imd.edition },
  };
}

export async function overview(store: Store, request: OverviewRequest): Promise<Overview> {
  return readDerived(
    store,
    request,
    `overview|${request.icb ?? ""}|${request.subIcb ?? ""}|${request.practices ? `${request.practices.code}|${request.practices.practiceCodes.join(",")}` : ""}`,
    async (picture) => {
      const area = { icb: request.icb, subIcb: request.subIcb, practices: request.practices };
      const practices = overviewPractices(picture, area);
      const residence = await areaResidence(
        store,
        picture,
        practices.map((p) => p.code),
      );
      const footprint = await footprintLabel(store, picture);
      return { ...buildOverview(picture, area, residence), footprint };
    },
  );
}
