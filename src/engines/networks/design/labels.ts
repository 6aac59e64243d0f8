// Stable, meaningful network labels. A network holding locked practices takes their label. Otherwise today's
// PCNs are matched one-to-one to the new networks, maximising the patients they share (compare.ts
// matchNetworks, the matching `networks compare` uses), and each new network takes the code of the PCN
// matched to it: its heir. A PCN whose heir carries a lock label passes its code to the unlabelled network
// holding most of its patients. Networks heir to no PCN are NEW-1, NEW-2… in order of their first practice.
import { currentAssignment } from "../assignment.ts";
import { matchNetworks } from "../compare.ts";
import type { NetworkInstance } from "../instance.ts";
import type { Problem } from "./problem.ts";

/** Label of each network of `assignment` (practice → network 0 … k − 1). */
export function networkLabels(
  pb: Problem,
  instance: NetworkInstance,
  assignment: Int32Array,
  k: number,
): string[] {
  const labels = new Array<string | null>(k).fill(null);
  const reserved = new Set<string>();
  for (let p = 0; p < pb.n; p++) {
    const l = pb.unitLabel[pb.unitOf[p]!]!;
    if (l < 0) continue;
    labels[assignment[p]!] = pb.labels[l]!;
    reserved.add(pb.labels[l]!.toUpperCase());
  }
  const match = matchNetworks(instance, currentAssignment(instance), assignment);
  const unused: number[] = [];
  instance.networkCodes.forEach((code, c) => {
    if (reserved.has(code.toUpperCase())) return;
    const j = match[c]!;
    if (j >= 0 && labels[j] === null) labels[j] = code;
    else unused.push(c);
  });
  // A PCN whose heir took a lock label passes its code to the unlabelled network holding most of its patients.
  const overlap = new Map<number, Map<number, number>>();
  for (let p = 0; p < pb.n; p++) {
    const c = pb.current[p]!;
    if (c < 0 || !unused.includes(c)) continue;
    if (!overlap.has(c)) overlap.set(c, new Map());
    const row = overlap.get(c)!;
    row.set(assignment[p]!, (row.get(assignment[p]!) ?? 0) + pb.w[p]! + 0.001);
  }
  for (const c of unused) {
    let best = -1;
    let most = 0;
    for (const [j, patients] of [...(overlap.get(c) ?? [])].sort((x, y) => x[0] - y[0]))
      if (labels[j] === null && patients > most) {
        best = j;
        most = patients;
      }
    if (best >= 0) labels[best] = instance.networkCodes[c]!;
  }
  const taken = new Set([...reserved, ...instance.networkCodes.map((c) => c.toUpperCase())]);
  let next = 1;
  return labels.map((l) => {
    if (l !== null) return l;
    while (taken.has(`NEW-${next}`)) next++;
    return `NEW-${next++}`;
  });
}
