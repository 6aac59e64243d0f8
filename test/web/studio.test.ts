// The network studio's logic without a browser: the edit history (moves, locks, replace; undo and redo),
// the browser's live metrics checked to equal the server's evaluation (POST /api/networks/evaluate) of the
// same configuration exactly, for today's map and for moves that change the band count, split a network
// and cross a place boundary; the studio's routes (instance, evaluate, save) on the synthetic demo; and the
// configuration files (CSV out and back in).
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import {
  canRedo,
  canUndo,
  move,
  newNetworkCode,
  redo,
  replaceAll,
  setLocked,
  startHistory,
  undo,
} from "../../web/src/studio/history.ts";
import { parseInstance, type InstanceData, type StudioInstance } from "../../web/src/studio/instance.ts";
import { configurationRows, studioMetrics, type StudioMetrics } from "../../web/src/studio/metrics.ts";
import {
  codesFromRows,
  ConfigurationFileError,
  configurationCsv,
  parseCsv,
  rowsFromCsv,
} from "../../web/src/studio/files.ts";
import { studioCollection, studioStyle } from "../../web/src/studio/map-data.ts";
import { measures } from "../../web/src/studio/panel.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

let store: Store;
let api: ReturnType<typeof createApi>;
let instance: StudioInstance;

interface ServerEvaluation {
  totals: {
    networks: number;
    bands: StudioMetrics["bands"];
    bandPatients: StudioMetrics["bandPatients"];
    notContiguous: number;
    crossingPlaces: number;
    cohesion: StudioMetrics["cohesion"];
  };
  networks: {
    code: string;
    listSize: number;
    band: string;
    contiguous: boolean;
    crossesPlace: boolean;
    outsidePcn: boolean;
    cohesion: { basis: string; nearestSiteKm: number | null; centreKm: number | null; patients: number };
  }[];
  changes?: { practicesMoved: number; patientsMoved: number };
}

const post = async (path: string, body: unknown) =>
  api.request(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });

async function serverEvaluation(codes: readonly string[]): Promise<ServerEvaluation> {
  const res = await post("/api/networks/evaluate", { demo: true, rows: configurationRows(instance, codes) });
  assert.equal(res.status, 200, await res.clone().text());
  return (await res.json()) as ServerEvaluation;
}

/** The client's figures against the server's, every one exactly. */
function assertSame(client: StudioMetrics, server: ServerEvaluation) {
  const t = server.totals;
  assert.equal(client.networks, t.networks, "networks");
  assert.deepEqual(client.bands, t.bands, "bands");
  assert.deepEqual(client.bandPatients, t.bandPatients, "patients by band");
  assert.equal(client.notContiguous, t.notContiguous, "networks not contiguous");
  assert.equal(client.crossingPlaces, t.crossingPlaces, "networks crossing places");
  assert.deepEqual(client.cohesion, t.cohesion, "cohesion, to the last digit");
  assert.equal(client.practicesMoved, server.changes!.practicesMoved, "practices moved");
  assert.equal(client.patientsMoved, server.changes!.patientsMoved, "patients moved");
  assert.deepEqual(
    client.rows.map((r) => ({
      code: r.code,
      listSize: r.listSize,
      band: r.band,
      contiguous: r.pieces === 1,
      crossesPlace: r.places.length > 1,
      outsidePcn: r.outsidePcn,
      cohesion: r.cohesion,
    })),
    server.networks.map((n) => ({
      code: n.code,
      listSize: n.listSize,
      band: n.band,
      contiguous: n.contiguous,
      crossesPlace: n.crossesPlace,
      outsidePcn: n.outsidePcn,
      cohesion: {
        basis: n.cohesion.basis,
        nearestSiteKm: n.cohesion.nearestSiteKm,
        centreKm: n.cohesion.centreKm,
        patients: n.cohesion.patients,
      },
    })),
    "every network",
  );
}

const neighboursOf = (p: number) =>
  Array.from(instance.neighbours.subarray(instance.offsets[p]!, instance.offsets[p + 1]!));

