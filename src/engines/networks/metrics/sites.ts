// Practices and patients per site: a site is a distinct practice location (identical coordinates; several
// practices can share a health centre). Practices without coordinates are counted as sites of their own.
// Breach: practices sharing a site but sitting in different networks, once per shared site, naming each
// practice (code and name) with its network.
import { count, practiceLabel, type Breach, type MetricContext } from "./context.ts";

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
    // One breach per shared site (not one per network there), naming every practice with its network.
    const byNetwork = nets.map((net) => {
      const here = group.filter((p) => assignment[p] === net);
      return `${here.map((p) => practiceLabel(instance, p)).join(", ")} (${ctx.labels[net]!.code})`;
    });
    breaches.push({
      rule: "sites.co-located-split",
      network: ctx.labels[nets[0]!]!.code,
      practices: group.map((p) => instance.practiceCodes[p]!),
      figure: group.length,
      message:
        `${byNetwork.slice(0, -1).join(", ")} and ${byNetwork[byNetwork.length - 1]} share a site, in ${nets.length} networks (${nets.map((n) => ctx.labels[n]!.code).join(", ")}); ` +
        `${group.length} practices, ${count(patients)} patients at the site`,
    });
  }
  return { networks, breaches };
}
