// The workforce formats, listed for the registry.
import type { SourceFormat } from "../format.ts";

export const WORKFORCE_FORMATS: readonly SourceFormat[] = [];
