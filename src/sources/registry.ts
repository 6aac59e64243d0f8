// Every official file format icsplan reads. `icsplan import` recognises files by content against this list.
import type { SourceFormat } from "./format.ts";
import { practiceMap } from "./registrations/practice-map.ts";

export const FORMATS: readonly SourceFormat[] = [practiceMap];

export function formatById(id: string): SourceFormat | undefined {
  return FORMATS.find((f) => f.id === id);
}
