// Renders network evaluations and comparisons for the terminal (table), and as records for CSV.
import type { LoadedNetworkInstance } from "../../app/network-instance.ts";
import type { Comparison } from "../../engines/networks/compare.ts";
import type { Evaluation, NetworkEvaluation } from "../../engines/networks/evaluate.ts";
import { BREACH_RULES } from "../../engines/networks/evaluate.ts";
import { LOCALISATION_BENCHMARK, type Spread } from "../../engines/networks/localisation.ts";
import { bandLabels, type PcnBand } from "../../model/pcn-band.ts";
import { formatCount, formatDecimal, formatPercent, renderTable } from "../format.ts";
import { deprivationLines } from "./deprivation.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

type Cell = string | number | boolean | null;

const km = (x: number | null) => (x === null ? "–" : x.toFixed(2));
const short = (s: string, n = 34) => (s.length > n ? `${s.slice(0, n - 1)}…` : s);
const plural = (n: number, word: string, many = `${word}s`) => `${n} ${n === 1 ? word : many}`;
const pct = (x: number | null | undefined) => (x === null || x === undefined ? "–" : formatPercent(x, 1));
/** "62.1% (40.3–88.0%)": a median and its range. */
export const spreadText = (s: Spread | null) =>
  s === null ? "–" : `${pct(s.median)} (${formatDecimal(100 * s.min, 1)}–${pct(s.max)})`;

function bandLabelsOf(ev: Evaluation): Record<PcnBand, string> {
  return bandLabels({
    year: ev.rules.year,
    minimumList: ev.rules.minimumList,
    typicalMaximumList: ev.rules.typicalMaximumList,
    sources: [],
  });
}

function mix(q: number[]): string {
  const total = q.reduce((a, b) => a + b, 0);
  return total > 0 ? q.map((v) => Math.round((100 * v) / total)).join("/") : "–";
}

/** The header lines naming the area, the data and the graph. */
export function instanceHeader(loaded: LoadedNetworkInstance, ev: Evaluation): string[] {
  const { picture, catchments } = loaded;
  const lines: string[] = [];
  if (picture.synthetic) lines.push(SYNTHETIC_BANNER, "");
  lines.push(
    `${loaded.areaName} (${ev.scope}): PCN map of ${picture.sources.map.period}` +
      (picture.sources.lists ? `, list sizes of ${picture.sources.lists.period}` : ", no list sizes") +
      `; contract year ${ev.rules.year} bands`,
    ...(loaded.footprint ? [loaded.footprint] : []),
    `Graph: ${ev.graph.edges} edges; ${ev.graph.method}.`,
  );
  if (ev.graph.islands.length > 0 || ev.graph.isolated.length > 0)
    lines.push(
      `       In ${ev.graph.islands.length + 1} pieces: ` +
        ev.graph.islands
          .map((piece) => `{${piece.slice(0, 8).join(", ")}${piece.length > 8 ? ", …" : ""}}`)
          .join(", ") +
        ` apart from the rest` +
        (ev.graph.isolated.length > 0 ? `; no neighbour at all: ${ev.graph.isolated.join(", ")}` : "") +
        ".",
    );
  else lines.push(`       Connected: every practice can reach every other.`);
  lines.push(
    catchments
      ? `Cohesion at LSOA level: where patients live (${catchments.dataset.period} registrations).`
      : `Cohesion at practice sites: no LSOA registrations cover these practices, so each list stands at its site.`,
  );
  return lines;
}

function networkRow(n: NetworkEvaluation, labels: Record<PcnBand, string>): string[] {
  return [
    short(n.name),
    n.code,
    String(n.practices.length),
    formatCount(n.listSize),
    n.outsidePcn ? "outside PCN" : labels[n.band],
    n.contiguous ? "yes" : `no: ${n.pieces.length} pieces`,
    n.places.map((p) => p.code).join("+"),
    String(n.sites),
    km(n.cohesion.nearestSiteKm),
    km(n.cohesion.centreKm),
    pct(n.localisation?.retained),
    pct(n.localisation?.captured),
    mix(n.deprivation.quintilePatients),
  ];
}

export function renderEvaluation(loaded: LoadedNetworkInstance, ev: Evaluation): string {
  const labels = bandLabelsOf(ev);
  const out = [...instanceHeader(loaded, ev), ""];
  out.push(
    renderTable(
      [
        "Network",
        "Code",
        "Practices",
        "Patients",
        "Band",
        "Contiguous",
        "Places",
        "Sites",
        "Nearest km",
        "Centre km",
        "Retained",
        "Captured",
        "IMD Q1–Q5 %",
      ],
      [...ev.networks]
        .sort((a, b) => Number(a.outsidePcn) - Number(b.outsidePcn) || a.code.localeCompare(b.code))
        .map((n) => networkRow(n, labels)),
    ),
    "",
    ...renderTotals(ev),
  );
  const breaches = renderBreaches(ev);
  if (breaches.length > 0) out.push("", ...breaches);
  if (ev.notes.length > 0) out.push("", "Notes:", ...ev.notes.map((n) => `  - ${n}`));
  return out.join("\n");
}

