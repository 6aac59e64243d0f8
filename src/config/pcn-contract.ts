// Network Contract DES rules that icsplan applies, by contract year, each with its source. Figures change
// from year to year: add a year here rather than editing code. See ../shared/docs/domain.md §C1.
import { contractYearOf, contractYearStart } from "./contract-year.ts";

export interface PcnContractYear {
  /** Contract year, e.g. `2024-25`. */
  year: string;
  /** Minimum registered list of a PCN (may be waived for sparse rural areas). */
  minimumList: number;
  /** The size networks are expected not to exceed ("typically 30,000–50,000"). */
  typicalMaximumList: number;
  sources: string[];
  /** True when a figure has not been checked against the contract text itself. */
  unverified?: boolean;
}

const DES_SIZE_SOURCES = [
  "Network Contract DES specification, para 3.2 (30,000 minimum; waiver for low-density rural areas), quoted in PQ answer 2019-06-13.264408 (theyworkforyou.com)",
  "NHS ODS: PCNs 'at least 30,000 and not tending to exceed 50,000' patients",
];

export const PCN_CONTRACT_YEARS: readonly PcnContractYear[] = [
  { year: "2019-20", minimumList: 30_000, typicalMaximumList: 50_000, sources: DES_SIZE_SOURCES },
  { year: "2020-21", minimumList: 30_000, typicalMaximumList: 50_000, sources: DES_SIZE_SOURCES },
  { year: "2021-22", minimumList: 30_000, typicalMaximumList: 50_000, sources: DES_SIZE_SOURCES },
  { year: "2022-23", minimumList: 30_000, typicalMaximumList: 50_000, sources: DES_SIZE_SOURCES },
  { year: "2023-24", minimumList: 30_000, typicalMaximumList: 50_000, sources: DES_SIZE_SOURCES },
  { year: "2024-25", minimumList: 30_000, typicalMaximumList: 50_000, sources: DES_SIZE_SOURCES },
  {
    year: "2025-26",
    minimumList: 30_000,
    typicalMaximumList: 50_000,
    sources: DES_SIZE_SOURCES,
    unverified: true,
  },
  {
    // 2026/27 leaves the size rule as it was; PCNs may align their footprints with neighbourhood boundaries
    // "in limited cases" and ICBs may ask for local variations of the DES from 1 May 2026 (not modelled).
    year: "2026-27",
    minimumList: 30_000,
    typicalMaximumList: 50_000,
    sources: [
      ...DES_SIZE_SOURCES,
      "england.nhs.uk/long-read/changes-to-the-gp-contract-in-2026-27 via domain.md §F2: no change to the PCN size rule reported; PCNs to align with neighbourhood boundaries 'in limited cases'; local DES variations from 2026-05-01",
    ],
    unverified: true,
  },
];

/** The contract year in force on an ISO date (April to March). */
export function contractYearOn(isoDate: string): PcnContractYear {
  const label = contractYearOf(isoDate);
  const start = contractYearStart(label);
  return (
    PCN_CONTRACT_YEARS.find((c) => c.year === label) ??
    (start < 2019 ? PCN_CONTRACT_YEARS[0]! : PCN_CONTRACT_YEARS[PCN_CONTRACT_YEARS.length - 1]!)
  );
}
