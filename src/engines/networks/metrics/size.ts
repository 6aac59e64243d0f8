// Registered list and size band of each network (rules of the contract year: under the minimum, in the
// band, over the typical maximum). A network's list is the sum of its practices' known lists; practices
// without a list size count as 0 and are counted. Pseudo-networks of practices outside any PCN get no band
// breach: they are reported under coverage.
import { pcnBand, type PcnBand } from "../../../model/pcn-band.ts";
import { codesOf, count, type Breach, type MetricContext } from "./context.ts";

export interface NetworkSize {
  listSize: number;
  practicesWithoutList: number;
  band: PcnBand;
}

export function sizeMetric(ctx: MetricContext): { networks: NetworkSize[]; breaches: Breach[] } {
  const { instance, rules } = ctx;
  const breaches: Breach[] = [];
  const networks = ctx.members.map((members, i) => {
    let listSize = 0;
    let practicesWithoutList = 0;
    for (const p of members) {
      listSize += instance.listSize[p]!;
      if (!instance.listKnown[p]) practicesWithoutList++;
    }
    const band = pcnBand(listSize, rules);
    const label = ctx.labels[i]!;
    if (members.length > 0 && !label.outsidePcn && band !== "in") {
      const under = band === "under";
      breaches.push({
        rule: under ? "size.under-minimum" : "size.over-maximum",
        network: label.code,
        practices: codesOf(instance, members),
        figure: listSize,
        message:
          `${label.code} ${label.name}: ${count(listSize)} patients, ` +
          (under
            ? `under the ${count(rules.minimumList)} minimum`
            : `over the ${count(rules.typicalMaximumList)} typical maximum`) +
          (practicesWithoutList > 0 ? ` (${practicesWithoutList} practices without a list size)` : ""),
      });
    }
    return { listSize, practicesWithoutList, band };
  });
  return { networks, breaches };
}
