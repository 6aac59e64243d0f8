// The deprivation formats, listed for the registry.
import type { SourceFormat } from "../format.ts";

export const DEPRIVATION_FORMATS: readonly SourceFormat[] = [];
