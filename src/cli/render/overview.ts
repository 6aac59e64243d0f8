// Renders an Overview as the text a planner reads in a terminal.
import type { AreaSummary, Ratio } from "../../engines/overview/area.ts";
import type { Overview } from "../../engines/overview/overview.ts";
import { bandLabels } from "../../model/pcn-band.ts";
import { formatCount, formatDecimal, formatPercent, renderTable } from "../format.ts";
import { deprivationLines } from "./deprivation.ts";

export const SYNTHETIC_BANNER =
  "*** SYNTHETIC DEMO DATA: an invented ICS for trying icsplan. No real practice, patient or place. ***";

const ratio = (r: Ratio, digits = 1) => (r.value === null ? "–" : formatDecimal(r.value, digits));
const pct = (r: Ratio) => (r.value === null ? "–" : formatPercent(r.value));

function headline(s: AreaSummary, labels: ReturnType<typeof bandLabels>): string[] {
  const lines = [
    `Practices            ${formatCount(s.practices)}` +
      (s.practicesWithList < s.practices ? ` (${formatCount(s.practicesWithList)} with a list size)` : ""),
    `Registered patients  ${formatCount(s.patients)}`,
  ];
  if (s.listSize) {
    lines.push(
      `List size            median ${formatCount(s.listSize.median)}; 5th–95th percentile ` +
        `${formatCount(s.listSize.p5)}–${formatCount(s.listSize.p95)}; mean ${formatCount(s.listSize.mean)}`,
    );
  }
  const share = (n: number) => (s.pcns === 0 ? "" : ` (${formatPercent(n / s.pcns, 0)})`);
  if (s.practicesWithList === 0)
    lines.push(`PCNs                 ${formatCount(s.pcns)} (size bands unknown: no list sizes)`);
  else
    lines.push(
      `PCNs                 ${formatCount(s.pcns)}: ${labels.under} ${s.bands.under}${share(s.bands.under)}, ` +
        `${labels.in} ${s.bands.in}${share(s.bands.in)}, ${labels.over} ${s.bands.over}${share(s.bands.over)}`,
    );
  if (s.unallocatedPractices > 0) {
    lines.push(
      `Outside any PCN      ${s.unallocatedPractices} practice${s.unallocatedPractices === 1 ? "" : "s"}, ${formatCount(s.unallocatedPatients)} patients (code U)`,
    );
  }
  lines.push(
    `GP FTE per 10,000    ${ratio(s.gpFtePer10k, 2)}` +
      (s.patientsPerGpFte.value === null
        ? ""
        : `  (${formatCount(s.patientsPerGpFte.value)} patients per GP FTE; ${formatCount(s.gpFtePer10k.practices)} practices with workforce and list)`),
    `Partner share        ${pct(s.partnerShare)} of GP FTE are partners (${formatCount(s.partnerShare.practices)} practices)`,
    `Nurses, DPC per 10k  ${ratio(s.nursesFtePer10k, 2)} nurse FTE, ${ratio(s.dpcFtePer10k, 2)} direct patient care FTE`,
  );
  if (s.deprivation) lines.push(...deprivationLines(s.deprivation));
  return lines;
}

export function renderOverview(o: Overview): string {
  const labels = bandLabels(o.rules);
  const out: string[] = [];
  if (o.synthetic) out.push(SYNTHETIC_BANNER, "");
  const named = (r: { code: string; onsCode: string | null; name: string }) =>
    `${r.name} (${r.code}${r.onsCode ? `, ${r.onsCode}` : ""})`;
  const title =
    o.scope.kind === "england"
      ? `General practice in England`
      : o.scope.kind === "icb"
        ? `${named(o.scope.icb)}, ${o.scope.region.name}`
        : o.scope.kind === "sub-icb"
          ? `${named(o.scope.subIcb)}, a place of ${named(o.scope.icb)}, ${o.scope.region.name}`
          : `${o.scope.set.name}, in ${o.scope.icbs.map(named).join(", ")}`;
  out.push(title, `PCN map of ${o.sources.map.period}; contract year ${o.rules.year} bands`);
  if (o.footprint) out.push(o.footprint);
  out.push("");
  out.push(...headline(o.summary, labels), "");

  const areaHeader = o.scope.kind === "england" ? "ICB" : "Place (sub-ICB location)";
  if (o.subAreas.length > 0)
    out.push(
      renderTable(
        [
          areaHeader,
          "Code",
          "Practices",
          "Patients",
          "PCNs",
          labels.under,
          labels.in,
          labels.over,
          "GP FTE/10k",
          "Partners",
        ],
        o.subAreas.map(({ area, summary: s }) => [
          area.name,
          area.code,
          formatCount(s.practices),
          formatCount(s.patients),
          String(s.pcns),
          String(s.bands.under),
          String(s.bands.in),
          String(s.bands.over),
          ratio(s.gpFtePer10k, 2),
          pct(s.partnerShare),
        ]),
      ),
      "",
    );

  if (o.scope.kind !== "england") {
    out.push(
      renderTable(
        ["PCN", "Code", "Place", "Practices", "Patients", "Band"],
        [...o.pcns]
          .sort((a, b) => a.listSize - b.listSize)
          .map((p) => [
            p.name,
            p.code,
            p.subIcb.code + (p.crossesSubIcb ? "+" : ""),
            String(p.practices),
            formatCount(p.listSize),
            labels[p.band],
          ]),
      ),
      "",
    );
  }

  out.push("Sources:");
  const s = o.sources;
  const line = (label: string, ref: { title: string; period: string } | null) =>
    out.push(`  ${label.padEnd(12)} ${ref ? `${ref.title}, ${ref.period}` : "not loaded"}`);
  line("map", s.map);
  line("lists", s.lists);
  line("workforce", s.workforce);
  line("deprivation", s.deprivation);
  for (const c of o.caveats) out.push(`Note: ${c}`);
  if (o.synthetic) out.push("", SYNTHETIC_BANNER);
  return out.join("\n");
}
