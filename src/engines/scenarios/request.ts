// Checks a closure request before anything is computed: the practices (known to the map, each named once)
// and the options (model, distance limit, choice parameters). Every problem is a ScenarioRequestError
// naming the value, what was expected and what was found.
import type { Practice } from "../../model/organisation.ts";
import type { ChoiceParameters } from "./choice.ts";
import { ScenarioRequestError } from "./errors.ts";

export type DispersalModel = "nearest" | "choice";
export const DISPERSAL_MODELS: readonly DispersalModel[] = ["nearest", "choice"];

/** Default distance limit from a patient's home to a receiving practice, km. */
export const DEFAULT_MAX_KM = 10;
/** Largest distance limit accepted, km (a limit beyond it is not a local dispersal). */
export const MAX_KM_LIMIT = 200;

const plural = (n: number, one: string, many = `${one}s`) => (n === 1 ? one : many);

/**
 * Resolves practice codes (trimmed, case-insensitive) to indices into `practices`, in the order given.
 * Throws ScenarioRequestError for no codes, a code named twice, or codes not in the map.
 */
export function resolvePractices(
  practices: readonly Practice[],
  codes: readonly string[],
  what: { verb: string; date: string },
): number[] {
  if (codes.length === 0)
    throw new ScenarioRequestError(`name at least one practice to ${what.verb} (--practice CODE)`);
  const index = new Map<string, number>();
  practices.forEach((p, i) => index.set(p.code.toUpperCase(), i));
  const seen = new Set<string>();
  const unknown: string[] = [];
  const out: number[] = [];
  for (const raw of codes) {
    const code = raw.trim().toUpperCase();
    if (seen.has(code))
      throw new ScenarioRequestError(
        `practice ${code} is named twice: each practice can be ${what.verb}d only once`,
      );
    seen.add(code);
    const i = index.get(code);
    if (i === undefined) unknown.push(raw.trim() === "" ? "(empty)" : raw.trim());
    else out.push(i);
  }
  if (unknown.length > 0)
    throw new ScenarioRequestError(
      `unknown practice ${plural(unknown.length, "code")} ${unknown.map((c) => `'${c}'`).join(", ")}: not in ` +
        `the practice → PCN map of ${what.date} (${practices.length.toLocaleString("en-GB")} practices; codes are ODS codes such as M83001)`,
    );
  return out;
}

export function checkMaxKm(maxKm: number): void {
  if (!Number.isFinite(maxKm) || maxKm <= 0 || maxKm > MAX_KM_LIMIT)
    throw new ScenarioRequestError(
      `the distance limit must be a number of km above 0 and at most ${MAX_KM_LIMIT}; found '${maxKm}'`,
    );
}

export function checkChoice(choice: ChoiceParameters): void {
  if (!Number.isFinite(choice.decayPerKm) || choice.decayPerKm < 0)
    throw new ScenarioRequestError(
      `the distance decay must be a number ≥ 0 per km; found '${choice.decayPerKm}'`,
    );
  if (!Number.isFinite(choice.attractivenessExponent) || choice.attractivenessExponent < 0)
    throw new ScenarioRequestError(
      `the attractiveness exponent must be a number ≥ 0; found '${choice.attractivenessExponent}'`,
    );
}

/** Checks a closure request; returns the indices of the practices to close. */
export function checkClosureRequest(
  practices: readonly Practice[],
  codes: readonly string[],
  options: { model: string; maxKm: number; choice: ChoiceParameters; date: string },
): number[] {
  if (!DISPERSAL_MODELS.includes(options.model as DispersalModel))
    throw new ScenarioRequestError(`the model must be nearest or choice; found '${options.model}'`);
  checkMaxKm(options.maxKm);
  checkChoice(options.choice);
  return resolvePractices(practices, codes, { verb: "close", date: options.date });
}
