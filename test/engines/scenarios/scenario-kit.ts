// Hand-made practices for scenario tests: placed on the equator at a given distance east of the origin
// (1 km = 1 / KM_PER_DEGREE degrees of longitude there), with list, PCN, GP FTE and weighted list.
import type { Practice } from "../../../src/model/organisation.ts";

/** 1° of longitude on the equator in km, on the haversine sphere. */
export const KM_PER_DEGREE = (2 * Math.PI * 6371.0088) / 360;

export interface KitPractice {
  code: string;
  /** Distance east of the origin, km (north with `northKm`). */
  km: number;
  northKm?: number;
  list: number | null;
  pcn?: string;
  icb?: string;
  gpFte?: number | null;
  weighted?: number | null;
  noSite?: boolean;
}

export function practice(p: KitPractice): Practice {
  const pcn = p.pcn ?? "U00001";
  const icb = p.icb ?? "Q01";
  return {
    code: p.code,
    name: `Practice ${p.code}`,
    site: {
      postcode: null,
      lat: p.noSite ? null : (p.northKm ?? 0) / KM_PER_DEGREE,
      lon: p.noSite ? null : p.km / KM_PER_DEGREE,
    },
    pcnCode: pcn,
    pcnName: pcn === "U" ? "Unallocated" : `Network ${pcn}`,
    subIcb: { code: "S01", onsCode: null, name: "Place S01" },
    icb: { code: icb, onsCode: null, name: `ICB ${icb}` },
    region: { code: "Y01", onsCode: null, name: "Region" },
    listSize: p.list,
    weightedList: p.weighted ?? null,
    workforce:
      p.gpFte === undefined || p.gpFte === null
        ? null
        : {
            fiscalYear: 2025,
            gpFte: p.gpFte,
            gpHc: null,
            partnerFte: null,
            partnerHc: null,
            locumTraineeFte: null,
            nursesFte: null,
            dpcFte: null,
            adminFte: null,
          },
    deprivation: null,
  };
}

export const RULES = {
  year: "2025-26",
  minimumList: 30_000,
  typicalMaximumList: 50_000,
  sources: ["test"],
};
