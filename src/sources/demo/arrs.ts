// PCN workforce (mostly ARRS roles) at the September 2025 census, one row per staff record like the NHS
// Digital individual-level file: direct patient care FTE per 10,000 patients drawn per PCN from the measured
// Sep 2022 distribution (more in deprived networks), shared among roles by the measured mix (plus an assumed
// share of mental health practitioners), cut into records of realistic FTE; plus each network's clinical
// director, managers and admin staff.
import {
  ARRS_CONTRACTED_SHARE,
  ARRS_FTE_PER_10K,
  ARRS_MENTAL_HEALTH_SHARE,
  ARRS_ROLE_MIX,
  PCN_SUPPORT_FTE,
} from "./calibration.ts";
import { correlatedUniform, fromQuantiles, round } from "./distributions.ts";
import { ICB, placeOf, REGION } from "./geography.ts";
import type { DemoNetworks } from "./networks.ts";
import type { DemoPractice } from "./practices.ts";
import { decimalYear, listAt, type PracticeProfile } from "./profiles.ts";
import type { Rng } from "./rng.ts";
import type { PcnWorkforceRow } from "./rows.ts";

export const ARRS_CENSUS_DATE = "2025-09-01";
const DPC = "Other Direct Patient Care staff";

/** Roles with their share of ARRS FTE, mental health practitioners included. */
export const ARRS_ROLES = [
  ...ARRS_ROLE_MIX.map((r) => ({ ...r, share: r.share * (1 - ARRS_MENTAL_HEALTH_SHARE) })),
  {
    role: "Mental Health Practitioners",
    detailed: "Mental Health Practitioner",
    share: ARRS_MENTAL_HEALTH_SHARE,
    fte: 0.9,
  },
];
const ROLE_TOTAL = ARRS_ROLES.reduce((a, r) => a + r.share, 0);

/** Roles more often bought in as contracted services (their share is set so the total is about 18.6%). */
const CONTRACTED_BY_ROLE: Readonly<Record<string, number>> = {
  "Social Prescribing Link Workers": 0.3,
  Physiotherapists: 0.5,
  "Health and Wellbeing Coaches": 0.2,
};

export function generatePcnWorkforce(
  rng: Rng,
  practices: readonly DemoPractice[],
  profiles: readonly PracticeProfile[],
  networks: DemoNetworks,
): PcnWorkforceRow[] {
  const rows: PcnWorkforceRow[] = [];
  const at = decimalYear(ARRS_CENSUS_DATE);
  let id = 0;
  for (const pcn of networks.pcns) {
    const place = placeOf(pcn.place);
    const list = pcn.practices.reduce((a, i) => a + listAt(practices[i]!, at), 0);
    const deprivation =
      pcn.practices.reduce((a, i) => a + profiles[i]!.deprivationZ * practices[i]!.list, 0) / pcn.list;
    const per10k = fromQuantiles(ARRS_FTE_PER_10K, correlatedUniform(rng, deprivation, 0.3));
    const target = (list * per10k) / 1e4;
    const base = {
      census_date: ARRS_CENSUS_DATE,
      pcn_code: pcn.code,
      pcn_name: pcn.name,
      sub_icb_code: place.code,
      icb_code: ICB.code,
      region_code: REGION.code,
    };
    const record = (group: string, role: string, detailed: string, fte: number, contracted = false) => {
      rows.push({
        ...base,
        data_source: contracted ? "NWRS contracted services" : "NWRS Staff",
        staff_group: group,
        staff_role: role,
        detailed_role: detailed,
        fte: round(fte, 2),
        unique_id: contracted ? null : String(700001 + id++),
      });
    };
    for (const r of ARRS_ROLES) {
      const expected = (target * r.share) / ROLE_TOTAL;
      let given = 0;
      // Records until the role's FTE is reached; the last one is kept only with the right probability.
      while (given < expected) {
        const fte = rng.chance(0.55) ? 1 : rng.uniform(0.4, 0.95);
        if (given + fte > expected && rng.next() > (expected - given) / fte) break;
        const contractedShare = CONTRACTED_BY_ROLE[r.role] ?? ARRS_CONTRACTED_SHARE / 3;
        record(DPC, r.role, r.detailed, fte, rng.chance(contractedShare));
        given += fte;
      }
    }
    // Support staff at the measured FTE per PCN: clinical director ~0.18, managers ~0.40, admin ~0.68.
    record(
      "Directors",
      "Medical Clinical Director (GP)",
      "Clinical Director – Medical",
      rng.uniform(0.1, 0.26),
    );
    if (rng.chance(PCN_SUPPORT_FTE.managers / 0.575))
      record("Other Admin/Non-clinical staff", "Managers", "Manager", rng.uniform(0.3, 0.85));
    const u = rng.next();
    const admins = u < 0.3 ? 0 : u < 0.7 ? 1 : u < 0.95 ? 2 : 3;
    for (let k = 0; k < admins; k++)
      record("Other Admin/Non-clinical staff", "Other Admin/Non-clinical", "Other", rng.uniform(0.3, 1));
  }
  return rows;
}
