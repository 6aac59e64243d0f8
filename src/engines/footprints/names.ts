// ICB names as the files write them: "NHS Thames Valley Integrated Care Board" in the maps, "NHS THAMES
// VALLEY INTEGRATED CARE BOARD" in the ODS renamed sub-ICB file, "NHS Sussex ICB" in some map rows.

/** A name in one spelling: lower case, single spaces, "ICB" written out. */
export function icbNameKey(name: string): string {
  return name
    .toLowerCase()
    .replace(/\s+/g, " ")
    .replace(/\bicb\b/g, "integrated care board")
    .trim();
}

/** The day before an ISO date. */
export function dayBefore(iso: string): string {
  const t = new Date(`${iso}T00:00:00Z`);
  t.setUTCDate(t.getUTCDate() - 1);
  return t.toISOString().slice(0, 10);
}
