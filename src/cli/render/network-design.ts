// Renders a network design beside today's map: the comparison figures `networks compare` prints (via
// compare.ts), the design's objective, its networks, and what it had to relax.
import type { LoadedNetworkInstance } from "../../app/network-instance.ts";
import { designComparison, designData, englandRows, type NetworkDesign } from "../../app/networks.ts";
import type { EnglandDesign } from "../../app/network-england.ts";
import type { DesignResult, MapFigures } from "../../engines/networks/design/index.ts";
import type { Picture } from "../../model/picture.ts";
import type { ExactResult } from "../../engines/networks/exact/design-exact.ts";
import type { NetworkInstance } from "../../engines/networks/instance.ts";
import { footprintLines, formatCount, formatPercent, renderTable } from "../format.ts";
import { comparisonFigures, instanceHeader } from "./networks.ts";

const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/** Practice code → name. */
const practiceNames = (instance: NetworkInstance) =>
  new Map(instance.practiceCodes.map((c, p) => [c, instance.practiceNames[p] ?? ""]));

/** The design as the CLI's --format json prints it: the design's data, today's map against it as figures. */
export function designJson(outcome: NetworkDesign) {
  const cmp = designComparison(outcome.loaded, outcome.design);
  return {
    ...designData(outcome),
    comparison: comparisonFigures(cmp).map((r) => ({ figure: r.figure, today: r.a, design: r.b })),
    /** The localisation index of today's map and of the design (null without LSOA registrations). */
    localisation: {
      today: cmp.a.localisation,
      design: cmp.b.localisation,
      designNetworks: Object.fromEntries(cmp.b.networks.map((n) => [n.code, n.localisation])),
    },
  };
}

/** Which method produced the design, for the summary line. */
export function designMethod(result: DesignResult): string {
  return result.method === "exact"
    ? "exact mode (set partitioning by column generation with HiGHS, started from the heuristic's design)"
    : `heuristic (construction, annealing, local descent), seed ${result.seed}, ${formatCount(result.iterations)} proposals`;
}

export function renderDesign(loaded: LoadedNetworkInstance, result: DesignResult): string {
  const cmp = designComparison(loaded, result);
  const names = practiceNames(loaded.instance);
  // Practices by code and name (names cut to 24 characters), at most four, then how many more.
  const members = (codes: string[]) =>
    codes
      .slice(0, 4)
      .map((c) => `${c} ${cut(names.get(c) ?? "", 24)}`.trim())
      .join("; ") + (codes.length > 4 ? `; … (${codes.length - 4} more)` : "");
  const out = [...instanceHeader(loaded, cmp.a), ""];
  const o = result.objective;
  out.push(
    `Design: ${designMethod(result)}, ${result.seconds.toFixed(2)} s; ` +
      `band ${formatCount(result.band.min)}–${formatCount(result.band.max)}.`,
    "",
    renderTable(
      ["", "Today", "Design"],
      [
        ...comparisonFigures(cmp).map((r) => [r.figure, r.a, r.b]),
        ["Practices moved", "–", `${cmp.practicesMoved} of ${loaded.instance.practiceCodes.length}`],
        [
          "Patients moved",
          "–",
          `${formatCount(cmp.patientsMoved)}${cmp.a.totals.patients > 0 ? ` (${formatPercent(cmp.patientsMoved / cmp.a.totals.patients)})` : ""}`,
        ],
      ],
    ),
    "",
    `Objective ${formatCount(o.total)} = cohesion ${formatCount(o.cohesion)} patient-km to the network centre` +
      ` + disruption ${formatCount(o.disruption)} patients moved from today's network-mates` +
      ` + place ${formatCount(o.place)} patients outside their network's main place` +
      (o.penalties > 0 ? ` + band penalties ${formatCount(o.penalties)}` : "") +
      ` (weighted; see docs/networks.md).`,
    "",
    renderTable(
      ["Network", "Practices", "Patients", "Band", "Waiver", "Members"],
      result.networks.map((n) => [
        n.label,
        String(n.practices.length),
        formatCount(n.listSize),
        n.band,
        n.waiver ?? "–",
        members(n.practices),
      ]),
    ),
  );
  if (result.relaxations.length > 0)
    out.push(
      "",
      `Relaxed (${result.relaxations.length}): what the request or geography did not allow, and what was done`,
      ...result.relaxations.map((r) => `  - [${r.rule}] ${r.message}`),
    );
  else out.push("", "Nothing relaxed: every network is contiguous and within the band.");
  if (result.notes.length > 0) out.push("", "Notes:", ...result.notes.map((n) => `  - ${n}`));
  return out.join("\n");
}

