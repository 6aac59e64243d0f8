// Deprivation deciles from scores: where a publisher gives practice IMD scores without deciles (Fingertips
// 94240, IMD 2025), practices are ranked nationally by score and cut into tenths, 1 = most deprived.

/**
 * National deciles of scores (higher = more deprived): the most deprived tenth of codes is decile 1. Ties
 * share the decile of their first rank, so equal scores never fall in different deciles.
 * @example nationalDeciles(new Map([["A", 40], ["B", 10]])) // → Map { "A" => 1, "B" => 6 }
 */
export function nationalDeciles(scores: ReadonlyMap<string, number>): Map<string, number> {
  const ranked = [...scores].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]));
  const n = ranked.length;
  const deciles = new Map<string, number>();
  let previous: { score: number; decile: number } | undefined;
  ranked.forEach(([code, score], i) => {
    const decile =
      previous && previous.score === score ? previous.decile : Math.min(10, Math.floor((10 * i) / n) + 1);
    deciles.set(code, decile);
    previous = { score, decile };
  });
  return deciles;
}
