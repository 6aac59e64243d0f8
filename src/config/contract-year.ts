// Contract years of the GP contract and the Network Contract DES run from 1 April to 31 March. One pure rule
// names the year a date falls in; every default that "follows the date" goes through it.

/**
 * The contract year (April to March) an ISO date (`YYYY-MM-DD`, or any string starting so) falls in.
 * @example contractYearOf("2026-12-02") === "2026-27"; contractYearOf("2026-03-31") === "2025-26"
 */
export function contractYearOf(isoDate: string): string {
  const m = /^(\d{4})-(\d{2})/.exec(isoDate);
  if (!m) throw new Error(`contractYearOf: expected an ISO date (YYYY-MM-DD), found '${isoDate}'`);
  const year = Number(m[1]);
  const start = Number(m[2]) >= 4 ? year : year - 1;
  return `${start}-${String((start + 1) % 100).padStart(2, "0")}`;
}

/** The first year of a contract year label: `2026-27` → 2026. */
export const contractYearStart = (label: string): number => Number(label.slice(0, 4));
