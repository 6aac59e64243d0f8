// Evidence that stays true: an evidence item is out of date when a dataset it used was removed or
// replaced (a re-import of the same source, date and scope gives a new dataset), or when a newer dataset
// of the same source was imported after the item was made (the use case would now read it). An item made
// from the saved scenarios (resilience) reads no dataset: it is out of date when a scenario it listed was
// deleted or one of its kinds was saved since. Pure.
import type { EvidenceItem } from "../../model/plan.ts";

export interface StoredDataset {
  id: number;
  source: string;
  period: string;
  referenceDate: string;
  sha256: string;
  importedAt: string;
}

export interface EvidenceFreshness {
  key: string;
  title: string;
  createdAt: string;
  fresh: boolean;
  /** Why the item has no figures (its use case had no data), when it has none. */
  unavailable: string | null;
  /** What changed, one line each. */
  changes: string[];
}

/** What an item's use case would read now besides datasets: the area's saved scenarios. */
export interface CurrentInputs {
  scenarios?: readonly { name: string; kind: string }[];
}

/** The scenarios saved or deleted since an item listed them (its summary's rows). */
function scenarioChanges(item: EvidenceItem, now: readonly { name: string; kind: string }[]): string[] {
  const rows = (item.summary as { rows?: { name: string; kind: string }[] }).rows ?? [];
  const then = new Set(rows.map((r) => r.name));
  const current = new Set(now.map((r) => r.name));
  return [
    ...now.filter((r) => !then.has(r.name)).map((r) => `scenario "${r.name}" (${r.kind}) saved since`),
    ...rows.filter((r) => !current.has(r.name)).map((r) => `scenario "${r.name}" (${r.kind}) deleted since`),
  ];
}

export function evidenceFreshness(
  item: EvidenceItem,
  datasets: readonly StoredDataset[],
  current: CurrentInputs = {},
): EvidenceFreshness {
  const byId = new Map(datasets.map((d) => [d.id, d]));
  const changes: string[] = [];
  if (item.useCase === "scenarios list" && current.scenarios)
    changes.push(...scenarioChanges(item, current.scenarios));
  if (item.unavailable !== undefined) {
    // An item without data is out of date as soon as anything is imported after it was made.
    const since = datasets.filter((d) => d.importedAt > item.createdAt);
    if (since.length > 0)
      changes.push(`imported since: ${since.map((d) => `${d.source} ${d.period}`).join(", ")}`);
    return {
      key: item.key,
      title: item.title,
      createdAt: item.createdAt,
      fresh: changes.length === 0,
      unavailable: item.unavailable,
      changes,
    };
  }
  for (const used of item.datasets) {
    const now = byId.get(used.id);
    if (!now) {
      const same = datasets.find((d) => d.source === used.source && d.referenceDate === used.referenceDate);
      changes.push(
        same
          ? `${used.source} ${used.period}: replaced by a new import (dataset ${same.id})`
          : `${used.source} ${used.period}: removed from the store`,
      );
      continue;
    }
    if (used.sha256 !== "" && now.sha256 !== used.sha256)
      changes.push(`${used.source} ${used.period}: the file changed`);
    const newer = datasets
      .filter(
        (d) =>
          d.source === used.source && d.referenceDate > used.referenceDate && d.importedAt > item.createdAt,
      )
      .sort((a, b) => b.referenceDate.localeCompare(a.referenceDate))[0];
    if (newer)
      changes.push(`${used.source}: ${newer.period} imported since (the evidence used ${used.period})`);
  }
  return {
    key: item.key,
    title: item.title,
    createdAt: item.createdAt,
    fresh: changes.length === 0,
    unavailable: null,
    changes,
  };
}
