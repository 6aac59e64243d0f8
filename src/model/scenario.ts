// What a saved scenario leaves behind: every open practice of its area with its network and list, and the
// practices it closed or merged away. Network designs, closures, mergers and allocations all describe
// their outcome this way, so other engines (funding, evaluation) can work on any of them.

export interface ScenarioPractice {
  practiceCode: string;
  networkCode: string | null;
  networkName: string | null;
  listSize: number;
  weightedList: number | null;
  /** For a merged practice: the practices it was made from. */
  mergedFrom?: string[];
  /** A two-level design (neighbourhoods design): the multi-neighbourhood area its neighbourhood (the
   *  network above) sits in. Absent in single-level configurations. */
  areaCode?: string | null;
  areaName?: string | null;
}

/** The practice → network configuration a scenario leaves behind: every open practice of the area. */
export interface ScenarioConfiguration {
  practices: ScenarioPractice[];
  /** Practices the scenario closes (or merges away). */
  closed: string[];
}