before(async () => {
  const dir = tempDir();
  useDemoStore(dir);
  store = await openStore({ dataDir: dir, databaseUrl: undefined });
  api = createApi(store);
  const res = await api.request("/api/networks/instance?demo=true");
  assert.equal(res.status, 200);
  instance = parseInstance((await res.json()) as InstanceData);
});

after(async () => {
  await store.close();
});

describe("the instance the studio works from", () => {
  test("holds the demo ICB's practices, today's PCNs, a symmetric graph and LSOA catchments", () => {
    assert.equal(instance.n, 139, "the demo ICB has 139 practices");
    assert.equal(instance.data.networks.codes.length, 30);
    assert.equal(instance.offsets.length, instance.n + 1);
    for (let p = 0; p < instance.n; p++)
      for (const q of neighboursOf(p)) assert.ok(neighboursOf(q).includes(p), `edge ${p}–${q} both ways`);
    assert.ok(instance.catchments, "the demo has LSOA registrations");
    let patients = 0;
    for (const x of instance.catchments.patients) patients += x;
    assert.ok(patients > 0);
    assert.deepEqual(instance.band, { min: 30000, max: 50000 });
  });
});

describe("live metrics equal the server's evaluation", () => {
  test("today's map: the GET evaluation's totals, and nothing moved", async () => {
    const client = studioMetrics(instance, instance.today);
    const res = await api.request("/api/networks/evaluate?demo=true");
    const today = (await res.json()) as ServerEvaluation;
    assertSame(client, { ...today, changes: { practicesMoved: 0, patientsMoved: 0 } });
    assertSame(client, await serverEvaluation(instance.today));
    // By hand: the list of each of today's PCNs against the band.
    const lists = new Map<string, number>();
    instance.today.forEach((c, p) => c !== "U" && lists.set(c, (lists.get(c) ?? 0) + instance.listSize[p]!));
    const inBand = [...lists.values()].filter((v) => v >= 30000 && v <= 50000).length;
    assert.equal(client.bands.in, inBand);
  });

  test("a practice moved so a network leaves the band: the band counts change, as the server says", async () => {
    const today = studioMetrics(instance, instance.today);
    // The smallest practice of a network in the band whose list is within that practice of the minimum.
    const net = today.rows.find(
      (r) =>
        !r.outsidePcn &&
        r.band === "in" &&
        r.practices.some((p) => r.listSize - instance.listSize[p]! < 30000),
    );
    assert.ok(net, "a network in the band that one move takes under the minimum");
    const p = net.practices.find((q) => net.listSize - instance.listSize[q]! < 30000)!;
    const target = instance.today[neighboursOf(p).find((q) => instance.today[q] !== net.code) ?? -1];
    assert.ok(target && target !== "U", "the practice borders another network");
    const { history } = move(startHistory(instance.today), [p], target);
    const client = studioMetrics(instance, history.state.codes);
    assert.equal(client.bands.in + client.bands.under + client.bands.over, today.networks);
    assert.notDeepEqual(client.bands, today.bands, "the band counts change");
    assert.ok(client.practicesMoved >= 1);
    assertSame(client, await serverEvaluation(history.state.codes));
  });

  test("a practice moved to a network it does not border: that network is split, as the server says", async () => {
    const p = 0;
    const bordering = new Set(neighboursOf(p).map((q) => instance.today[q]));
    const far = instance.data.networks.codes.find((c) => c !== instance.today[p] && !bordering.has(c))!;
    const { history } = move(startHistory(instance.today), [p], far);
    const client = studioMetrics(instance, history.state.codes);
    assert.ok(client.notContiguous >= 1, "the far network is in pieces");
    assert.equal(client.rows.find((r) => r.code === far)!.pieces, 2);
    assertSame(client, await serverEvaluation(history.state.codes));
  });

  test("practices of two places in a new network: a place crossed, as the server says", async () => {
    const a = instance.place.indexOf(0);
    const b = [...instance.place].findIndex((pl) => pl !== instance.place[a]);
    assert.ok(a >= 0 && b >= 0, "the demo ICB has more than one place");
    const code = newNetworkCode(instance.today);
    assert.equal(code, "NEW-1");
    const { history } = move(startHistory(instance.today), [a, b], code);
    const client = studioMetrics(instance, history.state.codes);
    const row = client.rows.find((r) => r.code === code)!;
    assert.equal(row.places.length, 2);
    assert.equal(row.name, "New network 1");
    assert.ok(client.crossingPlaces >= 1);
    assert.equal(client.networks, 31, "one more network");
    assertSame(client, await serverEvaluation(history.state.codes));
  });

  test("a whole PCN moved into another: a merger moves the smaller's practices only", async () => {
    const today = studioMetrics(instance, instance.today);
    const [x, y] = today.rows.filter((r) => !r.outsidePcn).sort((r, s) => s.listSize - r.listSize);
    const { history } = move(startHistory(instance.today), y!.practices, x!.code);
    const client = studioMetrics(instance, history.state.codes);
    assert.equal(client.practicesMoved, y!.practices.length);
    assert.equal(client.patientsMoved, y!.listSize);
    assertSame(client, await serverEvaluation(history.state.codes));
  });
});

