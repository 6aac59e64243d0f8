// The practices formats, listed for the registry.
import type { SourceFormat } from "../format.ts";
import { epraccur } from "./epraccur.ts";
import { postcodeCoordinates } from "./postcode-coordinates.ts";

export const PRACTICE_FORMATS: readonly SourceFormat[] = [epraccur, postcodeCoordinates];
