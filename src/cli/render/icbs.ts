// Renders ICB footprints: the ICBs in force on a date (sub-ICB locations, practices, patients) and the
// succession of the ICBs of one footprint by those of a later one (each old ICB → its successors, with
// practices, patients and LSOAs moved and the ODS evidence). Every table opens with the footprint(s) it
// uses; every CSV record carries the footprint's date.
import type { IcbMembership, IcbsOnDate, IcbSuccession } from "../../model/footprint.ts";
import { formatCount, formatPercent, renderTable } from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

type Cell = string | number | boolean | null;

const count = (v: number | null) => (v === null ? "–" : formatCount(v));
const notes = (caveats: readonly string[]) => caveats.map((c) => `Note: ${c}`);

export function renderIcbsOnDate(r: IcbsOnDate): string {
  const out: string[] = [];
  if (r.footprint.map.synthetic) out.push(SYNTHETIC_BANNER, "");
  out.push(
    `ICBs in force on ${r.footprint.askedFor}: ${r.footprint.label}`,
    `Patients: ${r.lists ? `${r.lists.title} (${r.lists.period})` : "no list-size file loaded"}`,
  );
  if (r.lineage) out.push(r.lineage);
  out.push("");
  const rows = r.icbs.map((i) => [
    i.icb.code,
    i.icb.onsCode ?? "–",
    i.icb.name,
    formatCount(i.subIcbs),
    formatCount(i.practices),
    count(i.patients),
  ]);
  if (r.icbs.length > 1)
    rows.push([
      "Total",
      "",
      `${r.icbs.length} ICBs`,
      formatCount(r.icbs.reduce((a, i) => a + i.subIcbs, 0)),
      formatCount(r.icbs.reduce((a, i) => a + i.practices, 0)),
      r.lists ? formatCount(r.icbs.reduce((a, i) => a + (i.patients ?? 0), 0)) : "–",
    ]);
  out.push(renderTable(["ICB", "ONS code", "Name", "Sub-ICBs", "Practices", "Patients"], rows));
  out.push(...notes(r.caveats));
  return out.join("\n");
}

export function icbsOnDateRecords(r: IcbsOnDate): Record<string, Cell>[] {
  return r.icbs.map((i) => ({
    footprint_date: r.footprint.askedFor,
    footprint_from: r.footprint.from,
    footprint_map: r.footprint.map.period,
    icb_code: i.icb.code,
    icb_ons_code: i.icb.onsCode ?? null,
    icb_name: i.icb.name,
    sub_icbs: i.subIcbs,
    practices: i.practices,
    patients: i.patients,
    patients_period: r.lists?.period ?? null,
  }));
}

export function renderMembership(m: IcbMembership): string {
  return [
    `${m.practiceCode} ${m.practiceName} on ${m.date}: ICB ${m.icb.code} ${m.icb.name}, ` +
      `sub-ICB location ${m.subIcb.code} ${m.subIcb.name}`,
    `Footprint: ${m.footprint.label}`,
    ...notes(m.footprint.caveats),
  ].join("\n");
}

export const membershipRecords = (m: IcbMembership): Record<string, Cell>[] => [
  {
    practice_code: m.practiceCode,
    practice_name: m.practiceName,
    date: m.date,
    footprint_from: m.footprint.from,
    footprint_map: m.footprint.map.period,
    icb_code: m.icb.code,
    icb_name: m.icb.name,
    sub_icb_code: m.subIcb.code,
    sub_icb_name: m.subIcb.name,
  },
];

const evidenceText = (l: IcbSuccession["old"][number]["successors"][number]) => {
  const parts: string[] = [];
  if (l.evidence.renamedSubIcbs.length > 0)
    parts.push(`sub-ICBs renamed into it: ${l.evidence.renamedSubIcbs.join(", ")}`);
  if (l.evidence.lsoas > 0) parts.push(`${formatCount(l.evidence.lsoas)} LSOAs reallocated`);
  return parts.length > 0 ? parts.join("; ") : l.from.code === l.to.code ? "same code" : "none";
};

export function renderSuccession(s: IcbSuccession): string {
  const out: string[] = [];
  if (s.to.map.synthetic) out.push(SYNTHETIC_BANNER, "");
  out.push(
    `ICB succession from the ${s.from.label} (on ${s.from.askedFor})`,
    `to the ${s.to.label} (on ${s.to.askedFor})`,
    `ODS changes in force between them: ${
      s.changes.length === 0
        ? "none loaded"
        : s.changes
            .map((c) => `${c.effectiveFrom} (${c.sources.map((d) => `${d.title}, ${d.period}`).join("; ")})`)
            .join(", ")
    }`,
    `Patients: ${s.lists ? `${s.lists.title} (${s.lists.period})` : "no list-size file loaded"}`,
    "",
  );
  const changed = s.old.filter((o) => o.fate !== "unchanged");
  const unchanged = s.old.filter((o) => o.fate === "unchanged");
  const rows: string[][] = [];
  for (const o of changed)
    for (const l of o.successors)
      rows.push([
        o.icb.code,
        o.icb.name,
        o.fate,
        l.to.code,
        l.to.name,
        formatCount(l.practices),
        count(l.patients),
        formatPercent(l.sharePractices),
        formatCount(l.evidence.lsoas),
        evidenceText(l),
      ]);
  if (rows.length > 0)
    out.push(
      renderTable(
        [
          "Old ICB",
          "Name",
          "Fate",
          "To",
          "Successor",
          "Practices",
          "Patients",
          "Share",
          "LSOAs",
          "ODS evidence",
        ],
        rows,
      ),
    );
  else out.push("No ICB changed between the two footprints.");
  const formed = s.new.filter((n) => n.isNew);
  out.push(
    "",
    `${s.old.length} ICBs before, ${s.new.length} after; ${changed.length} changed, ${unchanged.length} unchanged` +
      (formed.length > 0 ? `; new codes: ${formed.map((n) => n.icb.code).join(", ")}` : ""),
  );
  if (unchanged.length > 0 && changed.length > 0)
    out.push(`Unchanged: ${unchanged.map((o) => o.icb.code).join(", ")}`);
  for (const u of s.unexplained) out.push(`Unexplained: ${u}`);
  out.push(...notes(s.caveats));
  return out.join("\n");
}

export function successionRecords(s: IcbSuccession): Record<string, Cell>[] {
  return s.old.flatMap((o) =>
    o.successors.map((l) => ({
      from_footprint: s.from.from,
      from_map: s.from.map.period,
      to_footprint: s.to.from,
      to_map: s.to.map.period,
      old_icb_code: o.icb.code,
      old_icb_name: o.icb.name,
      fate: o.fate,
      new_icb_code: l.to.code,
      new_icb_name: l.to.name,
      practices: l.practices,
      patients: l.patients,
      share_practices: Number(l.sharePractices.toFixed(4)),
      sub_icbs: l.subIcbs.join(" "),
      renamed_sub_icbs: l.evidence.renamedSubIcbs.join(" "),
      lsoas_reallocated: l.evidence.lsoas,
      patients_period: s.lists?.period ?? null,
    })),
  );
}
