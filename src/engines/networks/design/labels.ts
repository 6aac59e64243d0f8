// Stable, meaningful network labels. A network holding locked practices takes their label. Otherwise today's
// PCNs are matched one-to-one to the new networks, maximising the patients they share (compare.ts
// matchNetworks, the matching `networks compare` uses), and each new network takes the code of the PCN
// matched to it: its heir. Networks heir to no PCN are NEW-1, NEW-2… in order of their first practice code.
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
  instance.networkCodes.forEach((code, c) => {
    const j = match[c]!;
    if (j >= 0 && labels[j] === null && !reserved.has(code.toUpperCase())) labels[j] = code;
  });
  const taken = new Set([...reserved, ...instance.networkCodes.map((c) => c.toUpperCase())]);
  let next = 1;
  return labels.map((l) => {
    if (l !== null) return l;
    while (taken.has(`NEW-${next}`)) next++;
    return `NEW-${next++}`;
  });
}
