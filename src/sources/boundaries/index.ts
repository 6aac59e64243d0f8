// The boundaries formats, listed for the registry.
import type { SourceFormat } from "../format.ts";

export const BOUNDARY_FORMATS: readonly SourceFormat[] = [];
