// Care home beds by practice, implied by the NHS Payments files. The PCN care home premium is paid per bed in
// the care homes aligned to a PCN (Network Contract DES), through the PCN's nominated payee practice, so a
// payments year gives each PCN's beds as Σ premium ÷ that year's rate per bed. icsplan has no CQC bed counts
// or care home alignments, so a PCN's beds are apportioned over its practices of that year by registered
// list; the beds then follow their practices into any configuration (a redesigned map, a merger).
//
//   beds(PCN)      = max(0, Σ premium paid to the PCN's practices, recoveries netted) ÷ (rate per bed × months ÷ 12);
//   beds(practice) = beds(PCN) × list(practice) ÷ list(PCN)   (equal shares when the lists are unknown).
//
// Some commissioners paid the premium outside these files: in FY2021-22, 17 of 106 CCGs (5.8 million
// patients, Staffordshire's among them) record none at all. Their practices' beds are unknown, not zero.
//
// Example: a PCN paid £12,000 in FY2021-22 at £120 a bed has 100 beds; its practices of 6,000 and 4,000
// patients carry 60 and 40.

export interface CareHomePremiumRecord {
  practiceCode: string;
  /** The CCG (sub-ICB) of the payments year. */
  commissionerCode: string | null;
  /** The PCN of the payments year, or null where the file puts the practice in none. */
  pcnCode: string | null;
  registered: number | null;
  /** £ paid through the practice. */
  premium: number;
}

export interface CareHomeBeds {
  /** Beds carried by each practice of the payments year (fractional). */
  byPractice: Map<string, number>;
  /** Practices of commissioners that record no premium at all: beds unknown. */
  unknown: Set<string>;
  /** Those commissioners. */
  silentCommissioners: string[];
  /** Total beds implied. */
  beds: number;
  /** PCNs (and PCN-less practices) paid any premium. */
  paidUnits: number;
  premium: number;
}

/** Beds per practice from one payments year's care home premium, at `ratePerBed` £ for the year's months. */
export function careHomeBedsFromPremium(
  rows: readonly CareHomePremiumRecord[],
  ratePerBed: number,
): CareHomeBeds {
  if (!(ratePerBed > 0)) throw new RangeError(`rate per bed must be positive, got ${ratePerBed}`);
  const paidByCommissioner = new Map<string, number>();
  for (const r of rows) {
    const c = r.commissionerCode ?? "";
    paidByCommissioner.set(c, (paidByCommissioner.get(c) ?? 0) + Math.abs(r.premium));
  }
  const silentCommissioners = [...paidByCommissioner]
    .filter(([c, paid]) => c !== "" && paid === 0)
    .map(([c]) => c)
    .sort();
  const silent = new Set(silentCommissioners);
  const unknown = new Set<string>();
  const groups = new Map<string, CareHomePremiumRecord[]>();
  for (const r of rows) {
    if (r.commissionerCode !== null && silent.has(r.commissionerCode)) {
      unknown.add(r.practiceCode);
      continue;
    }
    const key = r.pcnCode ?? `practice:${r.practiceCode}`;
    const g = groups.get(key);
    if (g) g.push(r);
    else groups.set(key, [r]);
  }
  const byPractice = new Map<string, number>();
  let beds = 0;
  let premium = 0;
  let paidUnits = 0;
  for (const members of groups.values()) {
    // Net of recoveries (a few practices show negative premiums), never below zero.
    const paid = Math.max(
      0,
      members.reduce((a, r) => a + r.premium, 0),
    );
    const unitBeds = paid / ratePerBed;
    const list = members.reduce((a, r) => a + (r.registered && r.registered > 0 ? r.registered : 0), 0);
    for (const r of members) {
      const weight =
        list > 0 ? (r.registered && r.registered > 0 ? r.registered : 0) / list : 1 / members.length;
      byPractice.set(r.practiceCode, (byPractice.get(r.practiceCode) ?? 0) + unitBeds * weight);
    }
    if (paid > 0) paidUnits++;
    beds += unitBeds;
    premium += paid;
  }
  return { byPractice, unknown, silentCommissioners, beds, paidUnits, premium };
}
