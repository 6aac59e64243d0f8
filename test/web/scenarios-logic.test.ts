// The Scenarios page's pure parts (web/src/scenarios/flows.ts), without a browser: line widths by hand,
// the URL state round trip, and the flows of the demo's real closure and merger answers (the API in
// process on the synthetic demo): every re-homed patient is in exactly one flow, each drawn flow joins
// the two practices' sites, and the ARRS effect is the sum of the PCNs' own figures.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import {
  arrsEffect,
  bandChanges,
  closureFlows,
  DEFAULT_FORM,
  flowMap,
  flowWidth,
  formFromQuery,
  MAX_WIDTH,
  mergerFlows,
  MIN_WIDTH,
  queryOfForm,
  requestOfForm,
  widthLegend,
} from "../../web/src/scenarios/flows.ts";
import type { ClosureAnswer, MergerAnswer, PcnEffect } from "../../web/src/scenarios/types.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

describe("flow widths and their legend", () => {
  test("by the square root of patients: the largest is the widest, a quarter of it half as much above the least", () => {
    assert.equal(flowWidth(400, 400), MAX_WIDTH);
    assert.equal(flowWidth(100, 400), MIN_WIDTH + (MAX_WIDTH - MIN_WIDTH) / 2);
    assert.equal(flowWidth(0, 400), MIN_WIDTH);
    assert.equal(flowWidth(5, 0), MIN_WIDTH);
    assert.equal(flowWidth(800, 400), MAX_WIDTH, "never wider than the widest");
  });

  test("the legend samples the largest flow, a quarter and a twentieth, without repeats", () => {
    assert.deepEqual(
      widthLegend(926).map((w) => w.patients),
      [926, 232, 46],
    );
    assert.deepEqual(
      widthLegend(2).map((w) => w.patients),
      [2, 1],
    );
    assert.deepEqual(widthLegend(0), []);
    for (const w of widthLegend(926)) assert.equal(w.width, flowWidth(w.patients, 926));
  });

  test("a flow whose site is unknown is counted, not drawn", () => {
    const m = flowMap(
      [
        { from: "A", fromName: "a", to: "B", toName: "b", patients: 30 },
        { from: "A", fromName: "a", to: "C", toName: "c", patients: 10 },
      ],
      { A: { lat: 52, lon: -1 }, B: { lat: 52.1, lon: -1.1 } },
      [
        { code: "A", name: "a", role: "closing", patients: 40 },
        { code: "B", name: "b", role: "receiver", patients: 30 },
        { code: "C", name: "c", role: "receiver", patients: 10 },
      ],
    );
    const lines = m.collection.features.filter((f) => f.properties.kind === "flow");
    assert.equal(lines.length, 1);
    assert.deepEqual(lines[0]!.geometry.coordinates, [
      [-1, 52],
      [-1.1, 52.1],
    ]);
    assert.deepEqual(m.unmapped, { flows: 1, patients: 10 });
    assert.equal(m.largest, 30);
    // The closing practice is drawn last (on top).
    assert.equal(m.collection.features.at(-1)!.properties.kind, "closing");
  });
});

describe("the page's state in its URL", () => {
  test("a closure round-trips; defaults are left out; codes are upper-cased and unique", () => {
    const f = formFromQuery(new URLSearchParams("kind=closure&practices=z90130,Z90131,z90130&maxKm=5"));
    assert.deepEqual(f, { ...DEFAULT_FORM, practices: ["Z90130", "Z90131"], maxKm: "5" });
    assert.equal(queryOfForm(f), "kind=closure&practices=Z90130%2CZ90131&maxKm=5");
    assert.deepEqual(formFromQuery(new URLSearchParams(queryOfForm(f))), f);
    assert.deepEqual(requestOfForm(f), {
      practices: ["Z90130", "Z90131"],
      model: "nearest",
      maxKm: 5,
      cap: "growth:20%",
    });
  });

  test("a distance that is no number goes to the API as typed (its problem names maxKm); a merger sends into only when chosen", () => {
    assert.equal(requestOfForm({ ...DEFAULT_FORM, practices: ["A"], maxKm: "far" }).maxKm, "far");
    const merger = { ...DEFAULT_FORM, kind: "merger" as const, practices: ["A", "B"], into: "B" };
    assert.deepEqual(requestOfForm(merger), { practices: ["A", "B"], into: "B" });
    assert.deepEqual(requestOfForm({ ...merger, into: "C" }), { practices: ["A", "B"] });
    assert.equal(queryOfForm(merger), "kind=merger&practices=A%2CB&into=B");
  });
});

