// Renders a merger scenario: the merging practices and their sums (lists, weighted lists, workforce,
// payments, sites kept), the PCNs touched, and the networks of the ICB re-evaluated before and after.
import type { MergerOutcome } from "../../app/merger.ts";
import type { NetworkEvaluation } from "../../engines/networks/evaluate.ts";
import { bandLabels } from "../../model/pcn-band.ts";
import { contractYearOn } from "../../config/pcn-contract.ts";
import { footprintLines, formatCount, formatDecimal, formatMoney, renderTable } from "../format.ts";
import { pcnEffectRecords, pcnEffectTable } from "./closure.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

const dash = "–";
const n0 = (v: number | null | undefined) => (v === null || v === undefined ? dash : formatCount(v));
const n1 = (v: number | null | undefined) => (v === null || v === undefined ? dash : formatDecimal(v, 1));
const km = (v: number | null) => (v === null ? dash : formatDecimal(v, 2));

export function renderMerger(outcome: MergerOutcome, options: { saved?: string } = {}): string {
  const { result: r, picture } = outcome;
  const m = r.merged;
  const labels = bandLabels(contractYearOn(r.date));
  const out: string[] = [];
  if (picture.synthetic) out.push(SYNTHETIC_BANNER, "");
  const payYear = m.payments?.fiscalYear ?? null;
  out.push(
    `Merger scenario: ${outcome.areaName} (${outcome.area}), map of ${picture.sources.map.period}, lists of ${picture.sources.lists?.period ?? "(none)"}`,
    ...footprintLines(outcome.footprint),
    `Merging ${m.members.map((x) => x.code).join(", ")} into ${m.code} ${m.name} (${m.pcnCode} ${m.pcnName})`,
    "",
    renderTable(
      [
        "Practice",
        "Name",
        "PCN",
        "List",
        "Weighted",
        "GP FTE",
        "Nurse FTE",
        "DPC FTE",
        "Admin FTE",
        `Payments${payYear ? ` ${payYear}` : ""}`,
        "Site",
      ],
      [
        ...m.members.map((x) => [
          x.code,
          x.name,
          x.pcnCode,
          n0(x.listSize),
          `${n0(x.weightedList)}${x.weightedEstimated ? "*" : ""}`,
          n1(x.workforce?.gpFte),
          n1(x.workforce?.nursesFte),
          n1(x.workforce?.dpcFte),
          n1(x.workforce?.adminFte),
          x.payments?.totalPayments === null || x.payments === null
            ? dash
            : formatMoney(x.payments.totalPayments),
          x.site.postcode ?? dash,
        ]),
        [
          m.code,
          "merged practice",
          m.pcnCode,
          formatCount(m.listSize),
          `${n0(m.weightedList)}${m.weightedEstimated ? "*" : ""}`,
          n1(m.workforce?.gpFte),
          n1(m.workforce?.nursesFte),
          n1(m.workforce?.dpcFte),
          n1(m.workforce?.adminFte),
          m.payments?.totalPayments === null || m.payments === null
            ? dash
            : formatMoney(m.payments.totalPayments),
          `${m.sites.length} site${m.sites.length === 1 ? "" : "s"} kept`,
        ],
      ],
    ),
    `Patients per GP FTE of the merged practice: ${n0(m.patientsPerGpFte)}. Sites kept: ${m.sites
      .map((s) => `${s.postcode ?? "no postcode"} (${s.practices.join(", ")})`)
      .join("; ")}.`,
    "",
  );
  if (r.pcns.length > 0)
    out.push(
      `PCNs touched (bands of contract year ${r.contractYear}; ARRS at ${r.arrsYear ?? "no"} rates; * weighted list partly estimated)`,
      pcnEffectTable(r.pcns, r.date),
      "",
    );
  const nets = r.networks;
  const after = new Map(nets.after.map((n) => [n.code, n]));
  const row = (b: NetworkEvaluation) => {
    const a = after.get(b.code);
    return [
      b.code,
      b.name,
      `${b.practices.length}→${a ? a.practices.length : 0}`,
      formatCount(b.listSize),
      a ? formatCount(a.listSize) : "(empty)",
      labels[b.band],
      a ? (a.band === b.band ? "same" : labels[a.band]) : dash,
      b.contiguous ? "yes" : `no (${b.pieces.length})`,
      a ? (a.contiguous ? "yes" : `no (${a.pieces.length})`) : dash,
      km(b.cohesion.centreKm),
      a ? km(a.cohesion.centreKm) : dash,
    ];
  };
  const tb = nets.totalsBefore;
  const ta = nets.totalsAfter;
  const breaches = (c: Record<string, number | undefined>) =>
    Object.values(c).reduce<number>((s, v) => s + (v ?? 0), 0);
  out.push(
    `Networks re-evaluated (networks engine; graph: ${outcome.graph.method})`,
    renderTable(
      [
        "Network",
        "Name",
        "Practices",
        "List before",
        "After",
        "Band before",
        "After",
        "Contiguous before",
        "After",
        "Km to centre before",
        "After",
      ],
      nets.before.map(row),
    ),
    `ICB: ${tb.networks} → ${ta.networks} networks; bands ${labels.under} ${tb.bands.under} → ${ta.bands.under}, ` +
      `${labels.in} ${tb.bands.in} → ${ta.bands.in}, ${labels.over} ${tb.bands.over} → ${ta.bands.over}; ` +
      `practices ${formatCount(tb.practices)} → ${formatCount(ta.practices)}; patients ${formatCount(tb.patients)} → ${formatCount(ta.patients)}; ` +
      `breaches ${breaches(nets.breachCountsBefore)} → ${breaches(nets.breachCountsAfter)}.`,
  );
  if (nets.added.length > 0)
    out.push("Breaches the merger adds:", ...nets.added.map((b) => `+ ${b.message}`));
  if (nets.resolved.length > 0)
    out.push("Breaches the merger resolves:", ...nets.resolved.map((b) => `- ${b.message}`));
  out.push("");
  if (r.notes.length > 0) out.push("Notes", ...r.notes.map((n) => `- ${n}`), "");
  if (options.saved)
    out.push(`Saved as scenario '${options.saved}' (icsplan scenarios show '${options.saved}').`, "");
  if (picture.synthetic) out.push(SYNTHETIC_BANNER);
  return out.join("\n").trimEnd();
}

