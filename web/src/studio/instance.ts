// The studio's picture of an area, as GET /api/networks/instance serves it: practices by index with their
// list, site, place and today's PCN; the adjacency graph and LSOA catchments the server's evaluation uses;
// and the band. Parsed once into typed columns (null coordinates back to NaN, as the server holds them).
// Pure: no DOM.

/** The JSON the API answers. */
export interface InstanceData {
  synthetic: boolean;
  area: string;
  date: string;
  map: string;
  lists: string | null;
  catchments: string | null;
  scope: string;
  rules: { year: string; minimumList: number; typicalMaximumList: number };
  practices: {
    codes: string[];
    names: string[];
    listSize: number[];
    listKnown: number[];
    lat: (number | null)[];
    lon: (number | null)[];
    place: number[];
    current: number[];
  };
  places: { codes: string[]; names: string[] };
  networks: { codes: string[]; names: string[] };
  adjacency: { basis: string; method: string; offsets: number[]; neighbours: number[]; isolated: number[] };
  patientsByLsoa: {
    offsets: number[];
    lsoa: number[];
    patients: number[];
    lsoaLat: (number | null)[];
    lsoaLon: (number | null)[];
  } | null;
  notes: string[];
}

export interface StudioInstance {
  data: InstanceData;
  n: number;
  codes: string[];
  names: string[];
  index: Map<string, number>;
  listSize: Float64Array;
  lat: Float64Array;
  lon: Float64Array;
  place: Int32Array;
  placeCodes: string[];
  /** Today's network code of each practice (`U` outside any PCN). */
  today: string[];
  /** Names of today's PCNs by code. */
  networkNames: Map<string, string>;
  offsets: Int32Array;
  neighbours: Int32Array;
  catchments: {
    offsets: Int32Array;
    lsoa: Int32Array;
    patients: Float64Array;
    lsoaLat: Float64Array;
    lsoaLon: Float64Array;
  } | null;
  band: { min: number; max: number };
}

/** A practice outside any PCN (the API's network code `U`). */
export const OUTSIDE = "U";

const coordinates = (xs: readonly (number | null)[]) => Float64Array.from(xs, (x) => (x === null ? NaN : x));

export function parseInstance(data: InstanceData): StudioInstance {
  const p = data.practices;
  const c = data.patientsByLsoa;
  const networkNames = new Map(data.networks.codes.map((code, i) => [code, data.networks.names[i] ?? code]));
  return {
    data,
    n: p.codes.length,
    codes: p.codes,
    names: p.names,
    index: new Map(p.codes.map((code, i) => [code, i])),
    listSize: Float64Array.from(p.listSize),
    lat: coordinates(p.lat),
    lon: coordinates(p.lon),
    place: Int32Array.from(p.place),
    placeCodes: data.places.codes,
    today: p.current.map((i) => (i >= 0 ? data.networks.codes[i]! : OUTSIDE)),
    networkNames,
    offsets: Int32Array.from(data.adjacency.offsets),
    neighbours: Int32Array.from(data.adjacency.neighbours),
    catchments: c
      ? {
          offsets: Int32Array.from(c.offsets),
          lsoa: Int32Array.from(c.lsoa),
          patients: Float64Array.from(c.patients),
          lsoaLat: coordinates(c.lsoaLat),
          lsoaLon: coordinates(c.lsoaLon),
        }
      : null,
    band: { min: data.rules.minimumList, max: data.rules.typicalMaximumList },
  };
}

/** The name of a network code: today's PCN's, else "New network k" for NEW-k, else the code. */
export function networkName(
  instance: StudioInstance,
  code: string,
  names?: ReadonlyMap<string, string>,
): string {
  return (
    names?.get(code) ??
    instance.networkNames.get(code) ??
    (code.startsWith("NEW-") ? `New network ${code.slice(4)}` : code)
  );
}
