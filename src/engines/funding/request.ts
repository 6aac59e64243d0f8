// Reading an allocation request as a planner types it: the fund (£1,000,000, 1.5m, 250k), the method and its
// weights, and the floor and cap (£5,000 per unit, 1.20/head, 90% of equal per head). Every error names the
// option, what was expected and what was found.
import { NEED_WEIGHTING } from "../../config/funding.ts";
import {
  FundingRequestError,
  METHOD_WEIGHTS,
  NEED_COMPONENTS,
  type AllocationMethod,
  type Bound,
  type NeedComponent,
} from "./allocation.ts";

const MONEY = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?\s*([km])?$/i;

/** Whole pence of an amount of money; `what` names the option in errors. */
export function parseMoney(text: string, what: string): number {
  const t = text.trim();
  if (/^-/.test(t) || /^£\s*-/.test(t))
    throw new FundingRequestError(`${what} must be an amount of money ≥ £0; found '${text}'`);
  const m = MONEY.exec(t);
  if (!m)
    throw new FundingRequestError(
      `${what} must be an amount of money such as 1000000, £1,000,000.00, 1.5m or 250k (at most 2 decimal places); found '${text}'`,
    );
  const whole = Number(m[1]!.replaceAll(",", ""));
  const fraction = Number((m[2] ?? "").padEnd(2, "0"));
  const scale = m[3]?.toLowerCase() === "m" ? 1_000_000 : m[3]?.toLowerCase() === "k" ? 1_000 : 1;
  const pence = scale === 1 ? whole * 100 + fraction : Math.round((whole + fraction / 100) * scale * 100);
  if (!Number.isSafeInteger(pence)) throw new FundingRequestError(`${what} is too large; found '${text}'`);
  return pence;
}

/**
 * A floor or cap: `5000` or `£5,000` per unit, `1.20/head` per registered patient, or `90%` of the unit's
 * equal per-head share.
 */
export function parseBound(text: string, flag: string): Bound {
  const t = text.trim();
  const pct = /^(\d+(?:\.\d+)?)\s*%$/.exec(t);
  if (pct) return { kind: "share-of-equal", fraction: Number(pct[1]) / 100 };
  const head = /^(.*?)\s*(?:\/\s*head|per\s+head)$/i.exec(t);
  if (head) {
    const v = Number(head[1]!.replace(/^£/, ""));
    if (!Number.isFinite(v) || v < 0 || head[1]!.trim() === "")
      throw new FundingRequestError(
        `${flag} per head must be £ ≥ 0 per registered patient, e.g. 1.20/head; found '${text}'`,
      );
    return { kind: "per-head", pence: v * 100 };
  }
  try {
    return { kind: "amount", pence: parseMoney(t, flag) };
  } catch {
    throw new FundingRequestError(
      `${flag} must be £ per unit (5000 or £5,000), £ per registered patient (1.20/head) or a share of equal per head (90%); found '${text}'`,
    );
  }
}

const COMPONENT_ALIASES: Record<string, NeedComponent> = {
  registered: "registered",
  equal: "registered",
  list: "registered",
  weighted: "weighted",
  hi: "hi",
  inequalities: "hi",
};

/** `weighted:0.85,hi:0.15` (or `=`); components registered (alias equal), weighted, hi; must sum to 1. */
export function parseWeights(text: string): Record<NeedComponent, number> {
  const weights: Record<NeedComponent, number> = { registered: 0, weighted: 0, hi: 0 };
  for (const part of text
    .split(",")
    .map((p) => p.trim())
    .filter(Boolean)) {
    const m = /^([a-z]+)\s*[:=]\s*(\S+)$/i.exec(part);
    const component = m ? COMPONENT_ALIASES[m[1]!.toLowerCase()] : undefined;
    if (!m || !component)
      throw new FundingRequestError(
        `--weights must be a list such as weighted:0.85,hi:0.15 with components ${NEED_COMPONENTS.join(", ")}; found '${part}'`,
      );
    const v = Number(m[2]!.endsWith("%") ? m[2]!.slice(0, -1) : m[2]) / (m[2]!.endsWith("%") ? 100 : 1);
    if (!Number.isFinite(v) || v < 0)
      throw new FundingRequestError(`--weights: ${component} must be a number ≥ 0; found '${m[2]}'`);
    weights[component] += v;
  }
  const total = NEED_COMPONENTS.reduce((a, c) => a + weights[c], 0);
  if (Math.abs(total - 1) > 1e-9)
    throw new FundingRequestError(`--weights must sum to 1; '${text}' sums to ${Number(total.toFixed(12))}`);
  return weights;
}

/** A share between 0 and 1, also written as a percentage. */
export function parseShare(text: string, flag: string): number {
  const t = text.trim();
  const v = t.endsWith("%") ? Number(t.slice(0, -1)) / 100 : Number(t);
  if (t === "" || !Number.isFinite(v) || v < 0 || v > 1)
    throw new FundingRequestError(`${flag} must be a share between 0 and 1 (or 0%–100%); found '${text}'`);
  return v;
}

export interface MethodChoice {
  method: AllocationMethod;
  weights: Record<NeedComponent, number>;
}

/** The method and weights of `--method`, `--hi-share` and `--weights`. */
export function resolveMethod(method: string | undefined, hiShare?: string, weights?: string): MethodChoice {
  if (weights !== undefined) {
    if (method !== undefined && method !== "custom")
      throw new FundingRequestError(
        `--weights sets the method to custom; drop --method ${method} or use --method custom`,
      );
    if (hiShare !== undefined)
      throw new FundingRequestError("--hi-share and --weights cannot be used together");
    return { method: "custom", weights: parseWeights(weights) };
  }
  const m = method ?? "need";
  if (m === "custom")
    throw new FundingRequestError("--method custom needs --weights, e.g. weighted:0.85,hi:0.15");
  if (m !== "equal" && m !== "weighted" && m !== "need")
    throw new FundingRequestError(`--method must be equal, weighted, need or custom; found '${m}'`);
  if (hiShare !== undefined && m !== "need")
    throw new FundingRequestError(`--hi-share applies to --method need; found --method ${m}`);
  const h = hiShare === undefined ? NEED_WEIGHTING.hiShare : parseShare(hiShare, "--hi-share");
  return { method: m, weights: METHOD_WEIGHTS(m, h) };
}
