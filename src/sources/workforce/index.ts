// The workforce formats, listed for the registry.
import type { SourceFormat } from "../format.ts";
import { heecPracticeWorkforce } from "./heec-practice-workforce.ts";
import { pcnWorkforceIndividual } from "./pcn-workforce-individual.ts";

export const WORKFORCE_FORMATS: readonly SourceFormat[] = [heecPracticeWorkforce, pcnWorkforceIndividual];
