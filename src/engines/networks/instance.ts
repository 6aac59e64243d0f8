// The network-design instance: the practices of one ICB or place as dense columns indexed by position,
// with their current PCN, place, list size, site and (where LSOA registrations exist) catchments. A
// configuration of networks is an assignment vector: Int32Array practice index → network index.
// ODS codes stay at the edges, in the code arrays. Built by buildInstance (instance-builder.ts).

/** Patients of each practice by LSOA, in compressed sparse rows: practice p's entries are
 *  offsets[p] … offsets[p + 1] − 1 of `lsoa` and `patients`. */
import type { Catchments, CatchmentSource } from "../../model/catchments.ts";
export type { Catchments };

export interface NetworkInstance {
  /** What the instance covers, e.g. `ICB QNC` or `place 05D`. */
  scope: string;
  practiceCodes: string[];
  practiceNames: string[];
  /** Registered patients (0 when unknown; see `listKnown`). */
  listSize: Float64Array;
  listKnown: Uint8Array;
  lat: Float64Array;
  lon: Float64Array;
  /** Sub-ICB location (place) index of each practice, into `placeCodes`. */
  place: Int32Array;
  placeCodes: string[];
  placeNames: string[];
  /** Today's network index of each practice into `networkCodes`, or −1 when outside any PCN (`U`). */
  current: Int32Array;
  networkCodes: string[];
  networkNames: string[];
  /** Practice IMD decile (1 = most deprived), 0 when unknown. */
  imdDecile: Int8Array;
  /** What each practice's decile is (the picture's basis, e.g. `IMD 2019 practice score (SW AHSN)`). */
  imdBasis?: (string | null)[];
  catchments: Catchments | null;
  /** The LSOA registrations the catchments come from (the deprivation mix names them). */
  catchmentSource?: CatchmentSource | null;
  /** Data gaps met while building (practices without a list or site, LSOAs placed at practice sites). */
  notes?: string[];
}

/** Practice adjacency in compressed sparse rows (symmetric: q ∈ N(p) ⇔ p ∈ N(q)). */
export interface Adjacency {
  basis: "catchment" | "delaunay";
  offsets: Int32Array;
  neighbours: Int32Array;
  /** Connected components (practice indices); more than one means islands, reported, never silent. */
  components: number[][];
  /** Practices with no neighbour at all. */
  isolated: number[];
  /** How the edges were chosen (thresholds used), for reports and docs. */
  method: string;
}

/** A configuration: network index of every practice (0 … networks − 1). */
export type Assignment = Int32Array;
