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