/** What the exact mode proved: optimal, or the design with its bound and gap, and where the design came from. */
export function renderExactSummary(exact: ExactResult): string {
  const gap = exact.gap !== null && Number.isFinite(exact.gap) ? formatPercent(exact.gap) : null;
  const status =
    exact.proof === "optimal"
      ? "proven optimal"
      : exact.proof === "gap"
        ? `not proven optimal; gap to the proven lower bound ${gap}${exact.truncated ? " (the enumeration was cut at its limit)" : exact.status === "time-limit" ? " (time limit)" : ""}`
        : `no proof (${exact.status})`;
  const from =
    exact.source === "mip"
      ? `the MIP's design (the heuristic's start: objective ${formatCount(exact.initialObjective.total)})`
      : "the heuristic's design, which the MIP did not improve";
  const lines = [
    `Exact mode (HiGHS): ${status}. Design: ${from}.`,
    `  ${formatCount(exact.columns)} candidate networks; heuristic start ${exact.seconds.initial.toFixed(1)} s, enumeration ${exact.seconds.enumerate.toFixed(1)} s, column generation and MIP ${exact.seconds.solve.toFixed(1)} s (${exact.rounds} pricing rounds, ${formatCount(exact.finalColumns)} columns in the final model).`,
  ];
  if (exact.objective)
    lines.push(
      `  Objective ${formatCount(exact.objective.total)}${exact.bound !== null ? `; proven lower bound ${formatCount(exact.bound)}` : ""}.`,
    );
  for (const n of exact.notes) lines.push(`  ${n}`);
  return lines.join("\n");
}

export function renderEngland(
  picture: Picture,
  design: EnglandDesign,
  seconds: { load: number; design: number; total: number },
  footprint: string | null = null,
): string {
  const rows = englandRows(design);
  const band = design.rows[0]?.result.band;
  const sum = (f: (r: (typeof rows)[number]) => number) => rows.reduce((s, r) => s + f(r), 0);
  const patients = sum((r) => r.patients);
  const mapCell = (m: MapFigures) => `${m.inBand}/${m.networks}`;
  const out: string[] = [];
  if (picture.synthetic) out.push("SYNTHETIC DEMO DATA", "");
  out.push(
    `England: ${rows.length} ICBs, PCN map of ${picture.sources.map.period}` +
      (picture.sources.lists ? `, list sizes of ${picture.sources.lists.period}` : "") +
      (band ? `; band ${formatCount(band.min)}–${formatCount(band.max)}` : ""),
    ...footprintLines(footprint),
    `Design: heuristic (construction, annealing, local descent) per ICB, seed ${design.rows[0]?.result.seed ?? 1}, ${formatCount(sum((r) => r.proposals))} proposals in all; ` +
      `loaded in ${seconds.load.toFixed(1)} s, designed in ${seconds.design.toFixed(1)} s (${seconds.total.toFixed(1)} s in all).`,
    "",
    renderTable(
      [
        "ICB",
        "Name",
        "Practices",
        "Patients",
        "Today in band",
        "Design in band",
        "Under",
        "Over",
        "km to centre today",
        "Design",
        "Practices moved",
        "Relaxed",
        "s",
      ],
      [
        ...rows.map((r) => [
          r.icb,
          r.name.replace(/^NHS\s+/, "").replace(/\s+Integrated Care Board$/, ""),
          String(r.practices),
          formatCount(r.patients),
          mapCell(r.today),
          mapCell(r.design),
          String(r.design.under),
          String(r.design.over),
          r.today.meanKm.toFixed(2),
          r.design.meanKm.toFixed(2),
          String(r.practicesMoved),
          String(r.relaxations),
          r.seconds.toFixed(2),
        ]),
        [
          "England",
          "",
          String(sum((r) => r.practices)),
          formatCount(patients),
          `${sum((r) => r.today.inBand)}/${sum((r) => r.today.networks)}`,
          `${sum((r) => r.design.inBand)}/${sum((r) => r.design.networks)}`,
          String(sum((r) => r.design.under)),
          String(sum((r) => r.design.over)),
          patients > 0 ? (sum((r) => r.today.cohesion) / patients).toFixed(2) : "–",
          patients > 0 ? (sum((r) => r.design.cohesion) / patients).toFixed(2) : "–",
          String(sum((r) => r.practicesMoved)),
          String(sum((r) => r.relaxations)),
          design.seconds.toFixed(2),
        ],
      ],
    ),
    "",
    "In band: networks in the band / networks (today: PCNs; practices outside any PCN are not counted). " +
      "km to centre: patient-weighted mean distance to the network's patient centre (LSOA level where registrations exist, else practice sites). " +
      "Network labels are unique in England: new networks are NEW-<ICB>-<k>; a PCN code reused by two ICBs stays with the larger network and the other is <code>-<ICB>.",
  );
  return out.join("\n");
}
