// Renders a closure scenario: what closes and how patients are re-homed, the receiving practices, patients
// not placed and why, and the effect on each PCN (size band, weighted list, ARRS, patients per GP FTE);
// and the CSV rows (practices or PCNs) the command writes with --format csv.
import type { ClosureOutcome } from "../../app/closure.ts";
import type { PcnEffect } from "../../engines/scenarios/pcn-effects.ts";
import { bandLabels } from "../../model/pcn-band.ts";
import { contractYearOn } from "../../config/pcn-contract.ts";
import {
  footprintLines,
  formatCount,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatSignedCount,
  formatSignedMoney,
  renderTable,
} from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

const dash = "–";
const n0 = (v: number | null) => (v === null ? dash : formatCount(v));
const km = (v: number | null) => (v === null ? dash : formatDecimal(v, 2));
const money = (v: number | null) => formatMoney(v);
const signed = (v: number) => formatSignedCount(v);
const signedMoney = (v: number | null) => (v === null ? dash : formatSignedMoney(v));

export const modelName = (model: string) =>
  model === "nearest" ? "nearest with capacity" : "patient choice (Huff)";

/** PCN rows before and after, shared with the merger renderer. */
export function pcnEffectTable(pcns: readonly PcnEffect[], date: string): string {
  const labels = bandLabels(contractYearOn(date));
  return renderTable(
    [
      "PCN",
      "Name",
      "Practices",
      "List before",
      "After",
      "Change",
      "Band before",
      "After",
      "Weighted after",
      "ARRS change",
      "Pts/GP FTE before",
      "After",
    ],
    pcns.map((p) => [
      p.code,
      p.name,
      p.practicesBefore === p.practicesAfter
        ? String(p.practicesAfter)
        : `${p.practicesBefore}→${p.practicesAfter}`,
      formatCount(p.listBefore),
      formatCount(p.listAfter),
      signed(p.listAfter - p.listBefore),
      labels[p.bandBefore],
      p.bandAfter === p.bandBefore ? "same" : labels[p.bandAfter],
      `${n0(p.weightedAfter)}${p.weightedEstimated ? "*" : ""}`,
      p.arrsAfter === null || p.arrsBefore === null ? dash : signedMoney(p.arrsAfter - p.arrsBefore),
      n0(p.patientsPerGpFteBefore),
      n0(p.patientsPerGpFteAfter),
    ]),
  );
}

export interface ClosureRenderOptions {
  saved?: string;
  /** Receiving practices and PCNs shown (default 20 and 15; all are in --format csv). */
  top?: number;
  topPcns?: number;
  /** Print the synthetic banner for demo data (default true; `icsplan demo` prints its own). */
  banner?: boolean;
}

