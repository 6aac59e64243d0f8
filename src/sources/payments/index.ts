// The payments formats, listed for the registry.
import type { SourceFormat } from "../format.ts";

export const PAYMENT_FORMATS: readonly SourceFormat[] = [];