type Cell = string | number | boolean | null;

/** One row per merging practice and one for the merged practice. */
export function mergerPracticeRecords(outcome: MergerOutcome): Record<string, Cell>[] {
  const m = outcome.result.merged;
  const rec = (
    code: string,
    name: string,
    role: string,
    pcn: string,
    list: number | null,
    weighted: number | null,
    estimated: boolean,
    w: {
      gpFte: number | null;
      nursesFte: number | null;
      dpcFte: number | null;
      adminFte: number | null;
    } | null,
    pay: { fiscalYear: string; totalPayments: number | null } | null,
    site: string,
  ): Record<string, Cell> => ({
    practice_code: code,
    practice_name: name,
    role,
    pcn_code: pcn,
    list_size: list,
    weighted_list: weighted === null ? null : Math.round(weighted),
    weighted_estimated: estimated,
    gp_fte: w?.gpFte ?? null,
    nurses_fte: w?.nursesFte ?? null,
    dpc_fte: w?.dpcFte ?? null,
    admin_fte: w?.adminFte ?? null,
    payments_year: pay?.fiscalYear ?? null,
    total_payments: pay?.totalPayments ?? null,
    sites: site,
  });
  return [
    ...m.members.map((x) =>
      rec(
        x.code,
        x.name,
        "member",
        x.pcnCode,
        x.listSize,
        x.weightedList,
        x.weightedEstimated,
        x.workforce,
        x.payments,
        x.site.postcode ?? "",
      ),
    ),
    rec(
      m.code,
      m.name,
      "merged",
      m.pcnCode,
      m.listSize,
      m.weightedList,
      m.weightedEstimated,
      m.workforce,
      m.payments,
      m.sites.map((s) => s.postcode ?? "").join(" "),
    ),
  ];
}

export { pcnEffectRecords };
