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

/** The footprint every result that names an ICB carries (src/app/footprints.ts `footprintLabel`). */
export const footprintLabel = z.string().nullable().openapi({
  description:
    "The ICB footprint of the result's map, e.g. 'ICB footprint from 2026-04-01 (36 ICBs; membership as published in the August 2026 map)'; null when the map is not among the store's",
});

/** A result that names ICBs: its fields are those of the use case, with the footprint it uses. */
export const Footprinted = z.object({ footprint: footprintLabel }).passthrough().openapi("FootprintedResult");

export const listing = <T extends z.ZodType>(row: T) =>
  z.object({
    synthetic: z.boolean(),
    date: z.string(),
    map: z.string(),
    lists: z.string().nullable(),
    footprint: footprintLabel,
    rows: z.array(row),
  });

const orgRef = z.object({ code: z.string(), onsCode: z.string().nullable(), name: z.string() });

/** The deprivation mix of an area or network, on the one basis of every command (src/engines/deprivation/mix.ts). */
export const DeprivationMix = z
  .object({
    basis: z.enum(["lsoa", "practice", "mixed"]).openapi({
      description:
        "lsoa: patients counted by the IMD decile of the LSOA they live in (LSOA registrations); practice: each " +
        "practice's whole list at its practice decile; mixed: residence where registrations cover a practice",
    }),
    quintilePatients: z
      .array(z.number())
      .length(5)
      .openapi({ description: "Quintiles 1 (most deprived) … 5" }),
    unknownPatients: z.number(),
    practicesByResidence: z.number().int(),
    practicesByPracticeDecile: z.number().int(),
    practicesCovered: z.number().int(),
    practices: z.number().int(),
    residence: z.object({ period: z.string(), imdEdition: z.number().int().nullable() }).nullable(),
    practiceDecileBases: z.array(z.string()),
    description: z.string().openapi({ description: "The basis in words, as the CLI prints it" }),
  })
  .openapi("DeprivationMix");