describe("the demo's closure and merger, as the page draws them", () => {
  let store: Store;
  let closure: ClosureAnswer;
  let merger: MergerAnswer;
  before(async () => {
    const dir = join(tempDir(), "store");
    useDemoStore(dir);
    store = await openStore({ dataDir: dir });
    const api = createApi(store);
    const post = async <T>(path: string, body: unknown): Promise<T> => {
      const res = await api.request(path, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(body),
      });
      assert.equal(res.status, 200, await res.clone().text());
      return (await res.json()) as T;
    };
    const listing = (await (await api.request("/api/practices?demo=true")).json()) as {
      rows: { practice_code: string; list_size: number | null; pcn_code: string }[];
    };
    const sized = listing.rows.filter((r) => (r.list_size ?? 0) > 0);
    const smallest = [...sized].sort((a, b) => a.list_size! - b.list_size!)[0]!;
    const pair = sized.filter((r) => r.pcn_code !== "U").slice(0, 2);
    closure = await post<ClosureAnswer>("/api/scenarios/closure", {
      demo: true,
      practices: [smallest.practice_code],
    });
    merger = await post<MergerAnswer>("/api/scenarios/merger", {
      demo: true,
      practices: pair.map((p) => p.practice_code),
    });
  });
  after(async () => {
    await store?.close();
  });

  test("the closure answer carries every closing and receiving practice's site", () => {
    for (const code of [...closure.closed.map((c) => c.code), ...closure.receivers.map((r) => r.code)])
      assert.ok(closure.sites[code], `a site for ${code}`);
  });

  test("every re-homed patient is in one flow; each line joins the closing site to the receiver's", () => {
    const m = closureFlows(closure);
    const total = m.flows.reduce((a, f) => a + f.patients, 0);
    assert.equal(total, closure.totals.placed);
    assert.equal(m.flows.length, closure.receivers.length, "one closing practice: one flow per receiver");
    for (const r of closure.receivers)
      assert.equal(m.flows.find((f) => f.to === r.code)?.patients, r.gain, `flow to ${r.code}`);
    const lines = m.collection.features.filter((f) => f.properties.kind === "flow");
    assert.equal(lines.length, m.flows.length, "every flow is drawn on the demo");
    const from = closure.sites[closure.closed[0]!.code]!;
    for (const l of lines) {
      const [a, b] = l.geometry.coordinates as [number, number][];
      const to = closure.sites[l.properties.to as string]!;
      assert.deepEqual(a, [from.lon, from.lat]);
      assert.deepEqual(b, [to.lon, to.lat]);
    }
    assert.equal(Math.max(...lines.map((l) => l.properties.width as number)), MAX_WIDTH);
    assert.equal(m.largest, Math.max(...closure.receivers.map((r) => r.gain)));
  });

  test("the merger's flows: each member's list into the practice kept", () => {
    const m = mergerFlows(merger);
    const others = merger.merged.members.filter((x) => x.code !== merger.merged.code);
    assert.equal(m.flows.length, others.length);
    for (const x of others) assert.equal(m.flows.find((f) => f.from === x.code)?.patients, x.listSize);
    const lists = merger.merged.members.reduce((a, x) => a + (x.listSize ?? 0), 0);
    assert.equal(lists, merger.merged.listSize, "the merged list is the members' sum");
  });

  test("the ARRS effect is the sum over the PCNs touched; band changes are those with another band", () => {
    for (const pcns of [closure.pcns, merger.pcns]) {
      const e = arrsEffect(pcns);
      const known = pcns.filter((p) => p.arrsBefore !== null && p.arrsAfter !== null);
      assert.equal(e.unknown, pcns.length - known.length);
      assert.ok(Math.abs(e.before - known.reduce((a, p) => a + p.arrsBefore!, 0)) < 1e-6);
      assert.ok(Math.abs(e.change - (e.after - e.before)) < 1e-9);
    }
    const hand: PcnEffect[] = [
      {
        ...closure.pcns[0]!,
        code: "A",
        arrsBefore: 100,
        arrsAfter: 150,
        bandBefore: "under",
        bandAfter: "in",
      },
      { ...closure.pcns[0]!, code: "X", arrsBefore: null, arrsAfter: 10, bandBefore: "in", bandAfter: "in" },
    ];
    assert.deepEqual(arrsEffect(hand), { before: 100, after: 150, change: 50, unknown: 1 });
    assert.deepEqual(
      bandChanges(hand).map((p) => p.code),
      ["A"],
    );
  });
});
