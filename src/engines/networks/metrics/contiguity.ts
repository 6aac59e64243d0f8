// Contiguity: a network is contiguous when the subgraph of the adjacency graph induced by its practices is
// connected. A breach names the network and the practices of each piece (largest piece first). Isolated
// practices (no neighbour at all) are reported as their own breach: they cannot join any network
// contiguously.
import { inducedComponents } from "../graph.ts";
import { codesOf, practiceLabel, type Breach, type MetricContext } from "./context.ts";

export interface NetworkContiguity {
  contiguous: boolean;
  /** Practice codes of each connected piece (one piece when contiguous). */
  pieces: string[][];
}

export function contiguityMetric(ctx: MetricContext): { networks: NetworkContiguity[]; breaches: Breach[] } {
  const { instance, adjacency } = ctx;
  const breaches: Breach[] = [];
  const networks = ctx.members.map((members, i) => {
    if (members.length === 0) return { contiguous: true, pieces: [] };
    const pieces = inducedComponents(adjacency, members).map((c) => codesOf(instance, c));
    const label = ctx.labels[i]!;
    if (pieces.length > 1)
      breaches.push({
        rule: "contiguity.split",
        network: label.code,
        practices: pieces.slice(1).flat(),
        figure: pieces.length,
        message:
          `${label.code} ${label.name} is in ${pieces.length} pieces: ` +
          inducedComponents(adjacency, ctx.members[i]!)
            .map((piece) => `{${piece.map((p) => practiceLabel(instance, p)).join(", ")}}`)
            .join(" | "),
      });
    return { contiguous: pieces.length === 1, pieces };
  });
  for (const p of adjacency.isolated) {
    const label = ctx.labels[ctx.assignment[p]!]!;
    breaches.push({
      rule: "graph.isolated",
      network: label.code,
      practices: [instance.practiceCodes[p]!],
      figure: 0,
      message: `${instance.practiceCodes[p]} ${instance.practiceNames[p]} (in ${label.code}) has no neighbour in the graph`,
    });
  }
  return { networks, breaches };
}