describe("the edit history", () => {
  test("move, undo and redo restore each state exactly; a new edit clears redo", () => {
    let h = startHistory(instance.today);
    assert.equal(canUndo(h), false);
    const first = move(h, [3, 4], "NEW-1").history;
    assert.deepEqual(first.state.codes.slice(3, 5), ["NEW-1", "NEW-1"]);
    h = move(first, [4], instance.today[0]!).history;
    assert.equal(h.past.length, 2);
    h = undo(h);
    assert.deepEqual(h.state.codes, first.state.codes);
    h = undo(h);
    assert.deepEqual(h.state.codes, instance.today);
    assert.equal(canUndo(h), false);
    assert.equal(canRedo(h), true);
    h = redo(h);
    assert.deepEqual(h.state.codes, first.state.codes);
    h = move(h, [10], "NEW-2").history;
    assert.equal(canRedo(h), false, "a new edit clears what could be redone");
  });

  test("a move that changes nothing records nothing", () => {
    const h = startHistory(instance.today);
    assert.equal(move(h, [0], instance.today[0]!).history, h);
  });

  test("locked practices stay where they are and are reported; unlocking is undoable", () => {
    let h = setLocked(startHistory(instance.today), [1], true);
    const { history, lockedLeft } = move(h, [1, 2], "NEW-1");
    assert.deepEqual(lockedLeft, [1]);
    assert.equal(history.state.codes[1], instance.today[1]);
    assert.equal(history.state.codes[2], "NEW-1");
    h = setLocked(history, [1], false);
    assert.equal(h.state.locked[1], false);
    h = undo(h);
    assert.equal(h.state.locked[1], true);
  });

  test("replacing the configuration (a design, a scenario) is one undoable step", () => {
    const other = instance.today.map((c, p) => (p < 5 ? "NEW-1" : c));
    let h = replaceAll(startHistory(instance.today), other, "the design");
    assert.deepEqual(h.state.codes, other);
    h = undo(h);
    assert.deepEqual(h.state.codes, instance.today);
    assert.throws(() => replaceAll(h, ["X"], "short"), RangeError);
  });

  test("new network codes are the first unused NEW-k", () => {
    assert.equal(newNetworkCode(["A", "NEW-1", "NEW-3"]), "NEW-2");
  });
});

describe("the studio's routes", () => {
  test("an edited configuration saved as a scenario evaluates on the server as the client computed it", async () => {
    const { history } = move(startHistory(instance.today), [0, 1], "NEW-1");
    const client = studioMetrics(instance, history.state.codes);
    const body = {
      demo: true,
      rows: configurationRows(instance, history.state.codes),
      save: { name: "studio-unit" },
    };
    const res = await post("/api/networks/save", body);
    assert.equal(res.status, 201, await res.clone().text());
    const saved = (await res.json()) as { scenario: { name: string; kind: string }; practicesMoved: number };
    assert.equal(saved.scenario.kind, "network-design");
    assert.equal(saved.practicesMoved, client.practicesMoved);
    const evaluated = (await (
      await api.request("/api/networks/evaluate?demo=true&scenario=studio-unit")
    ).json()) as ServerEvaluation;
    assert.deepEqual(evaluated.totals.bands, client.bands);
    assert.deepEqual(evaluated.totals.cohesion, client.cohesion);
    const again = await post("/api/networks/save", body);
    assert.equal(again.status, 409, "the name is taken");
  });

  test("rows that leave out a practice are a 422 naming it", async () => {
    const rows = configurationRows(instance, instance.today).slice(1);
    const res = await post("/api/networks/evaluate", { demo: true, rows });
    assert.equal(res.status, 422);
    const problem = (await res.json()) as { detail: string };
    assert.match(problem.detail, new RegExp(`missing: ${instance.codes[0]}`));
  });
});

