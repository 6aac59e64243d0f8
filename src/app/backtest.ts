// Use case: the backtest of the dispersal models on the real closures in the store's registration history
// (every gp-reg-pat-prac-all snapshot and practice → PCN map imported). Reads the history, runs the pure
// backtest engine, and names the data it used.
import {
  backtest,
  type BacktestOptions,
  type BacktestResult,
} from "../engines/scenarios/backtest/backtest.ts";
import { ScenarioRequestError } from "../engines/scenarios/errors.ts";
import { loadRegistrationHistory } from "../store/repositories/registration-history.ts";
import type { Store } from "../store/store.ts";

export interface BacktestOutcome {
  synthetic: boolean;
  /** Null when there is nothing to backtest (the demo has a single list snapshot): see `message`. */
  result: BacktestResult | null;
  message: string | null;
  sources: { lists: string[]; maps: string[]; register: string | null; locations: string | null };
}

/**
 * Runs the backtest on the real data (or the demo's); ScenarioRequestError when fewer than two real list
 * snapshots are loaded. The demo has one list snapshot: its outcome says so, with no result.
 */
export async function runBacktest(
  store: Store,
  options: BacktestOptions & { synthetic?: boolean } = {},
): Promise<BacktestOutcome> {
  const synthetic = options.synthetic ?? false;
  const history = await loadRegistrationHistory(store.db, { synthetic });
  const sources = {
    lists: history.lists.map((l) => `${l.period} (${l.dataset.title})`),
    maps: history.maps.map((m) => m.period),
    register: history.register?.period ?? null,
    locations: history.locations?.period ?? null,
  };
  if (synthetic && history.lists.length < 2)
    return {
      synthetic,
      result: null,
      message:
        history.lists.length === 0
          ? "The demo is not loaded: run `icsplan demo` first."
          : `The synthetic demo has one list snapshot (${history.lists[0]!.period}), so no practice closes between ` +
            "snapshots and there is nothing to backtest. The backtest runs on the real registration history: " +
            "`icsplan scenarios backtest` after `icsplan import` of the registrations/ folder.",
      sources,
    };
  if (history.lists.length < 2)
    throw new ScenarioRequestError(
      `the backtest needs at least two practice list snapshots (gp-reg-pat-prac-all) to observe closures; ` +
        `${history.lists.length} ${history.lists.length === 1 ? "is" : "are"} loaded (import registrations/history from the shared data)`,
    );
  if (!history.locations)
    throw new ScenarioRequestError(
      "the backtest needs practice sites: import a postcode-coordinates file (practices/practice_postcode_coordinates_*.csv)",
    );
  return { synthetic, result: backtest(history, options), message: null, sources };
}
