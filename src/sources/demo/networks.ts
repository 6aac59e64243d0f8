// Primary Care Networks for the demo ICS, as they stand in January 2026 plus a little history. Each town
// with its villages is a locality; a locality is one PCN or is cut into several by sweeping round its centre,
// with target sizes drawn from the measured PCN distribution (calibration.ts PCN_LIST_QUANTILES). A remote
// rural town keeps its own small PCN (the DES waiver for sparse areas), and the city's super-practice
// anchors a large one, so the band mix has networks under 30,000 and over 50,000. One practice stays
// unallocated (PCN `U`). History: one PCN formed by merging two in April 2023, and two practices that changed
// network, so the ePCN membership file has ended rows like the real one.
import { PCN_LIST_QUANTILES } from "./calibration.ts";
import { fromQuantiles } from "./distributions.ts";
import { SETTLEMENTS, type PlaceKind } from "./geography.ts";
import type { DemoPractice } from "./practices.ts";
import type { Rng } from "./rng.ts";

export interface DemoPcn {
  code: string;
  name: string;
  place: PlaceKind;
  settlement: number;
  /** Practice indexes of the current members (or, for a closed PCN, its members before it closed). */
  practices: number[];
  list: number;
  openDate: string;
  closeDate: string | null;
  /** The member practice paid the PCN's network payments (the nominated payee). */
  payee: number;
}

export interface DemoMembership {
  practice: number;
  pcn: string;
  start: string;
  end: string | null;
}

export interface DemoNetworks {
  /** Open PCNs, January 2026. */
  pcns: DemoPcn[];
  /** PCNs closed before January 2026. */
  closed: DemoPcn[];
  memberships: DemoMembership[];
  /** Current PCN code of each practice, `U` when unallocated. */
  pcnOf: string[];
}

export const PCN_OPEN_DATE = "2019-07-01";
export const FIRST_MEMBERSHIP_DATE = "2019-10-01";
const MERGER_DATE = "2023-04-01";

const AREA_WORDS = [
  "RIVERSIDE",
  "PARKSIDE",
  "HILLSIDE",
  "VALLEY",
  "GATEWAY",
  "MEADOWS",
  "HEATH",
  "VICTORIA",
  "ABBEY",
  "CANALSIDE",
  "CASTLE",
  "FOREST",
  "MARKET",
  "UNION",
  "WATERSIDE",
];
/** The DES minimum list: a network below it costs the cut a penalty (commissioners avoid them). */
const DES_MINIMUM = 30000;

/**
 * Cuts practices, in sweep order, into consecutive groups whose lists are as close as possible to the targets
 * (dynamic programming over cut points; cost: squared relative deviation, plus a penalty under 30,000).
 */
function cutSweep(swept: readonly DemoPractice[], targets: readonly number[]): DemoPractice[][] {
  const k = targets.length;
  const n = swept.length;
  const prefix = [0];
  for (const p of swept) prefix.push(prefix[prefix.length - 1]! + p.list);
  const cost = (g: number, i: number, j: number) => {
    const size = prefix[j]! - prefix[i]!;
    const target = targets[g - 1]!;
    return ((size - target) / target) ** 2 + (size < DES_MINIMUM ? 0.15 : 0);
  };
  const best: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(Infinity));
  const from: number[][] = Array.from({ length: k + 1 }, () => new Array<number>(n + 1).fill(-1));
  best[0]![0] = 0;
  for (let g = 1; g <= k; g++) {
    for (let j = g; j <= n; j++) {
      for (let i = g - 1; i < j; i++) {
        const c = best[g - 1]![i]! + cost(g, i, j);
        if (c < best[g]![j]!) {
          best[g]![j] = c;
          from[g]![j] = i;
        }
      }
    }
  }
  const groups: DemoPractice[][] = [];
  for (let g = k, j = n; g > 0; g--) {
    const i = from[g]![j]!;
    groups.unshift(swept.slice(i, j));
    j = i;
  }
  return groups;
}

const DIRECTIONS = ["EAST", "NORTH EAST", "NORTH", "NORTH WEST", "WEST", "SOUTH WEST", "SOUTH", "SOUTH EAST"];

function direction(dx: number, dy: number): string {
  const angle = Math.atan2(dy, dx);
  const sector = Math.round(angle / (Math.PI / 4));
  return DIRECTIONS[(sector + 8) % 8]!;
}

/** PCN code: U + 5 digits in the U990xx block, which no real PCN uses (checked against every file in shared/data). */
const pcnCode = (n: number) => `U99${String(n).padStart(3, "0")}`;

const dayBefore = (iso: string) => {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() - 1);
  return d.toISOString().slice(0, 10);
};