export function renderTotals(ev: Evaluation): string[] {
  const t = ev.totals;
  const labels = bandLabelsOf(ev);
  const share = (n: number) => (t.networks > 0 ? ` (${formatPercent(n / t.networks, 0)})` : "");
  const bands = (["under", "in", "over"] as const)
    .map((b) => `${labels[b]} ${t.bands[b]}${share(t.bands[b])}, ${formatCount(t.bandPatients[b])} patients`)
    .join("; ");
  const lines = [
    `Practices            ${formatCount(t.practices)} at ${formatCount(t.sites)} sites; ${formatCount(t.patients)} registered patients`,
    `Networks             ${t.networks}: ${bands}`,
    `Outside any PCN      ${t.outsidePcn.practices.length === 0 ? "none" : `${t.outsidePcn.practices.join(", ")} (${formatCount(t.outsidePcn.patients)} patients)`}`,
    `Not contiguous       ${t.notContiguous === 0 ? "none" : plural(t.notContiguous, "network")}`,
    `Crossing places      ${t.crossingPlaces === 0 ? "none" : plural(t.crossingPlaces, "network")}`,
  ];
  const c = t.cohesion;
  lines.push(
    `Cohesion             ` +
      (c.nearestSiteKm !== null
        ? `${c.nearestSiteKm.toFixed(2)} km from home to the network's nearest practice, `
        : "") +
      `${c.centreKm === null ? "–" : c.centreKm.toFixed(2)} km to its patient centre ` +
      `(patient-weighted mean, ${c.basis === "lsoa" ? "LSOA level" : c.basis === "mixed" ? "LSOA level where covered, else practice sites" : "practice sites"}, ${formatCount(c.patients)} patients)`,
  );
  lines.push(...localisationLines(ev));
  lines.push(...deprivationLines(t.deprivation));
  return lines;
}

/** The localisation index of an evaluation, with the published benchmark; or why it is not available. */
export function localisationLines(ev: Evaluation): string[] {
  const l = ev.localisation;
  if (l === null)
    return [
      `Localisation         not available: no LSOA registrations (gp-reg-pat-prac-lsoa-all) cover these practices`,
    ];
  const b = LOCALISATION_BENCHMARK;
  return [
    `Localisation         captured ${spreadText(l.captured)}: median (range) over networks of the residents of a network's LSOAs (at the area's practices) registered in it`,
    `                     retained ${spreadText(l.retained)}: of a network's patients, those living in LSOAs assigned to it`,
    `                     ${pct(l.overall)} of ${formatCount(l.patients)} patients are registered in their LSOA's network; ` +
      `each of ${formatCount(l.lsoas)} LSOAs goes to the network registering most of its residents` +
      (l.networksWithoutLsoa > 0 ? `; ${plural(l.networksWithoutLsoa, "network")} has none` : ""),
    `                     benchmark: London PCNs drawn from registrations, captured median ${pct(b.median)} (${formatDecimal(100 * b.min, 1)}–${pct(b.max)}; Clarke et al., BMJ Open 2020)`,
  ];
}

export function renderBreaches(ev: Evaluation): string[] {
  if (ev.breaches.length === 0) return ["No breaches."];
  const out = [`Breaches (${ev.breaches.length})`];
  const byRule = new Map<string, string[]>();
  for (const b of ev.breaches) {
    const list = byRule.get(b.rule) ?? [];
    list.push(b.message);
    byRule.set(b.rule, list);
  }
  for (const [rule, messages] of byRule) {
    out.push(`  ${rule}: ${BREACH_RULES[rule as keyof typeof BREACH_RULES] ?? ""} (${messages.length})`);
    for (const m of messages) out.push(`    - ${m}`);
  }
  return out;
}

/** One record per network, for CSV and JSON-lines consumers. */
export function evaluationRecords(ev: Evaluation): Record<string, Cell>[] {
  return ev.networks.map((n) => ({
    network_code: n.code,
    network_name: n.name,
    outside_pcn: n.outsidePcn,
    practices: n.practices.length,
    list_size: n.listSize,
    practices_without_list: n.practicesWithoutList,
    band: n.outsidePcn ? null : n.band,
    contiguous: n.contiguous,
    pieces: n.pieces.length,
    places: n.places.map((p) => p.code).join(";"),
    crosses_place: n.crossesPlace,
    sites: n.sites,
    practices_per_site: Number(n.practicesPerSite.toFixed(3)),
    patients_per_site: Math.round(n.patientsPerSite),
    cohesion_basis: n.cohesion.basis,
    nearest_site_km: n.cohesion.nearestSiteKm === null ? null : Number(n.cohesion.nearestSiteKm.toFixed(3)),
    centre_km: n.cohesion.centreKm === null ? null : Number(n.cohesion.centreKm.toFixed(3)),
    localisation_patients: n.localisation === null ? null : Math.round(n.localisation.patients),
    localisation_retained:
      n.localisation?.retained == null ? null : Number(n.localisation.retained.toFixed(4)),
    localisation_lsoas: n.localisation?.lsoas ?? null,
    localisation_residents: n.localisation === null ? null : Math.round(n.localisation.residents),
    localisation_captured:
      n.localisation?.captured == null ? null : Number(n.localisation.captured.toFixed(4)),
    imd_basis: n.deprivation.basis,
    imd_q1: Math.round(n.deprivation.quintilePatients[0]!),
    imd_q2: Math.round(n.deprivation.quintilePatients[1]!),
    imd_q3: Math.round(n.deprivation.quintilePatients[2]!),
    imd_q4: Math.round(n.deprivation.quintilePatients[3]!),
    imd_q5: Math.round(n.deprivation.quintilePatients[4]!),
    imd_unknown: Math.round(n.deprivation.unknownPatients),
    practice_codes: n.practices.join(";"),
  }));
}

