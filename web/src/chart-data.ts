// The rows the PCN band chart draws: PCNs largest first, each with a hover title (pure, tested).
import type { Band } from "./bands.ts";

export interface ChartRow {
  name: string;
  listSize: number;
  band: Band;
  title: string;
}

export function chartRows(
  pcns: readonly { code: string; name: string; listSize: number; band: Band }[],
): ChartRow[] {
  return [...pcns]
    .sort((a, b) => b.listSize - a.listSize || a.name.localeCompare(b.name))
    .map((p) => ({
      name: `${p.name} (${p.code})`,
      listSize: p.listSize,
      band: p.band,
      title: `${p.name}: ${p.listSize.toLocaleString("en-GB")} patients`,
    }));
}

export interface QuintileRow {
  label: string;
  patients: number;
  share: number;
}

/** Patients by IMD quintile (index 0 = quintile 1, the most deprived) with each quintile's share. */
export function quintileRows(quintilePatients: readonly number[]): QuintileRow[] {
  const total = quintilePatients.reduce((a, b) => a + b, 0);
  return quintilePatients.map((patients, i) => ({
    label:
      i === 0
        ? "1 (most deprived)"
        : i === quintilePatients.length - 1
          ? `${i + 1} (least deprived)`
          : String(i + 1),
    patients,
    share: total > 0 ? patients / total : Number.NaN,
  }));
}
