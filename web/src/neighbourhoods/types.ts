// The answers the neighbourhoods page reads: a two-level design (POST /api/jobs/neighbourhoods-design with
// geojson, the JSON of `icsplan neighbourhoods design --format json`) and a hub placement (POST /api/jobs/hubs,
// the JSON of `icsplan hubs --format json`). Only the fields the page uses.
import type { FeatureCollection } from "../map-style.ts";

export type Band = "under" | "in" | "over";

export interface LevelTotals {
  units: number;
  practices: number;
  patients: number;
  inBand: number | null;
  under: number;
  over: number;
  notContiguous: number;
}

export interface TwoLevelDesign {
  scope: string;
  area: string;
  band: { min: number; max: number };
  areaBand: { min: number; max: number };
  levels: { pcn: LevelTotals; neighbourhood: LevelTotals; area: LevelTotals };
  areas: { label: string; neighbourhoods: string[]; practices: number; listSize: number; band: Band }[];
  neighbourhoods: { label: string; area: string; practices: string[]; listSize: number; band: Band }[];
  practices: {
    practice_code: string;
    practice_name: string;
    neighbourhood_code: string;
    area_code: string;
    list_size: number;
    pcn_code: string | null;
  }[];
  notes: string[];
  seconds: { total: number };
}

export interface NeighbourhoodResult {
  synthetic: boolean;
  map: string;
  savedAs: string | null;
  designs: TwoLevelDesign[];
  geojson?: FeatureCollection;
}

export interface AccessGroup {
  group: string;
  points: number;
  weight: number;
  meanKm: number | null;
  withinShare: number | null;
  maxKm: number | null;
}

export interface Access {
  withinKm: number;
  overall: AccessGroup;
  byQuintile: AccessGroup[];
}

export interface HubPlacement {
  k: number;
  status: string;
  value: number;
  gap: number;
  seconds: number;
  access: Access;
  hubs: {
    code: string;
    name: string;
    lat: number;
    lon: number;
    practices: string[];
    weight: number;
    meanKm: number | null;
  }[];
}

export interface HubsResult {
  synthetic: boolean;
  date: string;
  areaLabel: string;
  specialty: { id: string; label: string; need: string };
  objective: "p-median" | "covering";
  withinKm: number;
  demand: { basis: string; points: number; patients: number; need: number };
  sites: { basis: string; count: number; practices: number };
  placements: HubPlacement[];
  everySite: Access;
  before: { label: string; sites: number; access: Access } | null;
  caveats: string[];
}
