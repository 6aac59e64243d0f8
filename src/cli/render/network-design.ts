// Renders a network design beside today's map: the comparison figures `networks compare` prints (via
// compare.ts), the design's objective, its networks, and what it had to relax.
import type { LoadedNetworkInstance } from "../../app/network-instance.ts";
import { currentMap, type LabelledAssignment } from "../../engines/networks/assignment.ts";
import { compare } from "../../engines/networks/compare.ts";
import type { DesignResult } from "../../engines/networks/design/index.ts";
import type { ExactResult } from "../../engines/networks/exact/design-exact.ts";
import type { NetworkInstance } from "../../engines/networks/instance.ts";
import { formatCount, formatPercent, renderTable } from "../format.ts";
import { comparisonFigures, instanceHeader } from "./networks.ts";

/** The design as a labelled assignment, named after the PCNs whose codes it reuses. */
export function designLabels(instance: NetworkInstance, result: DesignResult): LabelledAssignment {
  const names = new Map(instance.networkCodes.map((c, i) => [c, instance.networkNames[i]!]));
  return {
    assignment: result.assignment,
    labels: result.networks.map((n) => ({
      code: n.label,
      name: names.get(n.label) ?? (n.label.startsWith("NEW-") ? `New network ${n.label.slice(4)}` : n.label),
      outsidePcn: false,
    })),
  };
}

/** practice_code,network_code, in practice-code order. */
export function designCsv(instance: NetworkInstance, result: DesignResult): string {
  return [
    "practice_code,network_code",
    ...instance.practiceCodes.map((c, p) => `${c},${result.networks[result.assignment[p]!]!.label}`),
  ].join("\n");
}

function comparison(loaded: LoadedNetworkInstance, result: DesignResult) {
  const rules = {
    year: `${loaded.rules.year}${result.band.min !== loaded.rules.minimumList || result.band.max !== loaded.rules.typicalMaximumList ? " (band as asked)" : ""}`,
    minimumList: result.band.min,
    typicalMaximumList: result.band.max,
    sources: loaded.rules.sources,
  };
  return compare(
    loaded.instance,
    loaded.adjacency,
    currentMap(loaded.instance),
    designLabels(loaded.instance, result),
    rules,
  );
}

export function designJson(loaded: LoadedNetworkInstance, result: DesignResult) {
  const cmp = comparison(loaded, result);
  return {
    synthetic: loaded.picture.synthetic,
    area: loaded.areaName,
    date: loaded.picture.date,
    ...result,
    assignment: [...result.assignment],
    comparison: comparisonFigures(cmp).map((r) => ({ figure: r.figure, today: r.a, design: r.b })),
  };
}

export function renderDesign(loaded: LoadedNetworkInstance, result: DesignResult): string {
  const cmp = comparison(loaded, result);
  const out = [...instanceHeader(loaded, cmp.a), ""];
  const o = result.objective;
  out.push(
    `Design: heuristic (construction, annealing, local descent), seed ${result.seed}, ${formatCount(result.iterations)} proposals, ${result.seconds.toFixed(2)} s; ` +
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
        n.practices.length > 8 ? `${n.practices.slice(0, 8).join(" ")} …` : n.practices.join(" "),
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

/** What the exact mode proved: optimal, or the incumbent with its bound and gap. */
export function renderExactSummary(exact: ExactResult): string {
  const status =
    exact.status === "optimal"
      ? exact.truncated
        ? "optimal over the candidate networks enumerated (the enumeration was cut at its limit)"
        : "proven optimal"
      : exact.status === "time-limit"
        ? `stopped at the time limit; gap to the proven bound ${formatPercent(exact.gap ?? NaN)}`
        : exact.status;
  const lines = [
    `Exact mode (HiGHS): ${status}.`,
    `  ${formatCount(exact.columns)} candidate networks; enumeration ${exact.seconds.enumerate.toFixed(1)} s, solve ${exact.seconds.solve.toFixed(1)} s.`,
  ];
  if (exact.bound !== null && exact.objective)
    lines.push(
      `  Objective ${exact.objective.total.toFixed(1)}; proven lower bound ${exact.bound.toFixed(1)}.`,
    );
  for (const n of exact.notes) lines.push(`  ${n}`);
  return lines.join("\n");
}
