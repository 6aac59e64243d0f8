// How the ICBs of one map succeed those of an earlier one: every practice in both maps links its old ICB
// to its new one; the links, counted in practices and registered patients, give each old ICB its
// successors and each new ICB its predecessors. The ODS change rows in force between the two maps are the
// evidence: a renamed sub-ICB location names its new ICB, a reallocated LSOA its receiving ICB (by code,
// or by name where the code was published as 'tbc'). Pure.
import type {
  ChangeEvidence,
  DatedMap,
  Footprint,
  IcbFate,
  IcbSuccession,
  MembershipRow,
  NewIcb,
  OldIcb,
  OrganisationChange,
  SuccessionLink,
} from "../../model/footprint.ts";
import type { OrgRef } from "../../model/organisation.ts";
import type { DatasetRef } from "../../model/picture.ts";
import { icbNameKey } from "./names.ts";

export interface SuccessionInput {
  from: { footprint: Footprint; rows: readonly MembershipRow[] };
  to: { footprint: Footprint; rows: readonly MembershipRow[] };
  /** Every loaded change; those effective after the earlier map and on or before the later are used. */
  changes: readonly OrganisationChange[];
  /** Registered patients by practice, and the file they come from (null: counts in practices only). */
  lists: { dataset: DatasetRef; byPractice: ReadonlyMap<string, number> } | null;
}

interface Tally {
  from: OrgRef;
  to: OrgRef;
  practices: number;
  patients: number;
  subIcbs: Set<string>;
}

const key = (a: string, b: string) => `${a}→${b}`;
const share = (part: number, whole: number) => (whole > 0 ? part / whole : 0);

/** The ICBs of a map by code, and by name key. */
function icbsOf(rows: readonly MembershipRow[]) {
  const byCode = new Map<string, OrgRef>();
  for (const r of rows) if (!byCode.has(r.icb.code)) byCode.set(r.icb.code, r.icb);
  const byName = new Map<string, OrgRef>();
  for (const icb of byCode.values()) byName.set(icbNameKey(icb.name), icb);
  return { byCode, byName };
}

/** The ODS evidence for each old → new pair, and what names an ICB neither map has. */
function evidenceOf(
  fromRows: readonly MembershipRow[],
  toRows: readonly MembershipRow[],
  changes: readonly OrganisationChange[],
) {
  const evidence = new Map<string, ChangeEvidence>();
  const unmatched: string[] = [];
  const from = icbsOf(fromRows);
  const to = icbsOf(toRows);
  const icbOfSubIcb = new Map(fromRows.map((r) => [r.subIcb.code, r.icb]));
  const at = (f: string, t: string) => {
    let e = evidence.get(key(f, t));
    if (!e) evidence.set(key(f, t), (e = { renamedSubIcbs: [], lsoas: 0 }));
    return e;
  };
  for (const c of changes) {
    for (const r of c.renamed) {
      const f = icbOfSubIcb.get(r.subIcbCode);
      const t = r.newIcbName ? to.byName.get(icbNameKey(r.newIcbName)) : undefined;
      if (f && t) at(f.code, t.code).renamedSubIcbs.push(r.subIcbCode);
      else
        unmatched.push(
          `ODS (${c.effectiveFrom}): sub-ICB location ${r.subIcbCode} renamed into ` +
            `'${r.newIcbName ?? "(no ICB named)"}', ${f ? "an ICB" : "a sub-ICB location"} the ${f ? "later" : "earlier"} map does not have`,
        );
    }
    const lsoaMisses = new Map<string, number>();
    for (const m of c.reallocated) {
      const f = m.fromIcbCode ? from.byCode.get(m.fromIcbCode) : undefined;
      const t =
        (m.toIcbCode ? to.byCode.get(m.toIcbCode) : undefined) ??
        (m.toIcbName ? to.byName.get(icbNameKey(m.toIcbName)) : undefined);
      if (f && t) at(f.code, t.code).lsoas++;
      else {
        const label = `${m.fromIcbCode ?? "?"} → ${m.toIcbCode ?? m.toIcbName ?? "?"}`;
        lsoaMisses.set(label, (lsoaMisses.get(label) ?? 0) + 1);
      }
    }
    for (const [label, n] of lsoaMisses)
      unmatched.push(
        `ODS (${c.effectiveFrom}): ${n} LSOAs reallocated ${label}, an ICB the maps do not have`,
      );
  }
  return { evidence, unmatched };
}

