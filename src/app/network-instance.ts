// Use case: the network-design instance of an ICB or place from the store, ready for the networks
// engines: the picture (map, lists, sites, deprivation), the practices' LSOA catchments where registrations
// cover them, the instance, its adjacency graph and the contract rules of the map's date. Also reads a
// configuration file (practice_code, network_code[, network_name]) into rows for assignmentFromRows.
import { UnknownAreaError } from "../model/errors.ts";
import { contractYearOn, type PcnContractYear } from "../config/pcn-contract.ts";
import { buildAdjacency, type AdjacencyOptions } from "../engines/networks/graph.ts";
import { buildInstance, selectPractices } from "../engines/networks/instance-builder.ts";
import type { Adjacency, NetworkInstance } from "../engines/networks/instance.ts";
import type { PracticeNetworkRow } from "../engines/networks/assignment.ts";

import type { PracticeSet } from "../model/footprint.ts";
import type { Picture } from "../model/picture.ts";
import { describeFile } from "../sources/file.ts";
import { col, readTable } from "../sources/table.ts";
import { loadCatchments, type LoadedCatchments } from "../store/repositories/catchments.ts";
import type { Store } from "../store/store.ts";
import { readPicture } from "./picture.ts";

export interface NetworkInstanceRequest {
  synthetic: boolean;
  /** Map in force on this date (default: the picture's default map). */
  date?: string;
  /** List sizes from the newest list file on or before this date. */
  lists?: string | undefined;
  icb?: string;
  subIcb?: string;
  /** A union of places or a set of local authorities, instead of icb/subIcb. */
  practices?: PracticeSet | undefined;
  /** Load LSOA catchments when registrations cover the practices (default true). */
  catchments?: boolean;
  graph?: AdjacencyOptions;
}

export interface LoadedNetworkInstance {
  picture: Picture;
  instance: NetworkInstance;
  adjacency: Adjacency;
  catchments: LoadedCatchments | null;
  rules: PcnContractYear;
  /** ICB or place name, for titles. */
  areaName: string;
  /** The ICB footprint of the picture's map (its label), where the use case read it. */
  footprint?: string | null;
}

/**
 * Loads the instance of an ICB (or place). With neither `icb` nor `subIcb`, a picture holding exactly one
 * ICB (the demo) uses it; otherwise an UnknownAreaError asks for one.
 */
export async function loadNetworkInstance(
  store: Store,
  request: NetworkInstanceRequest,
): Promise<LoadedNetworkInstance> {
  const picture = await readPicture(store, request);
  return instanceOfPicture(store, picture, request);
}

/** The instance of an ICB or place of an already loaded picture (see loadNetworkInstance). */
export async function instanceOfPicture(
  store: Store,
  picture: Picture,
  request: NetworkInstanceRequest,
): Promise<LoadedNetworkInstance> {
  let icb = request.icb;
  if (icb === undefined && request.subIcb === undefined && request.practices === undefined) {
    const icbs = [...new Set(picture.practices.map((p) => p.icb.code))].sort();
    if (icbs.length !== 1)
      throw new UnknownAreaError(
        `choose an area with --icb or --sub-icb (the map has ${icbs.length} ICBs: ${icbs.join(", ")})`,
      );
    icb = icbs[0]!;
  }
  const area = {
    ...(icb !== undefined ? { icb } : {}),
    ...(request.subIcb !== undefined ? { subIcb: request.subIcb } : {}),
    ...(request.practices !== undefined ? { practices: request.practices } : {}),
  };
  const { practices } = selectPractices(picture, area);
  const catchments =
    request.catchments === false
      ? null
      : await loadCatchments(store.db, {
          synthetic: request.synthetic,
          practiceCodes: practices.map((p) => p.code),
          date: picture.date,
        });
  const instance = buildInstance(picture, { ...area, catchments });
  instance.notes = [...(catchments?.notes ?? []), ...(instance.notes ?? [])];
  const adjacency = buildAdjacency(instance, request.graph);
  const first = practices[0]!;
  const areaName =
    request.practices !== undefined
      ? request.practices.name
      : request.subIcb !== undefined
        ? first.subIcb.name
        : first.icb.name;
  return { picture, instance, adjacency, catchments, rules: contractYearOn(picture.date), areaName };
}

/**
 * The instances of every ICB of the picture (England), in ICB code order, from one picture: each with its
 * own catchments where registrations cover its practices, and its own graph.
 */
export async function loadEnglandInstances(
  store: Store,
  request: Omit<NetworkInstanceRequest, "icb" | "subIcb">,
): Promise<{ picture: Picture; instances: LoadedNetworkInstance[] }> {
  const picture = await readPicture(store, request);
  const icbs = [...new Set(picture.practices.map((p) => p.icb.code))].sort();
  const instances: LoadedNetworkInstance[] = [];
  for (const icb of icbs) instances.push(await instanceOfPicture(store, picture, { ...request, icb }));
  return { picture, instances };
}

const configurationSpec = {
  practiceCode: col.text("practice_code", "PRACTICE_CODE", "practice"),
  networkCode: col.text("network_code", "NETWORK_CODE", "pcn_code", "network"),
  networkName: col.text("network_name", "NETWORK_NAME", "pcn_name").orNull().optionalColumn(),
};

/** Reads a configuration CSV (practice_code, network_code[, network_name]); SourceError on bad input. */
export async function readConfigurationCsv(path: string): Promise<PracticeNetworkRow[]> {
  const table = await readTable(await describeFile(path, path), configurationSpec);
  const rows: PracticeNetworkRow[] = [];
  for await (const r of table.rows)
    rows.push({
      practiceCode: r.practiceCode,
      networkCode: r.networkCode,
      networkName: r.networkName ?? undefined,
      where: `line ${r._line}`,
    });
  return rows;
}
