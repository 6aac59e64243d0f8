// The other formats, listed for the registry.
import type { SourceFormat } from "../format.ts";

export const OTHER_FORMATS: readonly SourceFormat[] = [];
