// Formatting shared by the funding renderers: money, headings, the synthetic banner and caveats.
import {
  formatCount,
  formatDecimal,
  formatMoney,
  formatPercent,
  formatSignedMoney,
  MINUS,
} from "../format.ts";
import { SYNTHETIC_BANNER } from "./overview.ts";

/** £1,234,567.89 (see format.ts: one style for money in every output). */
export const pounds = (v: number | null | undefined, digits = 2): string => formatMoney(v, digits);

/** £ from whole pence, exact. */
export const penceToPounds = (pence: number): string => {
  const sign = pence < 0 ? MINUS : "";
  const abs = Math.abs(pence);
  return `${sign}£${Math.floor(abs / 100).toLocaleString("en-GB")}.${String(abs % 100).padStart(2, "0")}`;
};

/** Whole pounds with a sign, for differences: +£1,234 / -£56 / £0. */
export const signedPounds = (v: number): string => formatSignedMoney(v);

export const count = (v: number | null | undefined): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "–" : formatCount(v);

export const decimal = (v: number | null | undefined, digits = 2): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "–" : formatDecimal(v, digits);

export const percent = (v: number | null | undefined, digits = 1): string =>
  v === null || v === undefined || !Number.isFinite(v) ? "–" : formatPercent(v, digits);

/** The banner around a synthetic report, and the caveats under any table report. */
export function frame(synthetic: boolean, body: string[], caveats: readonly string[] = []): string {
  const lines = [...(synthetic ? [SYNTHETIC_BANNER, ""] : []), ...body];
  const unique = [...new Set(caveats)];
  if (unique.length > 0) lines.push("", "Caveats:", ...unique.map((c) => `- ${c}`));
  if (synthetic) lines.push("", SYNTHETIC_BANNER);
  return lines.join("\n");
}

/** JSON output of a report, labelled when synthetic. */
export function json(synthetic: boolean, value: unknown): string {
  return JSON.stringify(
    synthetic ? { synthetic: true, banner: SYNTHETIC_BANNER, ...(value as object) } : value,
    null,
    2,
  );
}
