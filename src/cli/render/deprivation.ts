// The deprivation mix as every command prints it (the overview, `networks evaluate`): the quintile shares
// of the patients with a known quintile, the unknown patients, and the basis in the engine's words.
import type { DeprivationMix } from "../../engines/deprivation/mix.ts";
import { formatCount, formatPercent } from "../format.ts";

/** Quintile shares, e.g. `Q1 21%, Q2 16%, Q3 21%, Q4 22%, Q5 20%` (of the patients with a known quintile). */
export function quintileShares(mix: Pick<DeprivationMix, "quintilePatients">): string {
  const total = mix.quintilePatients.reduce((a, b) => a + b, 0);
  return mix.quintilePatients
    .map((v, i) => `Q${i + 1} ${formatPercent(total ? v / total : 0, 0)}`)
    .join(", ");
}

/** The two lines of the mix under a 21-character label column. */
export function deprivationLines(mix: DeprivationMix): string[] {
  const total = mix.quintilePatients.reduce((a, b) => a + b, 0);
  if (total === 0) return [];
  return [
    `Deprivation mix      ${quintileShares(mix)} of patients by IMD quintile (Q1 most deprived)` +
      (mix.unknownPatients > 0 ? `; ${formatCount(mix.unknownPatients)} unknown` : ""),
    `                     basis: ${mix.description}`,
  ];
}
