// The Scenarios page's pure parts, tested without a browser: the flows of re-homed patients as GeoJSON
// lines (from each closing practice's site to each receiver's, width by patients) with the legend of
// widths, the merger's members joined to the practice they merge into, the ARRS effect over the PCNs
// touched, and the page's state in its URL (so a run can be shared as a link).
import type { Feature, FeatureCollection } from "../map-style.ts";
import type { ClosureAnswer, MergerAnswer, PcnEffect, Site } from "./types.ts";

/** Colour-blind-safe colours (Okabe–Ito): flows vermillion, closing practices reddish purple. */
export const FLOW_COLOUR = "#D55E00";
export const CLOSING_COLOUR = "#CC79A7";
export const RECEIVER_COLOUR = "#212b32";

export const MIN_WIDTH = 1.5;
export const MAX_WIDTH = 10;

/** A flow's line width in pixels: by the square root of its patients, the largest flow MAX_WIDTH. */
export function flowWidth(patients: number, largest: number): number {
  if (!(largest > 0) || !(patients > 0)) return MIN_WIDTH;
  return MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) * Math.sqrt(Math.min(1, patients / largest));
}

/** The legend's sample widths: the largest flow, a quarter and a twentieth of it (distinct, at least 1). */
export function widthLegend(largest: number): { patients: number; width: number }[] {
  if (!(largest > 0)) return [];
  const samples = [largest, Math.round(largest / 4), Math.max(1, Math.round(largest / 20))];
  return [...new Set(samples)]
    .filter((p) => p >= 1)
    .sort((a, b) => b - a)
    .map((patients) => ({ patients, width: flowWidth(patients, largest) }));
}

export interface Flow {
  from: string;
  fromName: string;
  to: string;
  toName: string;
  patients: number;
}

export interface FlowMapData {
  collection: FeatureCollection;
  flows: Flow[];
  /** The largest flow's patients (for the legend). */
  largest: number;
  /** Flows that cannot be drawn because a site has no coordinates. */
  unmapped: { flows: number; patients: number };
}

const point = (site: Site): [number, number] => [site.lon, site.lat];

/** Flows, largest first, with the lines and sites to draw them. */
export function flowMap(
  flows: readonly Flow[],
  sites: Readonly<Record<string, Site | undefined>>,
  points: readonly { code: string; name: string; role: "closing" | "receiver"; patients: number }[],
): FlowMapData {
  const sorted = [...flows].sort((a, b) => b.patients - a.patients || a.to.localeCompare(b.to));
  const largest = sorted[0]?.patients ?? 0;
  const lines: Feature[] = [];
  let unmappedFlows = 0;
  let unmappedPatients = 0;
  for (const f of sorted) {
    const a = sites[f.from];
    const b = sites[f.to];
    if (!a || !b) {
      unmappedFlows++;
      unmappedPatients += f.patients;
      continue;
    }
    lines.push({
      type: "Feature",
      geometry: { type: "LineString", coordinates: [point(a), point(b)] },
      properties: {
        kind: "flow",
        from: f.from,
        to: f.to,
        patients: f.patients,
        width: flowWidth(f.patients, largest),
      },
    });
  }
  const dots: Feature[] = [];
  for (const p of points) {
    const site = sites[p.code];
    if (!site) continue;
    dots.push({
      type: "Feature",
      geometry: { type: "Point", coordinates: point(site) },
      properties: { kind: p.role, practice_code: p.code, practice_name: p.name, patients: p.patients },
    });
  }
  // Receivers before closing practices, so the closing ones are drawn on top.
  dots.sort((x, y) =>
    x.properties.kind === y.properties.kind ? 0 : x.properties.kind === "closing" ? 1 : -1,
  );
  return {
    collection: { type: "FeatureCollection", features: [...lines, ...dots] },
    flows: sorted,
    largest,
    unmapped: { flows: unmappedFlows, patients: unmappedPatients },
  };
}

/** A closure's flows: each closing practice to each of its receivers, with the API's sites. */
export function closureFlows(c: ClosureAnswer): FlowMapData {
  const names = new Map<string, string>();
  for (const x of c.closed) names.set(x.code, x.name);
  for (const r of c.receivers) names.set(r.code, r.name);
  const flows = c.closed.flatMap((x) =>
    x.receivers.map((r) => ({
      from: x.code,
      fromName: x.name,
      to: r.code,
      toName: names.get(r.code) ?? r.code,
      patients: r.patients,
    })),
  );
  return flowMap(flows, c.sites, [
    ...c.closed.map((x) => ({ code: x.code, name: x.name, role: "closing" as const, patients: x.listSize })),
    ...c.receivers.map((r) => ({ code: r.code, name: r.name, role: "receiver" as const, patients: r.gain })),
  ]);
}

