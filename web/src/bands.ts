// PCN size bands as the app shows them: a label and a colour-blind-safe colour for each (Okabe–Ito
// palette: orange, bluish green, blue are told apart with every common colour-vision deficiency), used by
// the map, the chart and their legends alike.

export type Band = "under" | "in" | "over";
export const BANDS: readonly Band[] = ["under", "in", "over"];

export interface BandRule {
  minimumList: number;
  typicalMaximumList: number;
}

export const BAND_COLOURS: Record<Band, string> = { under: "#E69F00", in: "#009E73", over: "#0072B2" };
/** Networks of practices outside any PCN. */
export const OUTSIDE_COLOUR = "#768692";

const count = (n: number) => n.toLocaleString("en-GB");

export function bandLabel(band: Band, rule: BandRule): string {
  if (band === "under") return `Under ${count(rule.minimumList)} patients`;
  if (band === "over") return `Over ${count(rule.typicalMaximumList)} patients`;
  return `${count(rule.minimumList)} to ${count(rule.typicalMaximumList)} patients`;
}
