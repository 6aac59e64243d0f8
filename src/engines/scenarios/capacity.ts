// How many patients a receiving practice can take in a closure scenario: a cap on list growth (a share of
// today's list or a number of patients) or on patients per GP FTE. The cap is the planner's choice; no
// national figure exists (commissioners "limit allocations to what each practice can absorb", PQ answer
// parallelparliament.co.uk/question/207257; see ../shared/docs/domain.md §C6).
import { ScenarioRequestError } from "./errors.ts";

export type CapacityCap =
  /** Each practice may grow by at most this share of its list (percent). */
  | { kind: "growth-percent"; percent: number }
  /** Each practice may take at most this many patients. */
  | { kind: "growth-patients"; patients: number }
  /** No practice may go above this many patients per GP FTE (GPs excluding trainees and locums). */
  | { kind: "per-gp-fte"; patients: number };

/** The default cap, an assumption to be replaced by local knowledge: each practice may grow by 20%. */
export const DEFAULT_CAP: CapacityCap = { kind: "growth-percent", percent: 20 };

const positive = (text: string, what: string, spec: string, unit = ""): number => {
  const v = Number(text.replaceAll(",", "").replaceAll("_", ""));
  if (text.trim() === "" || !Number.isFinite(v))
    throw new ScenarioRequestError(`capacity cap '${spec}': ${what} must be a number; found '${text}'`);
  if (v <= 0)
    throw new ScenarioRequestError(
      `capacity cap '${spec}': ${what} must be above 0 (a cap of ${v}${unit} lets no practice take a patient)`,
    );
  return v;
};

/**
 * Reads `growth:20%`, `growth:2000` or `per-gp-fte:2500`; ScenarioRequestError on anything else or on a cap
 * of zero or less.
 * @example parseCapacityCap("growth:15%") // → { kind: "growth-percent", percent: 15 }
 */
export function parseCapacityCap(spec: string): CapacityCap {
  const m = /^\s*([a-z-]+)\s*:\s*(.*?)\s*$/i.exec(spec);
  const kind = m?.[1]?.toLowerCase();
  const value = m?.[2] ?? "";
  if (kind === "growth") {
    if (value.endsWith("%"))
      return {
        kind: "growth-percent",
        percent: positive(value.slice(0, -1), "the growth share", spec, "%"),
      };
    return { kind: "growth-patients", patients: positive(value, "the number of patients", spec) };
  }
  if (kind === "per-gp-fte")
    return { kind: "per-gp-fte", patients: positive(value, "patients per GP FTE", spec) };
  throw new ScenarioRequestError(
    `capacity cap must be growth:<percent>% (e.g. growth:20%), growth:<patients> (e.g. growth:2000) or ` +
      `per-gp-fte:<patients> (e.g. per-gp-fte:2500); found '${spec}'`,
  );
}

/** The cap as it is written on the command line. */
export function capText(cap: CapacityCap): string {
  if (cap.kind === "growth-percent") return `growth:${cap.percent}%`;
  if (cap.kind === "growth-patients") return `growth:${cap.patients}`;
  return `per-gp-fte:${cap.patients}`;
}

/** The cap in words, for reports. */
export function describeCap(cap: CapacityCap): string {
  const n = (v: number) => v.toLocaleString("en-GB");
  if (cap.kind === "growth-percent")
    return `each practice may grow by at most ${n(cap.percent)}% of its list`;
  if (cap.kind === "growth-patients") return `each practice may take at most ${n(cap.patients)} patients`;
  return `no practice may go above ${n(cap.patients)} patients per GP FTE`;
}

/**
 * Whole patients a practice can take under the cap, or null when it cannot be judged (a per-GP-FTE cap on
 * a practice with no GP FTE recorded). A practice already above a per-GP-FTE cap can take none.
 * @example practiceCapacity({ kind: "growth-percent", percent: 20 }, 8_000, null) // → 1600
 */
export function practiceCapacity(cap: CapacityCap, listSize: number, gpFte: number | null): number | null {
  if (cap.kind === "growth-percent") return Math.floor((listSize * cap.percent) / 100 + 1e-9);
  if (cap.kind === "growth-patients") return Math.floor(cap.patients + 1e-9);
  if (gpFte === null || !(gpFte > 0)) return null;
  return Math.max(0, Math.floor(cap.patients * gpFte + 1e-9) - listSize);
}