/** A merger's flows: each member's list to the practice it merges into (whose code the merged one keeps). */
export function mergerFlows(m: MergerAnswer): FlowMapData {
  const into = m.merged.members.find((x) => x.code === m.merged.code);
  const sites: Record<string, Site> = {};
  for (const x of m.merged.members)
    if (x.site.lat !== null && x.site.lon !== null) sites[x.code] = { lat: x.site.lat, lon: x.site.lon };
  const flows = m.merged.members
    .filter((x) => x.code !== m.merged.code)
    .map((x) => ({
      from: x.code,
      fromName: x.name,
      to: m.merged.code,
      toName: into?.name ?? m.merged.name,
      patients: x.listSize ?? 0,
    }));
  return flowMap(flows, sites, [
    ...m.merged.members
      .filter((x) => x.code !== m.merged.code)
      .map((x) => ({ code: x.code, name: x.name, role: "closing" as const, patients: x.listSize ?? 0 })),
    { code: m.merged.code, name: m.merged.name, role: "receiver" as const, patients: m.merged.listSize },
  ]);
}

export interface ArrsEffect {
  before: number;
  after: number;
  change: number;
  /** PCNs whose ARRS entitlement is not computed (no weighted list or no ARRS year). */
  unknown: number;
}

/** ARRS entitlement of the PCNs touched, before and after, over those where both are known. */
export function arrsEffect(pcns: readonly PcnEffect[]): ArrsEffect {
  let before = 0;
  let after = 0;
  let unknown = 0;
  for (const p of pcns) {
    if (p.arrsBefore === null || p.arrsAfter === null) {
      unknown++;
      continue;
    }
    before += p.arrsBefore;
    after += p.arrsAfter;
  }
  return { before, after, change: after - before, unknown };
}

/** PCNs whose size band the scenario changes. */
export const bandChanges = (pcns: readonly PcnEffect[]) => pcns.filter((p) => p.bandBefore !== p.bandAfter);

export type ScenarioKind = "closure" | "merger";

/** What the page's form holds, and its URL query (so a run can be shared). */
export interface ScenarioForm {
  kind: ScenarioKind;
  practices: string[];
  model: "nearest" | "choice";
  maxKm: string;
  cap: string;
  into: string;
}

export const DEFAULT_FORM: ScenarioForm = {
  kind: "closure",
  practices: [],
  model: "nearest",
  maxKm: "10",
  cap: "growth:20%",
  into: "",
};

/** The form from a URL query; unknown values fall back to the defaults. */
export function formFromQuery(q: URLSearchParams): ScenarioForm {
  const codes = (q.get("practices") ?? "")
    .split(",")
    .map((c) => c.trim().toUpperCase())
    .filter(Boolean);
  return {
    kind: q.get("kind") === "merger" ? "merger" : "closure",
    practices: [...new Set(codes)],
    model: q.get("model") === "choice" ? "choice" : "nearest",
    maxKm: q.get("maxKm") ?? DEFAULT_FORM.maxKm,
    cap: q.get("cap") ?? DEFAULT_FORM.cap,
    into: (q.get("into") ?? "").toUpperCase(),
  };
}

/** The URL query of a form (only what the kind uses, defaults left out). */
export function queryOfForm(f: ScenarioForm): string {
  const q = new URLSearchParams();
  q.set("kind", f.kind);
  if (f.practices.length > 0) q.set("practices", f.practices.join(","));
  if (f.kind === "closure") {
    if (f.model !== DEFAULT_FORM.model) q.set("model", f.model);
    if (f.maxKm !== DEFAULT_FORM.maxKm) q.set("maxKm", f.maxKm);
    if (f.cap !== DEFAULT_FORM.cap) q.set("cap", f.cap);
  } else if (f.into) q.set("into", f.into);
  return q.toString();
}

/**
 * The API request body of a form. The distance is sent as typed when it is not a number, so the API's
 * problem names the field (maxKm) rather than the page guessing.
 */
export function requestOfForm(f: ScenarioForm): Record<string, unknown> {
  if (f.kind === "merger")
    return { practices: f.practices, ...(f.into && f.practices.includes(f.into) ? { into: f.into } : {}) };
  const km = f.maxKm.trim() === "" ? undefined : Number(f.maxKm);
  return {
    practices: f.practices,
    model: f.model,
    ...(km === undefined ? {} : { maxKm: Number.isFinite(km) ? km : f.maxKm }),
    ...(f.cap.trim() === "" ? {} : { cap: f.cap.trim() }),
  };
}
