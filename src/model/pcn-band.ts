// PCN size bands against the Network Contract DES: under the 30,000 minimum, in the 30,000–50,000 band,
// or over 50,000. Thresholds come from config/pcn-contract.ts for the contract year.
import type { PcnContractYear } from "../config/pcn-contract.ts";

export type PcnBand = "under" | "in" | "over";

export const BAND_LABELS: Record<PcnBand, string> = {
  under: "under 30k",
  in: "30–50k",
  over: "over 50k",
};

export function bandLabels(rules: PcnContractYear): Record<PcnBand, string> {
  const k = (n: number) => `${n / 1000}k`;
  return {
    under: `under ${k(rules.minimumList)}`,
    in: `${k(rules.minimumList)}–${k(rules.typicalMaximumList)}`,
    over: `over ${k(rules.typicalMaximumList)}`,
  };
}

export function pcnBand(listSize: number, rules: PcnContractYear): PcnBand {
  if (listSize < rules.minimumList) return "under";
  if (listSize <= rules.typicalMaximumList) return "in";
  return "over";
}

export function parseBand(text: string): PcnBand | undefined {
  const t = text.trim().toLowerCase();
  if (["under", "below", "<30k", "small"].includes(t)) return "under";
  if (["in", "within", "30-50k", "30–50k", "band"].includes(t)) return "in";
  if (["over", "above", ">50k", "large"].includes(t)) return "over";
  return undefined;
}