export function renderClosure(outcome: ClosureOutcome, options: ClosureRenderOptions = {}): string {
  const { result: r, picture } = outcome;
  const top = options.top ?? 20;
  const topPcns = options.topPcns ?? 15;
  const banner = picture.synthetic && options.banner !== false;
  const out: string[] = [];
  if (banner) out.push(SYNTHETIC_BANNER, "");
  out.push(
    `Closure scenario: ${outcome.areaName} (${outcome.area}), map of ${picture.sources.map.period}, lists of ${picture.sources.lists?.period ?? "(none)"}`,
    ...footprintLines(outcome.footprint),
    `Model: ${modelName(r.model)}${r.choice ? ` (decay ${r.choice.decayPerKm} per km, attractiveness list^${r.choice.attractivenessExponent})` : ""}; within ${r.maxKm} km of home; cap ${r.cap}: ${r.capDescription}`,
    `Patients start from: ${outcome.catchmentsLabel && r.closed.some((c) => c.origins === "lsoa") ? `${outcome.catchmentsLabel} where they cover the practice, else the practice site` : "the practice site (no LSOA registrations loaded for these practices)"}`,
    "",
  );
  const t = r.totals;
  const share = (x: number) => (t.toRehome > 0 ? ` (${formatPercent(x / t.toRehome)})` : "");
  out.push(
    `Patients to re-home  ${formatCount(t.toRehome)} from ${r.closed.length} practice${r.closed.length === 1 ? "" : "s"}`,
    `Placed               ${formatCount(t.placed)}${share(t.placed)} with ${formatCount(t.receivingPractices)} practices` +
      (t.meanKm === null ? "" : `; mean ${km(t.meanKm)} km from home`) +
      (t.placedOutsideIcb > 0 ? `; ${formatCount(t.placedOutsideIcb)} with practices in another ICB` : ""),
    `Not placed           ${formatCount(r.notPlaced.total)}${share(r.notPlaced.total)}` +
      (r.notPlaced.total > 0
        ? `: no practice within ${r.maxKm} km ${formatCount(r.notPlaced.noPracticeInRange)}, all full ${formatCount(r.notPlaced.allFull)}, no location ${formatCount(r.notPlaced.noLocation)}`
        : ""),
    `Conservation         ${formatCount(t.patientsBefore)} patients in the map before = ${formatCount(t.patientsAfter)} after + ${formatCount(r.notPlaced.total)} not placed`,
    "",
    "Closing practices",
    renderTable(
      ["Code", "Name", "PCN", "List", "From", "Placed", "Not placed", "Mean km", "Largest receivers"],
      r.closed.map((c) => [
        c.code,
        c.name,
        c.pcnCode,
        c.listKnown ? formatCount(c.listSize) : dash,
        c.origins === "lsoa" ? `${c.lsoas} LSOAs` : "site",
        formatCount(c.placed),
        formatCount(c.notPlaced.total),
        km(c.meanKm),
        c.receivers
          .slice(0, 3)
          .map((x) => `${x.code} ${formatCount(x.patients)}`)
          .join(", ") || dash,
      ]),
    ),
    "",
  );
  if (r.receivers.length > 0) {
    out.push(
      `Receiving practices${r.receivers.length > top ? ` (the ${top} largest gains of ${r.receivers.length}; all with --format csv)` : ""}`,
      renderTable(
        [
          "Code",
          "Name",
          "PCN",
          "List",
          "Gain",
          "After",
          "Growth",
          "Capacity",
          "Mean km",
          "Pts/GP FTE before",
          "After",
        ],
        r.receivers
          .slice(0, top)
          .map((x) => [
            x.code,
            x.name,
            x.pcnCode,
            formatCount(x.listBefore),
            `+${formatCount(x.gain)}`,
            formatCount(x.listAfter),
            Number.isFinite(x.growth) ? formatPercent(x.growth) : dash,
            n0(x.capacity),
            km(x.meanKm),
            n0(x.patientsPerGpFteBefore),
            n0(x.patientsPerGpFteAfter),
          ]),
      ),
      "",
    );
  }
  if (r.pcns.length > 0) {
    const arrsBefore = r.pcns.reduce((a, p) => a + (p.arrsBefore ?? 0), 0);
    const arrsAfter = r.pcns.reduce((a, p) => a + (p.arrsAfter ?? 0), 0);
    const change = (p: PcnEffect) => Math.abs(p.listAfter - p.listBefore);
    const banded = (p: PcnEffect) => (p.bandAfter !== p.bandBefore ? 1 : 0);
    const sorted = [...r.pcns].sort(
      (a, b) => banded(b) - banded(a) || change(b) - change(a) || a.code.localeCompare(b.code),
    );
    const rest = sorted.slice(topPcns);
    out.push(
      `PCNs touched (bands of contract year ${r.contractYear}; ARRS at ${r.arrsYear ?? "no"} rates; * weighted list partly estimated)`,
      pcnEffectTable(sorted.slice(0, topPcns), r.date),
      ...(rest.length > 0
        ? [
            `… and ${rest.length} more PCNs whose lists change by at most ${formatCount(Math.max(...rest.map(change)))} patient${Math.max(...rest.map(change)) === 1 ? "" : "s"} each (patients living far from the practice; all with --format csv --rows pcns).`,
          ]
        : []),
      `ARRS entitlement of these PCNs: ${money(arrsBefore)} before, ${money(arrsAfter)} after (${signedMoney(arrsAfter - arrsBefore)}; the closed practices' patients not placed take their share with them).`,
      "",
    );
  }
  if (r.notes.length > 0) out.push("Notes", ...r.notes.map((n) => `- ${n}`), "");
  if (options.saved)
    out.push(`Saved as scenario '${options.saved}' (icsplan scenarios show '${options.saved}').`, "");
  if (banner) out.push(SYNTHETIC_BANNER);
  return out.join("\n").trimEnd();
}

