// Renders an entitlements report: the rates with their sources, totals, rows by ICB, network or practice,
// and, for another configuration, the difference from today per network and per practice.
import type { EntitlementsReport } from "../../app/funding-entitlements.ts";
import type { EntitlementChange, EntitlementItem, Entitlements } from "../../engines/funding/entitlements.ts";
import { renderTable } from "../format.ts";
import type { OutputFormat } from "../output.ts";
import { renderRecords } from "../output.ts";
import { count, decimal, frame, json, percent, pounds, signedPounds } from "./funding-format.ts";

type Level = "icb" | "network" | "practice";
type Cell = string | number | boolean | null;

const ITEM_COLUMNS: readonly { item: EntitlementItem; column: string }[] = [
  { item: "global-sum", column: "global_sum" },
  { item: "ooh-deduction", column: "ooh_deduction" },
  { item: "network-participation", column: "network_participation" },
  { item: "pcn-core", column: "pcn_core" },
  { item: "pcn-core-adjusted", column: "pcn_core_adjusted" },
  { item: "pcn-core-uplift", column: "pcn_core_uplift" },
  { item: "clinical-director", column: "clinical_director" },
  { item: "leadership-management", column: "leadership_management" },
  { item: "extended-hours", column: "extended_hours" },
  { item: "enhanced-access", column: "enhanced_access" },
  { item: "pcn-support", column: "pcn_support" },
  { item: "capacity-access", column: "capacity_access" },
  { item: "care-home-premium", column: "care_home_premium" },
  { item: "arrs", column: "arrs" },
];

const round2 = (v: number) => Math.round(v * 100) / 100;

/** A network's or practice's row of the comparison with today; `missing` stands where it has no side. */
const changeRow =
  (missing: string) =>
  (x: EntitlementChange): string[] => [
    x.code,
    x.name,
    x.before ?? missing,
    x.after ?? missing,
    pounds(x.totalBefore, 0),
    pounds(x.totalAfter, 0),
    signedPounds(x.change),
  ];

function itemColumns(e: Entitlements) {
  const present = new Set(e.practices.flatMap((p) => Object.keys(p.items)));
  return ITEM_COLUMNS.filter((c) => present.has(c.item));
}

/** Rows at one level, with £ by item (CSV/JSON: numbers; table: formatted). */
export function entitlementRows(e: Entitlements, level: Level): Record<string, Cell>[] {
  const cols = itemColumns(e);
  if (level === "practice")
    return e.practices.map((p) => ({
      practice_code: p.code,
      practice_name: p.name,
      network_code: p.networkCode,
      list_size: p.listSize,
      weighted: round2(p.weighted),
      weighted_basis: p.basis,
      ...Object.fromEntries(cols.map((c) => [c.column, round2(p.items[c.item] ?? 0)])),
      practice_total: round2(p.practiceTotal),
      network_total: round2(p.networkTotal),
      total: round2(p.total),
      per_head: round2(p.total / p.listSize),
    }));
  const groups = new Map<string, { code: string; name: string; members: typeof e.practices }>();
  for (const p of e.practices) {
    const key = level === "network" ? (p.networkCode ?? `U:${p.code}`) : p.code;
    const g = groups.get(key) ?? {
      code: key,
      name: p.networkName ?? `Outside any PCN: ${p.name}`,
      members: [],
    };
    g.members.push(p);
    groups.set(key, g);
  }
  const ordered = [...groups.values()].sort(
    (a, b) =>
      Number(a.code.startsWith("U:")) - Number(b.code.startsWith("U:")) || a.code.localeCompare(b.code),
  );
  return ordered.map((g) => {
    const list = g.members.reduce((a, p) => a + p.listSize, 0);
    const total = g.members.reduce((a, p) => a + p.total, 0);
    return {
      network_code: g.code,
      network_name: g.name,
      practices: g.members.length,
      list_size: list,
      weighted: round2(g.members.reduce((a, p) => a + p.weighted, 0)),
      ...Object.fromEntries(
        cols.map((c) => [c.column, round2(g.members.reduce((a, p) => a + (p.items[c.item] ?? 0), 0))]),
      ),
      total: round2(total),
      per_head: round2(total / list),
    };
  });
}

function byIcb(
  e: Entitlements,
  icbOf: Readonly<Record<string, string>>,
  names: Readonly<Record<string, string>>,
): Record<string, Cell>[] {
  const groups = new Map<
    string,
    { list: number; weighted: number; practice: number; network: number; arrs: number; n: number }
  >();
  for (const p of e.practices) {
    const key = icbOf[p.code] ?? "?";
    const g = groups.get(key) ?? { list: 0, weighted: 0, practice: 0, network: 0, arrs: 0, n: 0 };
    g.list += p.listSize;
    g.weighted += p.weighted;
    g.practice += p.practiceTotal;
    g.network += p.networkTotal;
    g.arrs += p.items.arrs ?? 0;
    g.n++;
    groups.set(key, g);
  }
  return [...groups]
    .sort((a, b) => a[0].localeCompare(b[0]))
    .map(([icb, g]) => ({
      icb,
      icb_name: names[icb] ?? null,
      practices: g.n,
      list_size: g.list,
      weighted: round2(g.weighted),
      practice_total: round2(g.practice),
      network_total: round2(g.network),
      arrs: round2(g.arrs),
      total: round2(g.practice + g.network),
      per_head: round2((g.practice + g.network) / g.list),
    }));
}