describe("configuration files", () => {
  test("CSV out and back in gives the same configuration, names included", () => {
    const { history } = move(startHistory(instance.today), [5], "NEW-1");
    const names = new Map([["NEW-1", 'North, "East" network']]);
    const text = configurationCsv(instance, history.state.codes, names);
    const lines = text.trim().split("\n");
    assert.equal(lines.length, instance.n + 1);
    assert.equal(lines[0], "practice_code,network_code,network_name,list_size");
    const back = codesFromRows(instance, rowsFromCsv(text, "file.csv"), "file.csv");
    assert.deepEqual(back.codes, history.state.codes);
    assert.equal(back.names.get("NEW-1"), 'North, "East" network');
  });

  test("a file that leaves out a practice, or lacks the columns, is an error naming it", () => {
    const rows = configurationRows(instance, instance.today).slice(1);
    assert.throws(
      () => codesFromRows(instance, rows, "colleague.csv"),
      (e: unknown) =>
        e instanceof ConfigurationFileError && e.message.includes(`missing: ${instance.codes[0]}`),
    );
    assert.throws(
      () => rowsFromCsv("code,pcn\nA,B\n", "bad.csv"),
      /expected columns practice_code and network_code/,
    );
  });

  test("the CSV reader keeps quoted commas, quotes and line breaks", () => {
    assert.deepEqual(parseCsv('a,"b, c","d ""e""\nf"\r\n1,2,3\n'), [
      ["a", "b, c", 'd "e"\nf'],
      ["1", "2", "3"],
    ]);
  });
});

describe("the editable map and the panel", () => {
  test("one polygon per network with a site and one point per sited practice, flagged selected, locked, moved", () => {
    let h = setLocked(startHistory(instance.today), [7], true);
    h = move(h, [2], "NEW-1").history;
    const metrics = studioMetrics(instance, h.state.codes);
    const collection = studioCollection(instance, metrics, new Set([2, 3]), h.state.locked);
    const points = collection.features.filter((f) => f.properties.kind === "practice");
    const sited = [...instance.lat.keys()].filter((p) => Number.isFinite(instance.lat[p]!));
    assert.equal(points.length, sited.length);
    const at = (p: number) => points.find((f) => f.properties.practice_index === p)!.properties;
    assert.deepEqual(
      [at(2).selected, at(3).selected, at(4).selected, at(7).locked, at(8).locked, at(2).moved, at(3).moved],
      [true, true, false, true, false, true, false],
    );
    assert.equal(at(2).network_code, "NEW-1");
    const polygons = collection.features.filter((f) => f.properties.kind === "network");
    assert.equal(
      polygons.length,
      metrics.rows.filter((r) => r.practices.some((p) => sited.includes(p))).length,
    );
    const style = studioStyle(collection);
    assert.deepEqual(
      style.layers.map((l) => l.id),
      ["background", "network-fill", "network-line", "selected", "practices"],
    );
  });

  test("the panel prints today's measures as the page shows them", () => {
    const m = studioMetrics(instance, instance.today);
    const rows = measures({ minimumList: 30000, typicalMaximumList: 50000 });
    const value = (key: string) => rows.find((r) => r.key === key)!.value(m);
    assert.equal(rows.find((r) => r.key === "in")!.label, "30,000 to 50,000 patients");
    assert.equal(value("networks"), String(m.networks));
    assert.equal(value("in"), String(m.bands.in));
    assert.equal(value("nearest-km"), m.cohesion.nearestSiteKm!.toFixed(2));
    assert.equal(value("practices-moved"), "0");
  });
});
