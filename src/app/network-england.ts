// Use case: a network design of every ICB of England in one run. Each ICB is designed on its own instance
// (its practices, catchments where registrations cover them, its graph), with the same options; the labels
// are then made unique in England: a new network is NEW-<ICB>-<k>, and a PCN code that two ICBs' designs
// reuse (a PCN with practices in two ICBs) stays with the ICB whose network holds most patients, the other
// taking <code>-<ICB>.
import { designNetworks, type DesignOptions, type DesignResult } from "../engines/networks/design/index.ts";
import type { LoadedNetworkInstance } from "./network-instance.ts";

export interface EnglandDesignRow {
  icb: string;
  loaded: LoadedNetworkInstance;
  result: DesignResult;
}

export interface EnglandDesign {
  rows: EnglandDesignRow[];
  seconds: number;
}

const icbCode = (loaded: LoadedNetworkInstance) => loaded.instance.scope.replace(/^ICB\s+/, "");

/** Renames the networks of a design (and the labels quoted in its relaxations). */
function relabel(result: DesignResult, rename: (label: string) => string): DesignResult {
  const map = new Map(result.networks.map((n) => [n.label, rename(n.label)]));
  const quote = (text: string) =>
    text.replace(/\b(Network |network )(\S+?)(?=[ ,)])/g, (all, word: string, label: string) =>
      map.has(label) ? `${word}${map.get(label)}` : all,
    );
  return {
    ...result,
    networks: result.networks.map((n) => ({ ...n, label: map.get(n.label)! })),
    relaxations: result.relaxations.map((r) => ({
      ...r,
      network: r.network === null ? null : (map.get(r.network) ?? r.network),
      message: quote(r.message),
    })),
  };
}

/** Makes network labels unique across the designs of several ICBs (see the file comment). */
export function englandLabels(rows: readonly EnglandDesignRow[]): EnglandDesignRow[] {
  const holder = new Map<string, { icb: string; list: number }>();
  for (const { icb, result } of rows)
    for (const n of result.networks) {
      if (n.label.startsWith("NEW-")) continue;
      const h = holder.get(n.label);
      if (!h || n.listSize > h.list || (n.listSize === h.list && icb < h.icb))
        holder.set(n.label, { icb, list: n.listSize });
    }
  return rows.map((row) => ({
    ...row,
    result: relabel(row.result, (label) =>
      label.startsWith("NEW-")
        ? `NEW-${row.icb}-${label.slice(4)}`
        : holder.get(label)!.icb === row.icb
          ? label
          : `${label}-${row.icb}`,
    ),
  }));
}

/** Designs every loaded ICB with the same options, then makes the labels unique in England. */
export function designEngland(
  instances: readonly LoadedNetworkInstance[],
  options: DesignOptions,
): EnglandDesign {
  const started = performance.now();
  const rows = instances.map((loaded) => ({
    icb: icbCode(loaded),
    loaded,
    result: designNetworks(loaded.instance, loaded.adjacency, { ...options, date: loaded.picture.date }),
  }));
  return { rows: englandLabels(rows), seconds: (performance.now() - started) / 1000 };
}