/** Side-by-side figures of two evaluations. */
export function comparisonFigures(cmp: Comparison): { figure: string; a: string; b: string }[] {
  const { a, b } = cmp;
  const labels = bandLabelsOf(a);
  const row = (figure: string, f: (e: Evaluation) => string) => ({ figure, a: f(a), b: f(b) });
  return [
    row("Networks", (e) => String(e.totals.networks)),
    row(
      `In band ${labels.in}`,
      (e) => `${e.totals.bands.in} (${formatCount(e.totals.bandPatients.in)} patients)`,
    ),
    row(
      `Under the band (${labels.under})`,
      (e) => `${e.totals.bands.under} (${formatCount(e.totals.bandPatients.under)} patients)`,
    ),
    row(
      `Over the band (${labels.over})`,
      (e) => `${e.totals.bands.over} (${formatCount(e.totals.bandPatients.over)} patients)`,
    ),
    row("Outside any PCN", (e) => String(e.totals.outsidePcn.practices.length)),
    row("Not contiguous", (e) => String(e.totals.notContiguous)),
    row("Crossing places", (e) => String(e.totals.crossingPlaces)),
    row("Home → nearest practice, km", (e) => km(e.totals.cohesion.nearestSiteKm)),
    row("Home → network centre, km", (e) => km(e.totals.cohesion.centreKm)),
    row("Localisation: captured, median (range)", (e) =>
      e.localisation === null ? "no LSOA data" : spreadText(e.localisation.captured),
    ),
    row("Localisation: retained, median (range)", (e) =>
      e.localisation === null ? "no LSOA data" : spreadText(e.localisation.retained),
    ),
    row("Patients in their LSOA's network", (e) =>
      e.localisation === null ? "no LSOA data" : pct(e.localisation.overall),
    ),
    row("Breaches", (e) => String(e.breaches.length)),
  ];
}

export function renderComparison(
  loaded: LoadedNetworkInstance,
  cmp: Comparison,
  names: { a: string; b: string },
): string {
  const out = [...instanceHeader(loaded, cmp.a), ""];
  out.push(`A: ${names.a}`, `B: ${names.b}`, "");
  out.push(
    renderTable(
      ["", "A", "B"],
      comparisonFigures(cmp).map((r) => [r.figure, r.a, r.b]),
    ),
    "",
  );
  const total = cmp.a.totals.patients;
  out.push(
    `Practices moved: ${cmp.practicesMoved} of ${cmp.a.totals.practices}; patients moved: ${formatCount(cmp.patientsMoved)}` +
      (total > 0 ? ` (${formatPercent(cmp.patientsMoved / total)})` : "") +
      `. A practice moves when it leaves the network its old network became (maximum-overlap matching).`,
  );
  if (cmp.moves.length > 0)
    out.push(
      "",
      renderTable(
        ["Practice", "Name", "Patients", "From (A)", "To (B)"],
        cmp.moves.map((m) => [m.practice, short(m.name, 30), formatCount(m.patients), m.from, m.to]),
      ),
    );
  const changed = cmp.changes.filter((c) => c.kind !== "unchanged");
  const unchanged = cmp.changes.length - changed.length;
  out.push("", `Network changes: ${changed.length} changed, new or dissolved; ${unchanged} unchanged.`);
  if (changed.length > 0)
    out.push(
      renderTable(
        ["A", "B", "Change", "A patients", "B patients", "A band", "B band", "Joined", "Left"],
        changed.map((c) => [
          c.a ?? "–",
          c.b ?? "–",
          c.kind,
          c.aList === null ? "–" : formatCount(c.aList),
          c.bList === null ? "–" : formatCount(c.bList),
          c.aBand ?? "–",
          c.bBand ?? "–",
          c.joined.join(" ") || "–",
          c.left.join(" ") || "–",
        ]),
      ),
    );
  const breachesB = renderBreaches(cmp.b);
  out.push("", "B's breaches:", ...breachesB.slice(cmp.b.breaches.length === 0 ? 0 : 1));
  return out.join("\n");
}

/** One record per network change, for CSV. */
export function changeRecords(cmp: Comparison): Record<string, Cell>[] {
  return cmp.changes.map((c) => ({
    a_network: c.a,
    b_network: c.b,
    change: c.kind,
    a_list_size: c.aList,
    b_list_size: c.bList,
    a_band: c.aBand,
    b_band: c.bBand,
    joined: c.joined.join(";"),
    left: c.left.join(";"),
  }));
}
