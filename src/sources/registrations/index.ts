// The "Patients Registered at a GP Practice" formats, listed for the registry.
import type { SourceFormat } from "../format.ts";
import { practiceMap } from "./practice-map.ts";

export const REGISTRATION_FORMATS: readonly SourceFormat[] = [practiceMap];
