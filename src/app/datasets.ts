// Use case: what is loaded in the store, from which file, for which date.
import { listDatasets as listDatasetRows } from "../store/repositories/datasets.ts";
import type { Store } from "../store/store.ts";

export interface DatasetRecord {
  id: number;
  source: string;
  period: string;
  reference_date: string;
  rows: number;
  synthetic: boolean;
  scope: string | null;
  file: string;
}

export const DATASET_COLUMNS = [
  "id",
  "source",
  "period",
  "reference_date",
  "rows",
  "synthetic",
  "scope",
  "file",
] as const satisfies readonly (keyof DatasetRecord)[];

export async function listDatasets(store: Store): Promise<DatasetRecord[]> {
  const rows = await listDatasetRows(store.db);
  return rows.map((d) => ({
    id: d.id,
    source: d.source,
    period: d.period,
    reference_date: d.referenceDate,
    rows: d.rowCount,
    synthetic: d.synthetic,
    scope: d.scope,
    file: d.fileName,
  }));
}
