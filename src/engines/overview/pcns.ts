// PCN sizes from practice membership: a PCN's registered population is the sum of its practices' lists.
// A PCN is placed in the sub-ICB and ICB holding most of its patients (PCNs rarely straddle a boundary).
import type { PcnContractYear } from "../../config/pcn-contract.ts";
import { isUnallocated, type OrgRef, type Practice } from "../../model/organisation.ts";
import { pcnBand, type PcnBand } from "../../model/pcn-band.ts";
import { groupBy, sum } from "./stats.ts";

export interface PcnSummary {
  code: string;
  name: string;
  subIcb: OrgRef;
  icb: OrgRef;
  practices: number;
  /** Sum of known practice lists. */
  listSize: number;
  /** Practices whose list size is unknown (their patients are not in listSize). */
  practicesWithoutList: number;
  band: PcnBand;
  /** True when its practices sit in more than one sub-ICB location. */
  crossesSubIcb: boolean;
}

function majority(practices: readonly Practice[], pick: (p: Practice) => OrgRef): OrgRef {
  const weight = new Map<string, { ref: OrgRef; patients: number }>();
  for (const p of practices) {
    const ref = pick(p);
    const w = weight.get(ref.code) ?? { ref, patients: 0 };
    w.patients += p.listSize ?? 0;
    weight.set(ref.code, w);
  }
  return [...weight.values()].sort(
    (a, b) => b.patients - a.patients || a.ref.code.localeCompare(b.ref.code),
  )[0]!.ref;
}

/** Summaries of every PCN among the practices (unallocated practices are excluded). */
export function summarisePcns(practices: readonly Practice[], rules: PcnContractYear): PcnSummary[] {
  const byPcn = groupBy(
    practices.filter((p) => !isUnallocated(p)),
    (p) => p.pcnCode,
  );
  const pcns: PcnSummary[] = [];
  for (const [code, members] of byPcn) {
    const listSize = sum(members.map((p) => p.listSize ?? 0));
    pcns.push({
      code,
      name: members[0]!.pcnName,
      subIcb: majority(members, (p) => p.subIcb),
      icb: majority(members, (p) => p.icb),
      practices: members.length,
      listSize,
      practicesWithoutList: members.filter((p) => p.listSize === null).length,
      band: pcnBand(listSize, rules),
      crossesSubIcb: new Set(members.map((p) => p.subIcb.code)).size > 1,
    });
  }
  return pcns.sort((a, b) => a.code.localeCompare(b.code));
}
