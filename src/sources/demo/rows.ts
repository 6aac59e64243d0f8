// Row shapes of the demo: the store's table columns without `dataset_id` (the loader adds it).
import type {
  LsoaCentroidTable,
  LsoaImdTable,
  OrgMapTable,
  PaymentTable,
  PcnMembershipTable,
  PcnTable,
  PcnWorkforceTable,
  PostcodeLocationTable,
  PracticeListTable,
  PracticeLsoaTable,
  PracticeTable,
  PracticeWorkforceTable,
} from "../../store/schema.ts";

type Row<T> = Omit<T, "dataset_id">;

export type PracticeRow = Row<PracticeTable>;
export type PostcodeLocationRow = Row<PostcodeLocationTable>;
export type OrgMapRow = Row<OrgMapTable>;
export type PracticeListRow = Row<PracticeListTable>;
export type PracticeLsoaRow = Row<PracticeLsoaTable>;
export type LsoaImdRow = Row<LsoaImdTable>;
export type LsoaCentroidRow = Row<LsoaCentroidTable>;
export type PracticeWorkforceRow = Row<PracticeWorkforceTable>;
export type PcnWorkforceRow = Row<PcnWorkforceTable>;
export type PcnRow = Row<PcnTable>;
export type PcnMembershipRow = Row<PcnMembershipTable>;
/** A payment row; `lines` holds every monetary column keyed by its published name (as the importer stores it). */
export type PaymentRow = Omit<Row<PaymentTable>, "lines"> & { lines: Record<string, number> };
