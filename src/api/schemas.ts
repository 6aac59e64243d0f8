// Request and response schemas of the HTTP API (zod, with OpenAPI metadata).
import { z } from "@hono/zod-openapi";

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "expected a date such as 2026-01-01")
  .refine((v) => {
    const t = Date.parse(`${v}T00:00:00Z`);
    return !Number.isNaN(t) && new Date(t).toISOString().slice(0, 10) === v;
  }, "expected a real calendar date");

const flag = z
  .enum(["true", "false", "1", "0"])
  .transform((v) => v === "true" || v === "1")
  .optional();

export const FormatQuery = z.object({
  format: z
    .enum(["json", "csv"])
    .optional()
    .openapi({ description: "json (default) or csv; or send Accept: text/csv" }),
});

export const PictureQuery = z.object({
  demo: flag.openapi({ description: "the synthetic demo ICS instead of real data" }),
  date: isoDate
    .optional()
    .openapi({ description: "the picture as it stood on this date", example: "2026-08-01" }),
  lists: isoDate
    .optional()
    .openapi({ description: "list sizes from the newest list file on or before this date" }),
});

export const AreaQuery = z.object({
  icb: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "ICB by ODS code, ONS code or part of its name", example: "QNC" }),
  subIcb: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "place (sub-ICB location) by ODS or ONS code" }),
});

export const ListQuery = AreaQuery.extend({
  pcn: z.string().min(1).max(20).optional().openapi({ description: "only this PCN (U: outside any PCN)" }),
  band: z.enum(["under", "in", "over"]).optional().openapi({ description: "only PCNs in this size band" }),
  format: FormatQuery.shape.format,
});

export const SearchQuery = AreaQuery.extend({
  q: z.string().min(2).max(100).openapi({
    description: "ODS code, postcode (whole, sector or district) or words of the name",
    example: "health centre",
  }),
  limit: z.coerce
    .number()
    .int()
    .min(1)
    .max(500)
    .optional()
    .openapi({ description: "at most this many (default 20)" }),
});

export const NetworkQuery = AreaQuery.extend({
  scenario: z
    .string()
    .min(1)
    .max(80)
    .optional()
    .openapi({ description: "a saved scenario instead of today's map" }),
  basis: z
    .enum(["auto", "catchment", "delaunay"])
    .optional()
    .openapi({ description: "adjacency basis (default auto)" }),
});

export const ScenarioListQuery = z.object({
  kind: z.enum(["network-design", "closure", "merger", "allocation"]).optional(),
});

export const DesignBody = z
  .object({
    demo: z.boolean().optional(),
    date: isoDate.optional(),
    lists: isoDate.optional(),
    icb: z.string().min(1).max(100).optional(),
    subIcb: z.string().min(1).max(100).optional(),
    basis: z.enum(["auto", "catchment", "delaunay"]).optional(),
    band: z.string().max(40).optional().openapi({ example: "30000-50000" }),
    seed: z.number().int().optional(),
    starts: z.number().int().min(1).max(16).optional(),
    iterations: z.number().int().min(0).max(5_000_000).optional(),
    disruptionWeight: z.number().min(0).optional(),
    placeWeight: z.number().min(0).optional(),
    locks: z
      .record(z.string(), z.string())
      .optional()
      .openapi({ description: "practice code → network label" }),
    keepWhole: z.array(z.string()).optional(),
    waivers: z.array(z.string()).optional(),
    save: z
      .object({
        name: z.string().min(1).max(80),
        replace: z.boolean().optional(),
        description: z.string().max(500).optional(),
      })
      .optional(),
  })
  .openapi("DesignRequest");

export const Problem = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string(),
    field: z.string().optional(),
  })
  .openapi("Problem");

export const Health = z.object({
  status: z.literal("ok"),
  store: z.enum(["pglite", "postgres"]),
  datasets: z.object({ real: z.number().int(), demo: z.number().int() }),
  hint: z.string().nullable(),
});

export const Dataset = z
  .object({
    id: z.number().int(),
    source: z.string(),
    period: z.string(),
    reference_date: z.string(),
    rows: z.number().int(),
    synthetic: z.boolean(),
    scope: z.string().nullable(),
    file: z.string(),
  })
  .openapi("Dataset");

const band = z.enum(["under", "in", "over"]);

export const PracticeRow = z
  .object({
    practice_code: z.string(),
    practice_name: z.string(),
    postcode: z.string().nullable(),
    pcn_code: z.string(),
    pcn_name: z.string(),
    pcn_band: band.nullable(),
    sub_icb_code: z.string(),
    icb_code: z.string(),
    list_size: z.number().int().nullable(),
    weighted_list: z.number().nullable(),
    gp_fte: z.number().nullable(),
    partner_fte: z.number().nullable(),
    patients_per_gp_fte: z.number().nullable(),
    imd_decile: z.number().int().nullable(),
    lat: z.number().nullable(),
    lon: z.number().nullable(),
  })
  .openapi("Practice");

export const SearchMatch = PracticeRow.extend({
  matched: z.enum(["code", "postcode", "postcode-sector", "postcode-district", "name"]),
}).openapi("PracticeMatch");

export const PcnRow = z
  .object({
    pcn_code: z.string(),
    pcn_name: z.string(),
    sub_icb_code: z.string(),
    icb_code: z.string(),
    practices: z.number().int(),
    list_size: z.number().int(),
    band,
    practices_without_list: z.number().int(),
    crosses_sub_icb: z.boolean(),
  })
  .openapi("Pcn");

export const listing = <T extends z.ZodType>(row: T) =>
  z.object({
    synthetic: z.boolean(),
    date: z.string(),
    map: z.string(),
    lists: z.string().nullable(),
    rows: z.array(row),
  });

const orgRef = z.object({ code: z.string(), onsCode: z.string().nullable(), name: z.string() });

export const Overview = z
  .object({
    synthetic: z.boolean(),
    date: z.string(),
    scope: z.object({ kind: z.enum(["england", "icb", "sub-icb"]) }).passthrough(),
    summary: z
      .object({ practices: z.number().int(), patients: z.number().int(), pcns: z.number().int() })
      .passthrough(),
    subAreas: z.array(z.object({ area: orgRef }).passthrough()),
    pcns: z.array(z.object({ code: z.string(), name: z.string(), listSize: z.number(), band }).passthrough()),
    sources: z.object({ map: z.object({ period: z.string() }).passthrough() }).passthrough(),
    caveats: z.array(z.string()),
  })
  .passthrough()
  .openapi("Overview");

export const Evaluation = z
  .object({
    synthetic: z.boolean(),
    area: z.string(),
    date: z.string(),
    map: z.string(),
    configuration: z.string(),
    networks: z.array(z.object({}).passthrough()),
  })
  .passthrough()
  .openapi("NetworkEvaluation");

export const ScenarioSummary = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: z.string(),
    synthetic: z.boolean(),
    area: z.string(),
    mapDate: z.string(),
    description: z.string(),
    createdAt: z.string(),
  })
  .openapi("ScenarioSummary");

export const ScenarioRecord = ScenarioSummary.extend({
  request: z.unknown(),
  result: z.unknown(),
  configuration: z.unknown(),
}).openapi("Scenario");

export const Loose = z.object({}).passthrough();
