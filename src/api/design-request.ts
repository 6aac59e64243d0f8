// A design request body (POST /api/networks/design, POST /api/jobs/networks-design) as the typed request
// of the design use cases.
import type { z } from "@hono/zod-openapi";
import type { DesignRequest, EnglandDesignRequest } from "../app/networks.ts";
import { parseBandText } from "../engines/networks/design/index.ts";
import { asField, pictureOf } from "./http.ts";
import type * as s from "./schemas.ts";

type DesignBody = z.infer<typeof s.DesignBody>;

const optionsOf = (b: DesignBody) => ({
  band: b.band === undefined ? undefined : asField("band", () => parseBandText(b.band!)),
  seed: b.seed,
  starts: b.starts,
  iterations: b.iterations,
  disruptionWeight: b.disruptionWeight,
  placeWeight: b.placeWeight,
  locks: b.locks,
  keepWhole: b.keepWhole,
  waivers: b.waivers,
});

export const designRequestOf = (
  b: DesignBody,
  exact?: { mipTimeLimitSeconds?: number | undefined },
): DesignRequest => ({
  ...pictureOf(b),
  icb: b.icb,
  subIcb: b.subIcb,
  graph: { basis: b.basis ?? "auto" },
  options: optionsOf(b),
  exact,
  save: b.save,
});

/** The England request of a body that asks for `england: true`, else null. */
export const designEnglandRequestOrNull = (b: DesignBody & { england?: boolean | undefined }) =>
  b.england ? englandDesignRequestOf(b) : null;

export const englandDesignRequestOf = (b: DesignBody): EnglandDesignRequest => ({
  ...pictureOf(b),
  graph: { basis: b.basis ?? "auto" },
  options: optionsOf(b),
  save: b.save,
});
