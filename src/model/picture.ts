// A picture of general practice at one date: the practices of a practice → PCN map with their list sizes,
// workforce, weighted lists and deprivation, and the datasets each figure came from. Engines work on it;
// the store builds it (src/store/repositories/picture.ts).
import type { Practice } from "./organisation.ts";

export interface DatasetRef {
  id: number;
  source: string;
  title: string;
  period: string;
  referenceDate: string;
  synthetic: boolean;
}

export interface PictureSources {
  map: DatasetRef;
  lists: DatasetRef | null;
  workforce: DatasetRef | null;
  payments: DatasetRef | null;
  deprivation: DatasetRef | null;
  register: DatasetRef | null;
  locations: DatasetRef | null;
}

export interface Picture {
  synthetic: boolean;
  /** The date of the map: who belongs to which PCN, sub-ICB and ICB. */
  date: string;
  practices: Practice[];
  sources: PictureSources;
  /** Caveats a planner should read with the figures (e.g. list sizes older than the map). */
  caveats: string[];
}
