// The practices formats, listed for the registry.
import type { SourceFormat } from "../format.ts";

export const PRACTICE_FORMATS: readonly SourceFormat[] = [];
