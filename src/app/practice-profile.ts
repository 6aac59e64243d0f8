// Use case: one practice's profile, for its page: the practice as listed (PCN, list, workforce,
// deprivation), its workforce over the years, its payments over the years, and its partnership risk with
// every component. Each part comes from the use case that owns it, so the page shows the figures the CLI
// and the other routes give.
import { RequestError, UnknownAreaError } from "../model/errors.ts";
import type { Store } from "../store/store.ts";
import { historyReport, type HistoryReport } from "./funding-audit.ts";
import type { PictureRequest } from "./picture.ts";
import { searchPractices, type SearchMatch } from "./practices.ts";
import { riskUseCase, trendsUseCase } from "./workforce.ts";

export interface PracticeProfileRequest extends PictureRequest {
  code: string;
}

type Trends = Awaited<ReturnType<typeof trendsUseCase>>;
type Risk = Awaited<ReturnType<typeof riskUseCase>>;

export interface PracticeProfile {
  synthetic: boolean;
  date: string;
  /** The ICB footprint of the map the practice's ICB is that of, e.g. "ICB footprint from 2026-04-01 (…)". */
  footprint: string | null;
  practice: SearchMatch;
  /** The practice's workforce series (null when the workforce files have no record of it). */
  workforce: { periods: Trends["periods"]; series: Trends["areas"][number] | null; caveats: string[] } | null;
  /** Its payments per year (null when no payments file is loaded). */
  payments: Pick<HistoryReport, "years" | "series" | "outliers" | "caveats"> | null;
  /** Its partnership risk and each component (null when it has no workforce record to score). */
  risk: Risk["practices"][number] | null;
  /** Why a part is missing. */
  notes: string[];
}

/** A part that cannot be had for this data (no such files loaded) is null with a note; other errors throw. */
async function optional<T>(notes: string[], what: string, work: () => Promise<T>): Promise<T | null> {
  try {
    return await work();
  } catch (error) {
    if (!(error instanceof RequestError)) throw error;
    notes.push(`${what}: ${error.message}`);
    return null;
  }
}

export async function practiceProfile(
  store: Store,
  request: PracticeProfileRequest,
): Promise<PracticeProfile> {
  const code = request.code.trim().toUpperCase();
  const found = await searchPractices(store, { ...request, query: code, limit: 1 });
  const practice = found.rows[0];
  if (!practice || practice.matched !== "code" || practice.practice_code !== code)
    throw new UnknownAreaError(`no practice has the code '${request.code}' on the ${found.map} map`, "code");
  const notes: string[] = [];
  const source = { synthetic: request.synthetic ?? false, date: request.date };
  const trends = await optional(notes, "workforce", () =>
    trendsUseCase(store, source, { by: "practice", icb: practice.icb_code }),
  );
  const series = trends?.areas.find((a) => a.area.code === code) ?? null;
  if (trends && !series) notes.push("workforce: the workforce files have no record of this practice");
  const history = await optional(notes, "payments", () =>
    historyReport(store, { ...source, by: "practice", practices: [code] }),
  );
  const risk = await optional(notes, "risk", () => riskUseCase(store, source, { practice: code }));
  return {
    synthetic: found.synthetic,
    date: found.date,
    footprint: found.footprint,
    practice,
    workforce: trends && { periods: trends.periods, series, caveats: trends.caveats },
    payments: history && {
      years: history.years,
      series: history.series,
      outliers: history.outliers,
      caveats: history.caveats,
    },
    risk: risk?.practices.find((p) => p.practice.code === code) ?? null,
    notes,
  };
}