export const Overview = z
  .object({
    synthetic: z.boolean(),
    date: z.string(),
    scope: z.object({ kind: z.enum(["england", "icb", "sub-icb", "practices"]) }).passthrough(),
    summary: z
      .object({
        practices: z.number().int(),
        patients: z.number().int(),
        pcns: z.number().int(),
        deprivation: DeprivationMix.nullable(),
      })
      .passthrough(),
    subAreas: z.array(z.object({ area: orgRef }).passthrough()),
    pcns: z.array(z.object({ code: z.string(), name: z.string(), listSize: z.number(), band }).passthrough()),
    sources: z.object({ map: z.object({ period: z.string() }).passthrough() }).passthrough(),
    footprint: footprintLabel,
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
    totals: z.object({ deprivation: DeprivationMix }).passthrough(),
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

const saveAs = z
  .object({
    name: z.string().min(1).max(80),
    replace: z.boolean().optional(),
  })
  .openapi({ description: "save the outcome as a scenario of this name" });

const practiceCodes = (min: number) =>
  z
    .array(z.string().min(3).max(10))
    .min(min)
    .max(200)
    .openapi({ description: "ODS practice codes", example: ["M83001"] });

const pictureBody = {
  demo: z.boolean().optional().openapi({ description: "the synthetic demo ICS instead of real data" }),
  date: isoDate.optional().openapi({ description: "the picture as it stood on this date" }),
  lists: isoDate
    .optional()
    .openapi({ description: "list sizes of the newest list file on or before this date" }),
};

export const CompareQuery = z.object({
  a: z.string().min(1).max(80).openapi({ description: "a saved scenario, or today", example: "today" }),
  b: z.string().min(1).max(80).openapi({ description: "a saved scenario, or today", example: "qnc-design" }),
});

export const ImportScenarioQuery = z.object({
  as: z
    .string()
    .min(1)
    .max(80)
    .optional()
    .openapi({ description: "save under this name instead of the file's" }),
  replace: flag.openapi({ description: "replace a scenario of the same name" }),
});

export const ScenarioImport = z
  .object({
    scenario: z.object({}).passthrough(),
    unknownPractices: z.array(z.string()),
    warnings: z.array(z.string()),
  })
  .openapi("ScenarioImport");

export const ClosureBody = z
  .object({
    ...pictureBody,
    practices: practiceCodes(1),
    model: z.enum(["nearest", "choice"]).optional().openapi({ description: "default nearest" }),
    maxKm: z
      .number()
      .positive()
      .max(200)
      .optional()
      .openapi({ description: "furthest a patient is sent, km (default 10)" }),
    cap: z.string().max(40).optional().openapi({
      description: "capacity of each receiver: growth:20%, growth:2000 or per-gp-fte:2500",
      example: "growth:20%",
    }),
    decay: z.number().min(0).optional().openapi({ description: "choice model: distance decay per km" }),
    attractiveness: z
      .number()
      .min(0)
      .optional()
      .openapi({ description: "choice model: exponent on list size" }),
    save: saveAs.optional(),
  })
  .openapi("ClosureRequest");

export const MergerBody = z
  .object({
    ...pictureBody,
    practices: practiceCodes(2),
    into: z
      .string()
      .min(3)
      .max(10)
      .optional()
      .openapi({ description: "the practice whose code, name and PCN the merged practice keeps" }),
    save: saveAs.optional(),
  })
  .openapi("MergerRequest");

const workforceSource = {
  demo: flag.openapi({ description: "the synthetic demo ICS instead of real data" }),
  date: isoDate.optional().openapi({ description: "the reference map in force on this date" }),
  icb: AreaQuery.shape.icb,
};
const top = z.coerce
  .number()
  .int()
  .min(1)
  .max(10_000)
  .optional()
  .openapi({ description: "only the first N rows" });
const level = z
  .enum(["icb", "sub-icb", "pcn", "practice"])
  .optional()
  .openapi({ description: "rows by icb (default), sub-icb, pcn or practice" });

export const WorkforceTrendsQuery = z.object({
  ...workforceSource,
  by: level,
  footprint: isoDate.optional().openapi({
    description:
      "count every period over the ICB footprint in force on this date: the newest map's for 'as it is now', an earlier date for 'as it was'",
    example: "2026-08-01",
  }),
});

export const WorkforcePartnersQuery = z.object({
  ...workforceSource,
  by: level,
  from: z
    .string()
    .max(10)
    .optional()
    .openapi({ description: "first period, e.g. FY2022-23", example: "FY2022-23" }),
  to: z.string().max(10).optional().openapi({ description: "last period, e.g. FY2024-25" }),
  rank: z.enum(["pct", "fte"]).optional().openapi({ description: "rank by per cent (default) or FTE" }),
  top,
});

export const WorkforceArrsQuery = z.object({
  demo: workforceSource.demo,
  icb: AreaQuery.shape.icb,
  pcn: z.string().min(1).max(20).optional().openapi({ description: "only this PCN: its roles" }),
  period: z.string().max(20).optional().openapi({ description: "the PCN workforce census, e.g. 2022-09" }),
  year: z
    .string()
    .max(10)
    .optional()
    .openapi({ description: "cost at this contract year's figures, e.g. 2024-25" }),
  date: isoDate
    .optional()
    .openapi({ description: "weighted populations of the map and lists in force on this date" }),
});

export const WorkforceRiskQuery = z.object({
  ...workforceSource,
  pcn: z.string().min(1).max(20).optional(),
  practice: z.string().min(3).max(10).optional().openapi({ description: "one practice: every component" }),
  top,
});

const fundingScope = {
  demo: flag.openapi({ description: "the synthetic demo ICS instead of real data" }),
  date: isoDate.optional().openapi({ description: "the map and lists in force on this date" }),
  icb: AreaQuery.shape.icb,
  subIcb: AreaQuery.shape.subIcb,
};
const contractYear = z
  .string()
  .regex(/^\d{4}-\d{2}$/, "expected a contract year such as 2025-26")
  .optional()
  .openapi({ description: "contract year, e.g. 2025-26", example: "2025-26" });
const method = z.enum(["equal", "weighted", "need", "custom"]).optional().openapi({
  description: "equal (per head), weighted (capitation), need (weighted + HI share; default) or custom",
});
const weights = z
  .string()
  .max(200)
  .optional()
  .openapi({ description: "custom weights summing to 1", example: "registered:0.2,weighted:0.65,hi:0.15" });

export const EntitlementsQuery = z.object({
  ...fundingScope,
  year: contractYear,
  scenario: z
    .string()
    .min(1)
    .max(80)
    .optional()
    .openapi({ description: "a saved scenario (design, closure or merger)" }),
});

export const AllocateBody = z
  .object({
    demo: z.boolean().optional(),
    date: isoDate.optional(),
    icb: AreaQuery.shape.icb,
    subIcb: AreaQuery.shape.subIcb,
    fund: z
      .string()
      .min(1)
      .max(40)
      .openapi({ description: "the fund in £: 1000000, £1,000,000.00, 1.5m or 250k", example: "1.5m" }),
    method,
    hiShare: z
      .number()
      .min(0)
      .max(1)
      .optional()
      .openapi({ description: "health-inequalities share of method need (default 0.15)" }),
    weights,
    floor: z
      .string()
      .max(40)
      .optional()
      .openapi({ description: "a floor per unit: £ per head or a share of the equal share" }),
    cap: z.string().max(40).optional().openapi({ description: "a cap per unit" }),
    by: z.enum(["practice", "network"]).optional(),
    pcns: z.array(z.string().min(1).max(20)).max(500).optional(),
    practices: z.array(z.string().min(3).max(10)).max(5000).optional(),
    exclude: z.array(z.string().min(3).max(10)).max(5000).optional(),
    save: z.object({ name: z.string().min(1).max(80), replace: z.boolean().optional() }).optional(),
  })
  .openapi("AllocateRequest");

export const AuditQuery = z.object({
  ...fundingScope,
  year: contractYear,
  fund: z.string().max(40).optional(),
  method,
  hiShare: z.string().max(10).optional(),
  weights,
  floor: z.string().max(40).optional().openapi({
    description: "the flexed allocation's floor per practice, as POST /api/funding/allocate takes it",
  }),
  cap: z.string().max(40).optional().openapi({ description: "the flexed allocation's cap per practice" }),
  excludeOutliers: flag.openapi({ description: "leave flagged outliers out of per-head figures" }),
});

export const HistoryQuery = z.object({
  ...fundingScope,
  by: z.enum(["area", "icb", "sub-icb", "quintile", "practice"]).optional(),
  practice: z.string().max(2000).optional().openapi({ description: "comma-separated practice codes" }),
  excludeOutliers: flag,
});

export const ModelQuery = z.object({
  ...fundingScope,
  fitYear: z.string().max(12).optional().openapi({ description: "payments year to fit on, e.g. 2022-23" }),
  testYear: z.string().max(12).optional().openapi({ description: "payments year to score on" }),
});

export const Job = z
  .object({
    id: z.string(),
    kind: z.string(),
    status: z.enum(["running", "done", "failed", "cancelled"]),
    startedAt: z.string(),
    endedAt: z.string().nullable(),
    progress: z
      .object({
        stage: z.string(),
        done: z.number().optional(),
        total: z.number().optional(),
        message: z.string().optional(),
      })
      .nullable(),
    result: z.unknown().optional(),
    problem: Problem.optional(),
  })
  .openapi("Job");

export const DesignJobBody = DesignBody.extend({
  exact: z.boolean().optional().openapi({ description: "solve exactly with HiGHS (one ICB or place)" }),
  mipTimeLimitSeconds: z.number().positive().max(3600).optional(),
  england: z.boolean().optional().openapi({ description: "design every ICB of England" }),
}).openapi("DesignJobRequest");

export const BacktestJobBody = z
  .object({
    demo: z.boolean().optional(),
    report: z
      .enum(["models", "dispersals"])
      .optional()
      .openapi({ description: "models (default) or dispersals" }),
    maxKm: z.number().positive().max(200).optional(),
    cap: z.string().max(40).optional().openapi({ description: "growth:20%, growth:2000 or none" }),
    mergerKm: z.number().positive().max(200).optional(),
    from: isoDate.optional().openapi({ description: "dispersals: the earlier list snapshot of one pair" }),
    to: isoDate.optional().openapi({ description: "dispersals: the later list snapshot of the pair" }),
  })
  .openapi("BacktestJobRequest");

export const ImportJobBody = z
  .object({
    paths: z
      .array(z.string().min(1).max(4096))
      .min(1)
      .max(100)
      .openapi({ description: "files or folders on the server", example: ["../shared/data"] }),
    as: z.string().max(60).optional().openapi({ description: "read every file as this format" }),
    date: z
      .string()
      .max(10)
      .optional()
      .openapi({ description: "YYYY-MM: the date of files that carry none" }),
  })
  .openapi("ImportJobRequest");

export const EnsembleJobBody = DesignBody.pick({
  demo: true,
  date: true,
  lists: true,
  icb: true,
  subIcb: true,
  basis: true,
  band: true,
  seed: true,
})
  .extend({
    steps: z.number().int().min(1).max(1_000_000).optional().openapi({ description: "default 10,000" }),
    thin: z
      .number()
      .int()
      .min(1)
      .max(1000)
      .optional()
      .openapi({ description: "record every n-th plan (default 10)" }),
    scenarios: z
      .array(z.string().min(1).max(80))
      .max(10)
      .optional()
      .openapi({ description: "saved scenarios to place" }),
  })
  .openapi("EnsembleJobRequest");

// ---- ICB footprints over time ----

export const IcbsQuery = z.object({
  demo: flag.openapi({ description: "the synthetic demo ICS instead of real data" }),
  date: isoDate
    .optional()
    .openapi({ description: "the date (default: the newest map's)", example: "2026-03-31" }),
  icb: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "only this ICB: ODS or ONS code, or part of its name", example: "S0E4D" }),
});

export const IcbChangesQuery = z.object({
  demo: flag.openapi({ description: "the synthetic demo ICS instead of real data" }),
  icb: z
    .string()
    .min(1)
    .max(100)
    .optional()
    .openapi({ description: "only the links of this ICB, old or new (code or part of its name)" }),
  from: isoDate
    .optional()
    .openapi({ description: "the earlier footprint's date (default: the day before the newest ODS change)" }),
  to: isoDate.optional().openapi({ description: "the later footprint's date (default: the newest map's)" }),
});

export const IcbOnQuery = z.object({
  demo: flag.openapi({ description: "the synthetic demo ICS instead of real data" }),
  practice: z.string().min(1).max(10).openapi({ description: "practice ODS code", example: "K81001" }),
  date: isoDate.openapi({ description: "the date", example: "2026-03-31" }),
});

export const IcbFootprintQuery = z.object({
  demo: flag.openapi({ description: "the synthetic demo ICS instead of real data" }),
  icb: z
    .string()
    .min(1)
    .max(100)
    .openapi({ description: "ICB by ODS or ONS code, old or new, or part of its name", example: "S0E4D" }),
  footprint: isoDate
    .optional()
    .openapi({ description: "the footprint's date (default: the newest map's, as it is now)" }),
});
