// Lock analysis on units: the practices locked to one label must be joinable through units free of other
// labels (else the lock is split into parts, each its own network), and their reachable area must reach the
// minimum (else that network is waived). Both become named relaxations.
import type { Band } from "./options.ts";
import { Waiver } from "./groups.ts";
import { fmt, type PendingRelaxation } from "./relaxation.ts";

export interface LockContext {
  band: Band;
  labelTexts: readonly string[];
  /** Label texts by index; parts of split locks are appended. */
  labels: string[];
  unitCount: number;
  unitLabel: Int32Array;
  unitWaiver: Uint8Array;
  unitW: Float64Array;
  unitStart: Int32Array;
  unitPractices: Int32Array;
  unitAdjStart: Int32Array;
  unitAdj: Int32Array;
  relaxations: PendingRelaxation[];
  name: (ps: readonly number[]) => string;
}

/** Splits locks that cannot be joined and waives locked networks that cannot reach the minimum. */
export function analyseLocks(ctx: LockContext): void {
  const { band, labelTexts, labels, unitCount, unitLabel, unitWaiver, unitW, unitStart, unitPractices } = ctx;
  const { unitAdjStart, unitAdj, relaxations, name } = ctx;
  // Locks: each label's units must be joinable through units free of other labels, and reach the minimum.
  for (let l = 0; l < labelTexts.length; l++) {
    const own: number[] = [];
    for (let u = 0; u < unitCount; u++) if (unitLabel[u] === l) own.push(u);
    if (own.length === 0) continue;
    const seen = new Map<number, number>();
    const regions: { units: number[]; weight: number }[] = [];
    for (const start of own) {
      if (seen.has(start)) continue;
      const region = [start];
      seen.set(start, regions.length);
      for (let h = 0; h < region.length; h++) {
        const u = region[h]!;
        for (let e = unitAdjStart[u]!; e < unitAdjStart[u + 1]!; e++) {
          const v = unitAdj[e]!;
          if (seen.has(v) || (unitLabel[v] !== -1 && unitLabel[v] !== l)) continue;
          seen.set(v, regions.length);
          region.push(v);
        }
      }
      regions.push({ units: region, weight: region.reduce((s, u) => s + unitW[u]!, 0) });
    }
    const practicesOf = (us: readonly number[]) =>
      us.flatMap((u) => [...unitPractices.subarray(unitStart[u], unitStart[u + 1])]);
    const parts = regions.map((r) => own.filter((u) => r.units.includes(u)));
    if (parts.length > 1) {
      relaxations.push({
        rule: "lock",
        reason: "lock-disconnected",
        practices: practicesOf(own),
        message: `Practices locked to ${labelTexts[l]} cannot form one contiguous network (other locks or gaps in the graph separate them): ${parts.map((us) => name(practicesOf(us))).join(" | ")}; each part forms its own network (${parts.map((_, i) => (i === 0 ? labelTexts[l] : `${labelTexts[l]}-${i + 1}`)).join(", ")}).`,
      });
      parts.slice(1).forEach((us, i) => {
        const text = `${labelTexts[l]}-${i + 2}`;
        for (const u of us) unitLabel[u] = labels.length;
        labels.push(text);
      });
    }
    regions.forEach((r, i) => {
      if (r.weight >= band.min) return;
      const us = parts[i]!;
      if (us.some((u) => unitWaiver[u] !== Waiver.None)) return;
      for (const u of us) unitWaiver[u] = Waiver.Relaxed;
      relaxations.push({
        rule: "minimum",
        reason: "lock-area-under-minimum",
        practices: practicesOf(us),
        message: `Practices ${name(practicesOf(us))} are locked to ${labels[unitLabel[us[0]!]!]}, whose network can reach at most ${fmt(r.weight)} patients without crossing other locks or the edge of the graph, under the ${fmt(band.min)} minimum: that network is waived.`,
      });
    });
  }
}
