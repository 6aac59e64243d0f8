// Practices and patients per site: a site is a distinct practice location (identical coordinates; several
// practices can share a health centre). Practices without coordinates are counted as sites of their own.
// Breach: practices sharing a site but sitting in different networks (one breach per network involved,
// naming its practices at the shared site and the other networks there).
import { count, type Breach, type MetricContext } from "./context.ts";

export interface NetworkSites {
  sites: number;
  practicesPerSite: number;
  patientsPerSite: number;
}

export function sitesMetric(ctx: MetricContext): { networks: NetworkSites[]; breaches: Breach[] } {
  const { instance, assignment } = ctx;
  const key = (p: number) =>
    Number.isFinite(instance.lat[p]!) && Number.isFinite(instance.lon[p]!)
      ? `${instance.lat[p]},${instance.lon[p]}`
      : `practice:${p}`;
  const networks = ctx.members.map((members) => {
    const sites = new Set(members.map(key)).size;
    let patients = 0;
    for (const p of members) patients += instance.listSize[p]!;
    return {
      sites,
      practicesPerSite: sites > 0 ? members.length / sites : 0,
      patientsPerSite: sites > 0 ? patients / sites : 0,
    };
  });
  const bySite = new Map<string, number[]>();
  for (let p = 0; p < assignment.length; p++) {
    const k = key(p);
    const g = bySite.get(k);
    if (g) g.push(p);
    else bySite.set(k, [p]);
  }
  const breaches: Breach[] = [];
  for (const group of bySite.values()) {
    const nets = [...new Set(group.map((p) => assignment[p]!))].sort((a, b) => a - b);
    if (nets.length < 2) continue;
    let patients = 0;
    for (const p of group) patients += instance.listSize[p]!;
    for (const net of nets) {
      const label = ctx.labels[net]!;
      const here = group.filter((p) => assignment[p] === net);
      const others = nets.filter((o) => o !== net).map((o) => ctx.labels[o]!.code);
      breaches.push({
        rule: "sites.co-located-split",
        network: label.code,
        practices: here.map((p) => instance.practiceCodes[p]!),
        figure: group.length,
        message:
          `${here.map((p) => instance.practiceCodes[p]).join(", ")} (${label.code}) share a site with ` +
          group
            .filter((p) => assignment[p] !== net)
            .map((p) => instance.practiceCodes[p])
            .join(", ") +
          ` (${others.join(", ")}); ${group.length} practices, ${count(patients)} patients at the site`,
      });
    }
  }
  return { networks, breaches };
}
