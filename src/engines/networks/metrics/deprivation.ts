// Deprivation mix of each network: its patients by national IMD quintile, on the one basis every command
// uses (src/engines/deprivation/mix.ts): by the LSOA they live in where LSOA registrations cover a
// practice, else the practice's whole list at its own decile. Informational: no rule, no breaches.
import {
  deprivationMix,
  residenceDeciles,
  type DeprivationMix,
  type MixPractice,
} from "../../deprivation/mix.ts";
import type { NetworkInstance } from "../instance.ts";
import type { Breach, MetricContext } from "./context.ts";

export type NetworkDeprivation = DeprivationMix;

/** The instance's practices as the deprivation mix counts them (index = practice index). */
export function mixPractices(instance: NetworkInstance): MixPractice[] {
  const c = instance.catchments;
  return instance.practiceCodes.map((_, p) => ({
    listSize: instance.listKnown[p] ? instance.listSize[p]! : null,
    decile: instance.imdDecile[p]! > 0 ? instance.imdDecile[p]! : null,
    decileBasis: instance.imdBasis?.[p] ?? null,
    residence: c ? residenceDeciles(c, p) : null,
  }));
}

/** Each network's mix, and that of every practice of the instance (the evaluation's totals). */
export function deprivationMetric(ctx: MetricContext): {
  networks: NetworkDeprivation[];
  total: DeprivationMix;
  breaches: Breach[];
} {
  const practices = mixPractices(ctx.instance);
  const source = ctx.instance.catchmentSource ?? null;
  const networks = ctx.members.map((members) =>
    deprivationMix(
      members.map((p) => practices[p]!),
      source,
    ),
  );
  return { networks, total: deprivationMix(practices, source), breaches: [] };
}