function fateOf(icb: OrgRef, successors: readonly SuccessionLink[], gainsOthers: boolean): IcbFate {
  const own = successors.find((s) => s.to.code === icb.code);
  if (own && successors.length === 1) return gainsOthers ? "enlarged" : "unchanged";
  if (own) return "reduced";
  return successors.length === 1 ? "merged" : "split";
}

/** The succession of the ICBs of `from` by those of `to`. */
export function icbSuccession(input: SuccessionInput): IcbSuccession {
  const { from, to, lists } = input;
  const fromDate = from.footprint.map.referenceDate;
  const toDate = to.footprint.map.referenceDate;
  const changes = input.changes.filter((c) => c.effectiveFrom > fromDate && c.effectiveFrom <= toDate);
  const later = new Map(to.rows.map((r) => [r.practiceCode, r]));
  const earlier = new Set(from.rows.map((r) => r.practiceCode));
  const patientsOf = (code: string) => lists?.byPractice.get(code) ?? 0;
  const tallies = new Map<string, Tally>();
  const oldStats = new Map<
    string,
    { icb: OrgRef; practices: number; continuing: number; patients: number }
  >();
  for (const r of from.rows) {
    let s = oldStats.get(r.icb.code);
    if (!s) oldStats.set(r.icb.code, (s = { icb: r.icb, practices: 0, continuing: 0, patients: 0 }));
    s.practices++;
    const now = later.get(r.practiceCode);
    if (!now) continue;
    s.continuing++;
    s.patients += patientsOf(r.practiceCode);
    let t = tallies.get(key(r.icb.code, now.icb.code));
    if (!t) {
      t = { from: r.icb, to: now.icb, practices: 0, patients: 0, subIcbs: new Set() };
      tallies.set(key(r.icb.code, now.icb.code), t);
    }
    t.practices++;
    t.patients += patientsOf(r.practiceCode);
    t.subIcbs.add(r.subIcb.code);
  }
  const newStats = new Map<string, { icb: OrgRef; practices: number; opened: number; patients: number }>();
  for (const r of to.rows) {
    let s = newStats.get(r.icb.code);
    if (!s) newStats.set(r.icb.code, (s = { icb: r.icb, practices: 0, opened: 0, patients: 0 }));
    s.practices++;
    s.patients += patientsOf(r.practiceCode);
    if (!earlier.has(r.practiceCode)) s.opened++;
  }
  const { evidence, unmatched } = evidenceOf(from.rows, to.rows, changes);
  const links: SuccessionLink[] = [...tallies.values()].map((t) => {
    const old = oldStats.get(t.from.code)!;
    return {
      from: t.from,
      to: t.to,
      practices: t.practices,
      patients: lists ? t.patients : null,
      sharePractices: share(t.practices, old.continuing),
      sharePatients: lists ? share(t.patients, old.patients) : null,
      subIcbs: [...t.subIcbs].sort(),
      evidence: evidence.get(key(t.from.code, t.to.code)) ?? { renamedSubIcbs: [], lsoas: 0 },
    };
  });
  const byPractices = (a: SuccessionLink, b: SuccessionLink) => b.practices - a.practices;
  const old: OldIcb[] = [...oldStats.values()]
    .sort((a, b) => a.icb.code.localeCompare(b.icb.code))
    .map((s) => {
      const successors = links.filter((l) => l.from.code === s.icb.code).sort(byPractices);
      const gainsOthers = links.some((l) => l.to.code === s.icb.code && l.from.code !== s.icb.code);
      return {
        icb: s.icb,
        fate: fateOf(s.icb, successors, gainsOthers),
        practices: s.practices,
        continuing: s.continuing,
        gone: s.practices - s.continuing,
        patients: lists ? s.patients : null,
        successors,
      };
    });
  const neu: NewIcb[] = [...newStats.values()]
    .sort((a, b) => a.icb.code.localeCompare(b.icb.code))
    .map((s) => ({
      icb: s.icb,
      isNew: !oldStats.has(s.icb.code),
      practices: s.practices,
      opened: s.opened,
      patients: lists ? s.patients : null,
      predecessors: links.filter((l) => l.to.code === s.icb.code).sort(byPractices),
    }));
  const unexplained = links
    .filter(
      (l) => l.from.code !== l.to.code && l.evidence.renamedSubIcbs.length === 0 && l.evidence.lsoas === 0,
    )
    .map(
      (l) =>
        `${l.practices} practices of ${l.from.code} ${l.from.name} are in ${l.to.code} ${l.to.name}, ` +
        `which no loaded ODS change file explains`,
    );
  for (const [k, e] of evidence)
    if (!tallies.has(k))
      unexplained.push(
        `ODS: ${k} (${e.renamedSubIcbs.length} sub-ICB locations, ${e.lsoas} LSOAs), yet no practice made that move`,
      );
  unexplained.push(...unmatched);
  const caveats: string[] = [];
  if (changes.length === 0)
    caveats.push(
      `No ODS change file takes effect between the ${from.footprint.map.period} and ${to.footprint.map.period} maps: ` +
        "the succession is read from the maps alone.",
    );
  if (!lists) caveats.push("No list-size file is loaded: patients are not counted.");
  else
    caveats.push(
      `Patients are the ${lists.dataset.period} list sizes of the practices in both maps (practices without a list count 0).`,
    );
  return {
    from: from.footprint,
    to: to.footprint,
    changes: changes.map((c) => ({ effectiveFrom: c.effectiveFrom, sources: c.sources })),
    lists: lists?.dataset ?? null,
    old,
    new: neu,
    unexplained,
    caveats,
  };
}

