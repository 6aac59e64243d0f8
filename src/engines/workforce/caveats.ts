// The notes a planner must read with workforce figures: what each period is, where partner detail starts,
// which file each overlapping year comes from, how practices since closed are placed in today's geography,
// and which list sizes the ratios use.
import type { PracticeYear, WorkforceHistory } from "../../model/workforce.ts";
import type { ChosenPeriods } from "./periods.ts";

export interface Placement {
  /** Practices with workforce rows, by how they were placed in the reference map's geography. */
  map: number;
  olderMap: number;
  register: number;
  /** Practices that could not be placed in any ICB: they count in England's totals only. */
  unplaced: number;
  /** GP FTE of the unplaced practices in the first period. */
  unplacedGpFteFirst: number;
}

export function placementOf(history: WorkforceHistory, rows: readonly PracticeYear[]): Placement {
  const seen = new Set<string>();
  const p: Placement = { map: 0, olderMap: 0, register: 0, unplaced: 0, unplacedGpFteFirst: 0 };
  let first = Infinity;
  for (const r of rows) first = Math.min(first, r.fiscalYear);
  for (const r of rows) {
    const a = history.areas.get(r.practiceCode);
    if (!a && r.fiscalYear === first) p.unplacedGpFteFirst += r.gpFte ?? 0;
    if (seen.has(r.practiceCode)) continue;
    seen.add(r.practiceCode);
    if (!a) p.unplaced++;
    else if (a.basis === "map") p.map++;
    else if (a.basis === "older-map") p.olderMap++;
    else p.register++;
  }
  return p;
}

const count = (n: number) => n.toLocaleString("en-GB");

/** The notes of a workforce result; `inScope` are the rows of the area asked for (default all). */
export function workforceCaveats(
  history: WorkforceHistory,
  chosen: ChosenPeriods,
  inScope: readonly PracticeYear[] = chosen.rows,
): string[] {
  const notes: string[] = [];
  const { periods } = chosen;
  if (periods.length === 0) return ["No practice workforce file is loaded."];
  const first = periods[0]!;
  const last = periods[periods.length - 1]!;
  notes.push(
    `Periods are fiscal years ${first.label} to ${last.label}: each figure is the mean of the workforce ` +
      "snapshots within the year (HEEC's derivation of NHS Digital's General Practice Workforce: one " +
      "September snapshot a year up to 2020, quarterly to June 2021, monthly after), not a published snapshot.",
  );
  const partners = periods.filter((p) => p.hasPartners);
  if (partners.length > 0) {
    notes.push(
      `Partner detail exists only for ${partners[0]!.label}–${partners[partners.length - 1]!.label}. A ` +
        "partner is a GP senior partner or partner/provider (nurse and management partners are excluded); " +
        "GPs are GPs excluding GPs in training and locums; 'salaried and other' = GPs − partners; locums " +
        "and GPs in training are one group in the files.",
    );
  } else notes.push("No period has partner detail: partner figures are unavailable.");
  notes.push(...chosen.overlaps);
  const pl = placementOf(history, inScope);
  const map = history.picture.sources.map.period;
  if (pl.olderMap + pl.register + pl.unplaced > 0) {
    notes.push(
      `Areas are those of the ${map} map. ${count(pl.olderMap + pl.register + pl.unplaced)} practices with ` +
        `workforce records are not in it (closed or merged before it, or opened after it): ${count(pl.olderMap)} are placed through an ` +
        `earlier map and ${count(pl.register)} through the practice register (ICB and place only)` +
        (pl.unplaced > 0
          ? `; ${count(pl.unplaced)} cannot be placed and count in England's totals only (` +
            `${pl.unplacedGpFteFirst.toLocaleString("en-GB", { maximumFractionDigits: 1 })} GP FTE in ${first.label}).`
          : "."),
    );
  } else notes.push(`Areas are those of the ${map} map.`);
  const weightedYears = periods.filter((p) => history.weighted.has(p.fiscalYear)).map((p) => p.label);
  notes.push(
    "Per 10,000 patients uses the registered patients recorded in the workforce file for the same period " +
      "(practices reporting both). " +
      (weightedYears.length > 0
        ? `Per 10,000 weighted patients uses the Carr-Hill weighted list of the NHS Payments file of the same ` +
          `fiscal year: ${weightedYears.join(", ")}.`
        : "No NHS Payments file of a workforce period is loaded: no per-weighted-patient figures."),
  );
  const missingGp = inScope.filter((r) => r.gpFte === null).length;
  if (missingGp > 0) {
    notes.push(
      `${count(missingGp)} practice-years have no GP figures in the file (NA); they count as practices but not in totals or ratios.`,
    );
  }
  return notes;
}
