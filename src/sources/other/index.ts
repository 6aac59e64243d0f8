// The other formats, listed for the registry.
import type { SourceFormat } from "../format.ts";
import { epcnMembership, epcnPcnDetails } from "./epcn.ts";
import { qofGeographies, qofIndicators, qofPracticeReference, qofPrevalence } from "./qof.ts";
import { lsoaReallocation, sicblRenamed } from "./ods-changes.ts";

export const OTHER_FORMATS: readonly SourceFormat[] = [
  sicblRenamed,
  lsoaReallocation,
  epcnPcnDetails,
  epcnMembership,
  qofPrevalence,
  qofGeographies,
  qofIndicators,
  qofPracticeReference,
];
