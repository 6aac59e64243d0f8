// Renders saved scenarios: one scenario (what was asked, what came out, the networks it leaves) and the
// comparison of two.
import { contractYearOn } from "../../config/pcn-contract.ts";
import type { ConfigurationComparison } from "../../engines/configurations/compare.ts";
import type { Json, ScenarioRecord } from "../../store/repositories/scenarios.ts";
import { footprintLines, formatCount, formatDecimal, formatTimestamp, renderTable } from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

const scalar = (v: Json): string =>
  v === null
    ? "–"
    : typeof v === "number"
      ? Number.isInteger(v)
        ? formatCount(v)
        : formatDecimal(v, 2)
      : typeof v === "object"
        ? JSON.stringify(v)
        : String(v);

/** Top-level fields of a JSON object as `key: value` lines (objects and arrays summarised). */
function fields(value: Json, skip: readonly string[] = []): string[] {
  if (value === null || typeof value !== "object" || Array.isArray(value)) return [`  ${scalar(value)}`];
  const lines: string[] = [];
  for (const [k, v] of Object.entries(value)) {
    if (skip.includes(k)) continue;
    if (Array.isArray(v)) lines.push(`  ${k}: ${v.length === 0 ? "none" : `${v.length} entries`}`);
    else {
      const text = scalar(v);
      lines.push(`  ${k}: ${text.length > 110 ? `${text.slice(0, 107)}…` : text}`);
    }
  }
  return lines;
}

interface Figures {
  networks: number;
  inBand: number;
  under: number;
  over: number;
  meanKm: number;
}

export function renderScenario(r: ScenarioRecord): string {
  const out: string[] = [];
  if (r.synthetic) out.push(SYNTHETIC_BANNER, "");
  out.push(
    `Scenario '${r.name}' (${r.kind}), ${r.synthetic ? "synthetic demo" : "real data"}, area ${r.area}, map of ${r.mapDate}`,
    `Saved ${formatTimestamp(r.createdAt)}${r.description ? `: ${r.description}` : ""}`,
    "",
    "Asked:",
    ...fields(r.request, ["locks"]),
  );
  const result = (r.result ?? {}) as Record<string, Json>;
  if (r.kind === "network-design" && result.today && result.proposal) {
    const t = result.today as unknown as Figures;
    const p = result.proposal as unknown as Figures;
    const changes = (result.changes ?? {}) as Record<string, number>;
    out.push(
      "",
      renderTable(
        ["figure", "today", "design"],
        [
          ["networks", formatCount(t.networks), formatCount(p.networks)],
          ["in band", formatCount(t.inBand), formatCount(p.inBand)],
          ["under minimum", formatCount(t.under), formatCount(p.under)],
          ["over maximum", formatCount(t.over), formatCount(p.over)],
          ["mean km to network centre", formatDecimal(t.meanKm, 2), formatDecimal(p.meanKm, 2)],
        ],
      ),
      `Practices moved: ${formatCount(changes.practicesMoved ?? 0)} (${formatCount(changes.patientsMoved ?? 0)} patients).`,
    );
  } else out.push("", "Result:", ...fields(r.result));
  const c = r.configuration;
  if (c) {
    const rules = contractYearOn(r.mapDate);
    const nets = new Map<string, { name: string | null; list: number; practices: number }>();
    for (const p of c.practices) {
      const code = p.networkCode ?? "U (outside any PCN)";
      const n = nets.get(code) ?? { name: p.networkName, list: 0, practices: 0 };
      n.list += p.listSize;
      n.practices++;
      nets.set(code, n);
    }
    const total = c.practices.reduce((s, p) => s + p.listSize, 0);
    out.push(
      "",
      `Leaves ${formatCount(c.practices.length)} practices, ${formatCount(total)} patients, in ${formatCount(nets.size)} networks${c.closed.length > 0 ? `; closes ${c.closed.join(", ")}` : ""}:`,
      renderTable(
        ["network", "name", "practices", "patients", "band"],
        [...nets]
          .sort((x, y) => x[0].localeCompare(y[0]))
          .map(([code, n]) => [
            code,
            n.name ?? "",
            formatCount(n.practices),
            formatCount(n.list),
            n.list < rules.minimumList ? "under" : n.list > rules.typicalMaximumList ? "over" : "in",
          ]),
      ),
    );
  }
  return out.join("\n");
}

export function networkChangeRecords(c: ConfigurationComparison) {
  return c.networks.map((n) => ({
    network_code: n.networkCode,
    network_name: n.networkName,
    practices_a: n.practicesA,
    practices_b: n.practicesB,
    list_a: n.listA,
    list_b: n.listB,
    band_a: n.bandA,
    band_b: n.bandB,
  }));
}

export function renderConfigurationComparison(
  c: ConfigurationComparison,
  labels: { a: string; b: string },
  footprint: string | null = null,
): string {
  const band = (b: Record<string, number>) => `${b.in} in band, ${b.under} under, ${b.over} over`;
  const out = [
    `A: ${labels.a}`,
    `B: ${labels.b}`,
    ...footprintLines(footprint),
    "",
    renderTable(
      ["figure", "A", "B"],
      [
        ["practices", formatCount(c.practices.a), formatCount(c.practices.b)],
        ["patients", formatCount(c.patients.a), formatCount(c.patients.b)],
        ["networks", band(c.bands.a), band(c.bands.b)],
      ],
    ),
    "",
    `Practices only in A (closed or merged in B): ${c.practices.onlyInA.join(", ") || "none"}`,
    `Practices only in B: ${c.practices.onlyInB.join(", ") || "none"}`,
    `Practices in another network in B (or newly in one): ${formatCount(c.practicesMoved.length)} (${formatCount(c.patientsMoved)} patients)`,
    `Practices whose list changed: ${formatCount(c.listChanges.length)}`,
    "",
    renderTable(
      ["network", "name", "practices A", "practices B", "list A", "list B", "band A", "band B"],
      networkChangeRecords(c)
        .filter((n) => n.list_a !== n.list_b || n.practices_a !== n.practices_b)
        .map((n) => [
          n.network_code,
          n.network_name ?? "",
          String(n.practices_a),
          String(n.practices_b),
          n.list_a === null ? "–" : formatCount(n.list_a),
          n.list_b === null ? "–" : formatCount(n.list_b),
          n.band_a ?? "–",
          n.band_b ?? "–",
        ]),
    ),
  ];
  return out.join("\n");
}
