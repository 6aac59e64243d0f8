// Every official file format icsplan reads. `icsplan import` recognises files by content against this list.
// Each area keeps its own list in its index.ts.
import { BOUNDARY_FORMATS } from "./boundaries/index.ts";
import { DEPRIVATION_FORMATS } from "./deprivation/index.ts";
import type { SourceFormat } from "./format.ts";
import { OTHER_FORMATS } from "./other/index.ts";
import { PAYMENT_FORMATS } from "./payments/index.ts";
import { PRACTICE_FORMATS } from "./practices/index.ts";
import { REGISTRATION_FORMATS } from "./registrations/index.ts";
import { WORKFORCE_FORMATS } from "./workforce/index.ts";

export const FORMATS: readonly SourceFormat[] = [
  ...PRACTICE_FORMATS,
  ...REGISTRATION_FORMATS,
  ...BOUNDARY_FORMATS,
  ...WORKFORCE_FORMATS,
  ...PAYMENT_FORMATS,
  ...DEPRIVATION_FORMATS,
  ...OTHER_FORMATS,
];

export function formatById(id: string): SourceFormat | undefined {
  return FORMATS.find((f) => f.id === id);
}