type Cell = string | number | boolean | null;

/** One row per closing and receiving practice. */
export function closurePracticeRecords(outcome: ClosureOutcome): Record<string, Cell>[] {
  const r = outcome.result;
  const rows: Record<string, Cell>[] = r.closed.map((c) => ({
    practice_code: c.code,
    practice_name: c.name,
    role: "closed",
    pcn_code: c.pcnCode,
    pcn_name: c.pcnName,
    icb_code: c.icbCode,
    list_before: c.listSize,
    change: -c.listSize,
    list_after: 0,
    capacity: null,
    mean_km: c.meanKm === null ? null : Number(c.meanKm.toFixed(3)),
    gp_fte: null,
    patients_per_gp_fte_before: null,
    patients_per_gp_fte_after: null,
    weighted_before: c.weightedList,
    weighted_after: 0,
    weighted_estimated: c.weightedEstimated,
    origins: c.origins === "lsoa" ? `${c.lsoas} LSOAs` : "site",
    placed: c.placed,
    not_placed_no_practice_in_range: c.notPlaced.noPracticeInRange,
    not_placed_all_full: c.notPlaced.allFull,
    not_placed_no_location: c.notPlaced.noLocation,
  }));
  for (const x of r.receivers)
    rows.push({
      practice_code: x.code,
      practice_name: x.name,
      role: "receiver",
      pcn_code: x.pcnCode,
      pcn_name: x.pcnName,
      icb_code: x.icbCode,
      list_before: x.listBefore,
      change: x.gain,
      list_after: x.listAfter,
      capacity: x.capacity,
      mean_km: Number(x.meanKm.toFixed(3)),
      gp_fte: x.gpFte,
      patients_per_gp_fte_before:
        x.patientsPerGpFteBefore === null ? null : Math.round(x.patientsPerGpFteBefore),
      patients_per_gp_fte_after:
        x.patientsPerGpFteAfter === null ? null : Math.round(x.patientsPerGpFteAfter),
      weighted_before: x.weightedBefore === null ? null : Math.round(x.weightedBefore),
      weighted_after: x.weightedAfter === null ? null : Math.round(x.weightedAfter),
      weighted_estimated: x.weightedEstimated,
      origins: null,
      placed: null,
      not_placed_no_practice_in_range: null,
      not_placed_all_full: null,
      not_placed_no_location: null,
    });
  return rows;
}

/** One row per PCN touched (shared with the merger command). */
export function pcnEffectRecords(pcns: readonly PcnEffect[]): Record<string, Cell>[] {
  const round = (v: number | null) => (v === null ? null : Math.round(v));
  return pcns.map((p) => ({
    pcn_code: p.code,
    pcn_name: p.name,
    practices_before: p.practicesBefore,
    practices_after: p.practicesAfter,
    list_before: p.listBefore,
    list_after: p.listAfter,
    band_before: p.bandBefore,
    band_after: p.bandAfter,
    weighted_before: round(p.weightedBefore),
    weighted_after: round(p.weightedAfter),
    weighted_estimated: p.weightedEstimated,
    arrs_before: round(p.arrsBefore),
    arrs_after: round(p.arrsAfter),
    patients_per_gp_fte_before: round(p.patientsPerGpFteBefore),
    patients_per_gp_fte_after: round(p.patientsPerGpFteAfter),
  }));
}

/** The JSON document of a closure (everything, with the data it stands on). */