export function generateNetworks(rng: Rng, practices: readonly DemoPractice[]): DemoNetworks {
  const singleHanded = practices.filter((p) => p.place === "city" && p.role === "single-handed");
  const unallocated = new Set<number>(
    singleHanded.length > 0 ? [singleHanded[singleHanded.length - 1]!.index] : [],
  );

  const pcns: DemoPcn[] = [];
  const usedNames = new Set<string>();
  const uniqueName = (base: string, town: string) => {
    let name = `${base} PCN`;
    for (const word of rng.shuffle(AREA_WORDS)) {
      if (!usedNames.has(name)) break;
      name = `${town} ${word} PCN`;
    }
    for (let n = 2; usedNames.has(name); n++) name = `${base} ${n} PCN`;
    usedNames.add(name);
    return name;
  };

  SETTLEMENTS.forEach((s, settlement) => {
    const members = practices.filter((p) => p.settlement === settlement && !unallocated.has(p.index));
    if (members.length === 0) return;
    const total = members.reduce((a, p) => a + p.list, 0);
    const typical = fromQuantiles(PCN_LIST_QUANTILES, rng.uniform(0.3, 0.8));
    const k = s.remote ? 1 : Math.max(1, Math.min(members.length, Math.round(total / typical)));
    // Sweep round the locality centre, starting at the super-practice if there is one.
    const angleOf = (p: DemoPractice) => Math.atan2(p.lat - s.lat, (p.lon - s.lon) * 0.61);
    const anchor = members.find((p) => p.role === "super");
    const start = anchor ? angleOf(anchor) - 0.01 : rng.uniform(-Math.PI, Math.PI);
    const swept = [...members].sort(
      (a, b) =>
        ((angleOf(a) - start + 4 * Math.PI) % (2 * Math.PI)) -
        ((angleOf(b) - start + 4 * Math.PI) % (2 * Math.PI)),
    );
    const draws = Array.from({ length: k }, () => fromQuantiles(PCN_LIST_QUANTILES, rng.uniform(0.05, 0.95)));
    if (anchor && k > 1) draws[0] = Math.max(draws[0]!, anchor.list + 30000);
    const drawn = draws.reduce((a, b) => a + b, 0);
    const groups = cutSweep(
      swept,
      draws.map((d) => (d * total) / drawn),
    );
    for (const group of groups) {
      const list = group.reduce((a, p) => a + p.list, 0);
      const cx = group.reduce((a, p) => a + p.lon * p.list, 0) / list;
      const cy = group.reduce((a, p) => a + p.lat * p.list, 0) / list;
      const dx = (cx - s.lon) * 67.9;
      const dy = (cy - s.lat) * 111.2;
      const town = s.name.toUpperCase();
      const base =
        groups.length === 1
          ? s.remote
            ? `${town} AND UPPER MOOR`
            : town
          : Math.hypot(dx, dy) < 0.25 * (s.townRadiusKm + 1)
            ? `${town} CENTRAL`
            : `${town} ${direction(dx, dy)}`;
      const payee = [...group].sort((a, b) => b.list - a.list || a.index - b.index)[0]!.index;
      pcns.push({
        code: "",
        name: uniqueName(base, town),
        place: s.place,
        settlement,
        practices: group.map((p) => p.index).sort((a, b) => a - b),
        list,
        openDate: PCN_OPEN_DATE,
        closeDate: null,
        payee,
      });
    }
  });
  pcns.forEach((p, i) => (p.code = pcnCode(i + 1)));

  const pcnOf = practices.map(() => "U");
  for (const pcn of pcns) for (const i of pcn.practices) pcnOf[i] = pcn.code;

  const memberships: DemoMembership[] = [];
  const closed: DemoPcn[] = [];
  let nextCode = pcns.length + 1;
  // A merger: the first single-locality PCN with four or more practices was two networks until April 2023.
  const merged = pcns.find((p) => p.practices.length >= 4 && p.place !== "city");
  if (merged) {
    merged.openDate = MERGER_DATE;
    const half = Math.ceil(merged.practices.length / 2);
    for (const [part, side] of [
      [merged.practices.slice(0, half), "NORTH"],
      [merged.practices.slice(half), "SOUTH"],
    ] as const) {
      const old: DemoPcn = {
        ...merged,
        code: pcnCode(nextCode++),
        name: uniqueName(`${merged.name.replace(/ PCN$/, "")} ${side}`, merged.name.replace(/ PCN$/, "")),
        practices: [...part],
        list: part.reduce((a, i) => a + practices[i]!.list, 0),
        openDate: PCN_OPEN_DATE,
        closeDate: dayBefore(MERGER_DATE),
        payee: part[0]!,
      };
      closed.push(old);
      for (const i of part) {
        memberships.push({
          practice: i,
          pcn: old.code,
          start: FIRST_MEMBERSHIP_DATE,
          end: dayBefore(MERGER_DATE),
        });
        memberships.push({ practice: i, pcn: merged.code, start: MERGER_DATE, end: null });
      }
    }
  }
  // Two city practices that moved to a neighbouring network.
  const city = pcns.filter((p) => p.place === "city" && p.practices.length >= 3);
  const movers = new Map<number, { from: string; date: string }>();
  for (const [k, date] of [
    [0, "2021-04-01"],
    [2, "2022-04-01"],
  ] as const) {
    const to = city[k];
    const from = city[k + 1];
    if (!to || !from) continue;
    movers.set(to.practices[to.practices.length - 1]!, { from: from.code, date });
  }
  practices.forEach((p, i) => {
    if (pcnOf[i] === "U" || (merged && merged.practices.includes(i))) return;
    const move = movers.get(i);
    const joined =
      p.openDate > FIRST_MEMBERSHIP_DATE
        ? `${Number(p.openDate.slice(0, 4)) + 1}-04-01`
        : rng.chance(0.93)
          ? FIRST_MEMBERSHIP_DATE
          : rng.pick(["2020-04-01", "2021-04-01", "2022-04-01"]);
    if (move) {
      memberships.push({ practice: i, pcn: move.from, start: joined, end: dayBefore(move.date) });
      memberships.push({ practice: i, pcn: pcnOf[i]!, start: move.date, end: null });
    } else memberships.push({ practice: i, pcn: pcnOf[i]!, start: joined, end: null });
  });
  memberships.sort((a, b) => a.practice - b.practice || (a.start < b.start ? -1 : a.start > b.start ? 1 : 0));
  return { pcns, closed, memberships, pcnOf };
}

/** The PCN a practice belonged to on a date (`U` when none). */
export function pcnOn(networks: DemoNetworks, practice: number, date: string): string {
  const m = networks.memberships.find(
    (x) => x.practice === practice && x.start <= date && (x.end === null || x.end >= date),
  );
  return m?.pcn ?? "U";
}
