// The heuristic network designer (issue #3, "Design"): designNetworks and the objective shared with any
// exact mode.
export { checkDesign, type Violation } from "./constraints.ts";
export {
  designNetworks,
  type DesignChanges,
  type DesignedNetwork,
  type DesignResult,
  type MapFigures,
} from "./design.ts";
export { objectiveOf, type ObjectiveBreakdown } from "./objective.ts";
export { DesignRequestError, parseBandText, type Band, type DesignOptions } from "./options.ts";
export type { Relaxation, RelaxationReason } from "./relaxation.ts";
