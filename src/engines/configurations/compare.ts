// Comparing two saved configurations (the practices and networks a scenario leaves behind): which
// practices closed or merged, which changed network, and how each network's list and band moved. Works
// for every kind of scenario, so a closure can be set beside a design. Pure.
import type { ScenarioConfiguration } from "../../model/scenario.ts";

export interface NetworkSizeChange {
  networkCode: string;
  networkName: string | null;
  listA: number | null;
  listB: number | null;
  bandA: Band | null;
  bandB: Band | null;
  practicesA: number;
  practicesB: number;
}

export type Band = "under" | "in" | "over";

export interface ConfigurationComparison {
  practices: { a: number; b: number; onlyInA: string[]; onlyInB: string[] };
  patients: { a: number; b: number };
  /** Practices open in both whose network differs, with their lists (as in B). */
  practicesMoved: { practiceCode: string; from: string | null; to: string | null; listSize: number }[];
  patientsMoved: number;
  /** Practices open in both whose list differs (e.g. receiving dispersed patients). */
  listChanges: { practiceCode: string; listA: number; listB: number }[];
  networks: NetworkSizeChange[];
  bands: { a: Record<Band, number>; b: Record<Band, number> };
}

const bandOf = (list: number, band: { min: number; max: number }): Band =>
  list < band.min ? "under" : list > band.max ? "over" : "in";

function networkLists(c: ScenarioConfiguration) {
  const m = new Map<string, { list: number; practices: number; name: string | null }>();
  for (const p of c.practices) {
    if (p.networkCode === null) continue;
    const n = m.get(p.networkCode) ?? { list: 0, practices: 0, name: p.networkName };
    n.list += p.listSize;
    n.practices++;
    m.set(p.networkCode, n);
  }
  return m;
}

export function compareConfigurations(
  a: ScenarioConfiguration,
  b: ScenarioConfiguration,
  band: { min: number; max: number },
): ConfigurationComparison {
  const inA = new Map(a.practices.map((p) => [p.practiceCode, p]));
  const inB = new Map(b.practices.map((p) => [p.practiceCode, p]));
  const practicesMoved: ConfigurationComparison["practicesMoved"] = [];
  const listChanges: ConfigurationComparison["listChanges"] = [];
  for (const [code, pb] of inB) {
    const pa = inA.get(code);
    if (!pa) continue;
    if (pa.networkCode !== pb.networkCode)
      practicesMoved.push({
        practiceCode: code,
        from: pa.networkCode,
        to: pb.networkCode,
        listSize: pb.listSize,
      });
    if (pa.listSize !== pb.listSize)
      listChanges.push({ practiceCode: code, listA: pa.listSize, listB: pb.listSize });
  }
  const na = networkLists(a);
  const nb = networkLists(b);
  const codes = [...new Set([...na.keys(), ...nb.keys()])].sort();
  const networks = codes.map((code): NetworkSizeChange => {
    const x = na.get(code);
    const y = nb.get(code);
    return {
      networkCode: code,
      networkName: y?.name ?? x?.name ?? null,
      listA: x?.list ?? null,
      listB: y?.list ?? null,
      bandA: x ? bandOf(x.list, band) : null,
      bandB: y ? bandOf(y.list, band) : null,
      practicesA: x?.practices ?? 0,
      practicesB: y?.practices ?? 0,
    };
  });
  const count = (m: Map<string, { list: number }>) => {
    const r: Record<Band, number> = { under: 0, in: 0, over: 0 };
    for (const n of m.values()) r[bandOf(n.list, band)]++;
    return r;
  };
  const sum = (c: ScenarioConfiguration) => c.practices.reduce((s, p) => s + p.listSize, 0);
  return {
    practices: {
      a: a.practices.length,
      b: b.practices.length,
      onlyInA: [...inA.keys()].filter((c) => !inB.has(c)).sort(),
      onlyInB: [...inB.keys()].filter((c) => !inA.has(c)).sort(),
    },
    patients: { a: sum(a), b: sum(b) },
    practicesMoved: practicesMoved.sort((x, y) => x.practiceCode.localeCompare(y.practiceCode)),
    patientsMoved: practicesMoved.reduce((s, p) => s + p.listSize, 0),
    listChanges: listChanges.sort((x, y) => x.practiceCode.localeCompare(y.practiceCode)),
    networks,
    bands: { a: count(na), b: count(nb) },
  };
}