const formatRow = (r: Record<string, Cell>): Record<string, Cell> =>
  Object.fromEntries(
    Object.entries(r).map(([k, v]) => [
      k,
      typeof v !== "number"
        ? v
        : k === "per_head"
          ? pounds(v)
          : k === "list_size" || k === "practices"
            ? count(v)
            : k === "weighted"
              ? count(v)
              : pounds(v, 0),
    ]),
  );

/** The rates, with their sources as numbered notes under the table (sources repeat across items). */
function rateTable(e: Entitlements): string {
  const sources: string[] = [];
  const ref = (source: string) => {
    const i = sources.indexOf(source);
    if (i >= 0) return `[${i + 1}]`;
    sources.push(source);
    return `[${sources.length}]`;
  };
  const table = renderTable(
    ["item", "paid to", "basis", "£ a year", "months", "computed", "source"],
    e.rates.map((r) => [
      `${r.label}${r.unverified ? " [unverified]" : ""}`,
      r.level,
      r.basis,
      r.annualRate === null
        ? "–"
        : r.item === "ooh-deduction"
          ? percent(r.annualRate, 2)
          : decimal(r.annualRate, 3),
      String(r.months),
      r.computed ? "yes" : "no",
      `${ref(r.source)}${r.note ? ` ${r.note}` : ""}`,
    ]),
  );
  return [table, ...sources.map((s, i) => `  [${i + 1}] ${s}`)].join("\n");
}

function totalsLines(e: Entitlements, year: string, date: string): string[] {
  const gs = e.practices.reduce(
    (a, p) => a + (p.items["global-sum"] ?? 0) + (p.items["ooh-deduction"] ?? 0),
    0,
  );
  const list = e.practices.reduce((a, p) => a + p.listSize, 0);
  return [
    `Practices ${count(e.practices.length)}, networks ${count(e.networks.length)}, registered ${count(list)}`,
    `Paid to practices   ${pounds(e.totals.practice, 0)} (Global Sum net of the out-of-hours deduction ${pounds(gs, 0)})`,
    `Paid to networks    ${pounds(e.totals.network, 0)}${e.totals.arrs === null ? " (no ARRS figures for this year)" : ` (ARRS ${pounds(e.totals.arrs, 0)}, at ${year} rates on the map of ${date}: workforce arrs --year ${year} --date ${date} gives the same)`}`,
    `All                 ${pounds(e.totals.all, 0)} = ${pounds(list > 0 ? e.totals.all / list : null)} per registered patient`,
  ];
}

export function renderEntitlements(report: EntitlementsReport, format: OutputFormat, level: Level): string {
  const target = report.configuration?.entitlements ?? report.today;
  if (format === "json") return json(report.synthetic, report);
  const rows =
    level === "icb" ? byIcb(target, report.icbOf, report.icbNames) : entitlementRows(target, level);
  if (format === "csv") return renderRecords(rows, "csv");
  const body: string[] = [
    `Entitlements ${report.year.year}: ${report.areaLabel}, map of ${report.date}`,
    ...(report.footprint ? [report.footprint] : []),
    `Lists from ${report.populations.listsFrom ?? "–"}; weighted populations from ${report.populations.weightedFrom ?? "–"} (${Object.entries(
      report.bases,
    )
      .map(([b, n]) => `${n} ${b}`)
      .join(", ")})`,
    "",
    "Rates",
    rateTable(report.today),
    "",
    `Today (${report.today.practices.length} practices)`,
    ...totalsLines(report.today, report.year.year, report.date),
  ];
  if (report.configuration) {
    const c = report.configuration;
    body.push(
      "",
      `${c.label}`,
      ...totalsLines(c.entitlements, report.year.year, report.date),
      `Change from today: ${signedPounds(c.comparison.totalChange)}`,
    );
    if (c.closed.length > 0) body.push(`Closed or merged away: ${c.closed.join(", ")}`);
    const changedNetworks = c.comparison.networks.filter((n) => Math.abs(n.change) >= 0.5);
    body.push(
      "",
      `Networks that change (${changedNetworks.length} of ${c.comparison.networks.length})`,
      renderTable(
        ["network", "name", "before", "after", "today", "configuration", "change"],
        changedNetworks.map(changeRow("–")),
      ),
    );
    const changedPractices = c.comparison.practices.filter(
      (p) => Math.abs(p.change) >= 0.5 || p.before !== p.after,
    );
    body.push(
      "",
      `Practices that change network or entitlement (${changedPractices.length} of ${c.comparison.practices.length})`,
      renderTable(
        ["practice", "name", "network today", "network after", "today", "configuration", "change"],
        changedPractices.map(changeRow("closed")),
      ),
    );
  }
  body.push(
    "",
    level === "icb" ? "By ICB" : level === "network" ? "By network" : "By practice",
    renderRecords(rows.map(formatRow), "table"),
  );
  return frame(report.synthetic, body, [...report.caveats, ...report.today.caveats]);
}
