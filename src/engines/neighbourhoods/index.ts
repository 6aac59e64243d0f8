// Two-level design (issue 14 item 2): neighbourhoods nested in multi-neighbourhood areas, with districts
// (local authorities) and today's PCNs in the objective; each level evaluated like a network map.
export { designAreas, scoreAreas, type AreaGraph, type AreaScore } from "./areas.ts";
export {
  noAuthorities,
  practiceAuthorities,
  type LsoaAuthority,
  type PracticeAuthorities,
} from "./authorities.ts";
export {
  designNeighbourhoods,
  scopeCode,
  type Area,
  type AreaBreach,
  type Neighbourhood,
  type TwoLevelDesign,
} from "./design.ts";
export { connected, evaluateLevel, type LevelEvaluation, type UnitEvaluation } from "./evaluate.ts";
export {
  DEFAULT_AREA_BAND,
  DEFAULT_NEIGHBOURHOOD_BAND,
  NeighbourhoodRequestError,
  resolveNeighbourhoodOptions,
  type NeighbourhoodOptions,
} from "./options.ts";