/** The ICB of a map by ODS or ONS code (any case), else by a unique part of its name; null when none. */
export function findIcb(rows: readonly MembershipRow[], query: string): OrgRef | null {
  const q = query.trim().toLowerCase();
  const { byCode } = icbsOf(rows);
  for (const icb of byCode.values())
    if (icb.code.toLowerCase() === q || icb.onsCode?.toLowerCase() === q) return icb;
  const named = [...byCode.values()].filter((i) => icbNameKey(i.name).includes(icbNameKey(query)));
  return named.length === 1 ? named[0]! : null;
}

/** One sentence on where an ICB stands in a succession, or null when it is unchanged. */
export function lineageOf(succession: IcbSuccession, code: string): string | null {
  const on = succession.changes.at(-1)?.effectiveFrom;
  const when = on
    ? `on ${on}`
    : `between the ${succession.from.map.period} and ${succession.to.map.period} maps`;
  const list = (links: readonly SuccessionLink[], side: "from" | "to") =>
    links.map((l) => `${l[side].code} ${l[side].name} (${l.practices} practices)`).join(", ");
  const n = succession.new.find((x) => x.icb.code === code);
  if (n && n.isNew) return `${code} was formed ${when} from ${list(n.predecessors, "from")}`;
  if (n && n.predecessors.some((p) => p.from.code !== code))
    return `${code} gained ${when} practices of ${list(
      n.predecessors.filter((p) => p.from.code !== code),
      "from",
    )}`;
  const o = succession.old.find((x) => x.icb.code === code);
  if (o && (o.fate === "merged" || o.fate === "split"))
    return `${code} ${o.icb.name} was ${o.fate === "merged" ? "merged" : "split"} ${when}: its practices are now in ${list(o.successors, "to")}`;
  if (o && o.fate === "reduced")
    return `${code} lost ${when} practices to ${list(
      o.successors.filter((s) => s.to.code !== code),
      "to",
    )}`;
  return null;
}

/** The practices of one ICB in a map's rows. */
export function practicesOf(map: DatedMap | { rows: readonly MembershipRow[] }, icbCode: string): string[] {
  return map.rows
    .filter((r) => r.icb.code === icbCode)
    .map((r) => r.practiceCode)
    .sort();
}

/**
 * The part of a succession about one ICB, old or new (by ODS or ONS code, else a unique part of its name):
 * the old ICBs it came from or is, and the new ICBs it went to or is. Null when neither footprint has it.
 */
export function narrowSuccession(succession: IcbSuccession, query: string): IcbSuccession | null {
  const rows = [...succession.old, ...succession.new].map((x) => ({
    practiceCode: "",
    practiceName: "",
    subIcb: x.icb,
    icb: x.icb,
  }));
  const icb = findIcb(rows, query);
  if (!icb) return null;
  const c = icb.code;
  const old = succession.old.filter((o) => o.icb.code === c || o.successors.some((l) => l.to.code === c));
  const neu = succession.new.filter((n) => n.icb.code === c || n.predecessors.some((l) => l.from.code === c));
  return { ...succession, old, new: neu };
}
