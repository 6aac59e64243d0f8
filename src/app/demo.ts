// Use case: the demo tour `icsplan demo` (and `npm start` before the web workspace) shows. Loads the
// synthetic demo ICS (replacing an earlier demo, leaving real data untouched), then runs on it: the
// overview, a heuristic network design beside today's map, the closure of the smallest practice, the
// equity audit and a need-flexed allocation of £1m. One store, opened once by the caller.
import { allocateReport, allocateRequestFromFlags, type AllocationReport } from "./funding-allocation.ts";
import { auditReport, type AuditReport } from "./funding-audit.ts";
import { runDemoClosure, type ClosureOutcome } from "./closure.ts";
import { loadDemo, type DemoSummary } from "./load-demo.ts";
import { designNetworks, type NetworkDesign } from "./networks.ts";
import { overview } from "./overview.ts";
import type { Overview } from "../engines/overview/overview.ts";
import type { Store } from "../store/store.ts";

export interface DemoTourRequest {
  /** Generator seed: equal seeds give equal demos. */
  seed?: number | undefined;
}

export interface DemoTour {
  demo: DemoSummary;
  overview: Overview;
  design: NetworkDesign;
  closure: ClosureOutcome;
  audit: AuditReport;
  allocation: AllocationReport;
}

/** The allocation the tour shows: £1,000,000 across networks, none below 90% of equal per head. */
/** The tour's allocation, as typed at the CLI (`icsplan funding allocate --demo --fund 1000000 …`). */
export const DEMO_ALLOCATION = { fund: "1000000", by: "network", floor: "90%" } as const;

export async function demoTour(store: Store, request: DemoTourRequest = {}): Promise<DemoTour> {
  const demo = await loadDemo(store, request.seed === undefined ? {} : { seed: request.seed });
  const view = await overview(store, { synthetic: true });
  const icbs = new Set(view.pcns.map((p) => p.icb.code));
  const icb = icbs.size === 1 ? [...icbs][0]! : undefined;
  const area = icb === undefined ? view : await overview(store, { synthetic: true, icb });
  // One start (not the designer's default four) keeps the tour, which many tests run, quick.
  const design = await designNetworks(store, { synthetic: true, icb, options: { starts: 1 } });
  const closure = await runDemoClosure(store);
  const audit = await auditReport(store, { synthetic: true });
  const allocation = await allocateReport(
    store,
    allocateRequestFromFlags({ synthetic: true, ...DEMO_ALLOCATION }),
  );
  return { demo, overview: area, design, closure, audit, allocation };
}
