// The concentration index of a per-head measure across practices ranked by deprivation (Wagstaff, van
// Doorslaer & Paci 1991; Kakwani, Wagstaff & van Doorslaer 1997), population-weighted:
//
//   C = (2 ÷ μ) × Σ_i (w_i ÷ W) × (y_i − μ) × (R_i − ½),   μ = Σ w_i y_i ÷ W,  W = Σ w_i,
//
// where y_i is the practice's measure (e.g. £ per registered patient), w_i its population (the measure's
// denominator) and R_i its fractional rank: the share of the population more deprived than it plus half its
// own, with practices ranked from MOST deprived (R near 0) to LEAST deprived (R near 1). Practices tied on
// deprivation share the rank of their group's midpoint.
//
// Sign convention: C < 0 means the measure is concentrated among the more deprived practices (pro-deprived);
// C > 0 among the less deprived; 0 is equal per head across the gradient. |C| ≤ 1 for a non-negative measure.

export interface ConcentrationItem {
  /** Population weight (e.g. registered patients). */
  weight: number;
  /** The per-head measure. */
  value: number;
  /** Higher = more deprived (e.g. the IMD score). */
  deprivation: number;
}

/** The concentration index, or null with fewer than two items or a zero mean. */
export function concentrationIndex(items: readonly ConcentrationItem[]): number | null {
  const usable = items.filter(
    (i) => i.weight > 0 && Number.isFinite(i.value) && Number.isFinite(i.deprivation),
  );
  if (usable.length < 2) return null;
  const sorted = [...usable].sort((a, b) => b.deprivation - a.deprivation);
  const total = sorted.reduce((a, i) => a + i.weight, 0);
  const mean = sorted.reduce((a, i) => a + i.weight * i.value, 0) / total;
  if (mean === 0) return null;
  let before = 0;
  let c = 0;
  for (let start = 0; start < sorted.length;) {
    let end = start;
    let groupWeight = 0;
    while (end < sorted.length && sorted[end]!.deprivation === sorted[start]!.deprivation)
      groupWeight += sorted[end++]!.weight;
    const rank = (before + groupWeight / 2) / total;
    for (let k = start; k < end; k++) {
      const i = sorted[k]!;
      c += (i.weight / total) * (i.value - mean) * (rank - 0.5);
    }
    before += groupWeight;
    start = end;
  }
  return (2 / mean) * c;
}
