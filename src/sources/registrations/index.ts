// The "Patients Registered at a GP Practice" formats, listed for the registry.
import type { SourceFormat } from "../format.ts";
import { practiceAgeBands } from "./practice-age-bands.ts";
import { practiceLsoa } from "./practice-lsoa.ts";
import { practiceMap } from "./practice-map.ts";
import { practiceTotals } from "./practice-totals.ts";
import { singleAge } from "./single-age.ts";

export const REGISTRATION_FORMATS: readonly SourceFormat[] = [
  practiceMap,
  practiceTotals,
  practiceAgeBands,
  singleAge,
  practiceLsoa,
];
