// Hub placement against brute force: on small seeded instances every k-subset of the sites is enumerated and
// the exact solver's objective must equal the best one, for p-median (Benders) and maximal covering.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { accessOf, coveredWeight, weightedDistance } from "../../../src/engines/hubs/access.ts";
import { placeHubs, type HubOptions } from "../../../src/engines/hubs/place.ts";
import { openHubSolver, type HubSolver } from "../../../src/engines/hubs/solve.ts";
import {
  HubRequestError,
  hubProblem,
  mergeColocated,
  type HubCandidate,
  type HubProblem,
} from "../../../src/engines/hubs/problem.ts";
import { sfc32Uniform } from "../../../src/model/random.ts";

/** n demand points and m sites scattered over ~30 km around Stoke-on-Trent, seeded. */
function instance(seed: number, n: number, m: number): HubProblem {
  const rnd = sfc32Uniform(seed);
  const lat = Float64Array.from({ length: n }, () => 52.9 + (rnd() - 0.5) * 0.3);
  const lon = Float64Array.from({ length: n }, () => -2.1 + (rnd() - 0.5) * 0.45);
  const weight = Float64Array.from({ length: n }, () =>
    rnd() < 0.1 ? 0 : Math.round(50 + 2000 * rnd() ** 2),
  );
  const quintile = Int8Array.from({ length: n }, () => Math.floor(rnd() * 6)); // 0 = unknown
  const sites: HubCandidate[] = Array.from({ length: m }, (_, j) => ({
    code: `S${j}`,
    name: `Site ${j}`,
    lat: 52.9 + (rnd() - 0.5) * 0.3,
    lon: -2.1 + (rnd() - 0.5) * 0.45,
  }));
  return hubProblem(
    { codes: Array.from({ length: n }, (_, i) => `L${i}`), lat, lon, weight, quintile },
    sites,
  );
}

/** Every k-subset of 0…m−1. */
function* subsets(m: number, k: number, from = 0, chosen: number[] = []): Generator<number[]> {
  if (chosen.length === k) {
    yield chosen;
    return;
  }
  for (let j = from; j <= m - (k - chosen.length); j++) yield* subsets(m, k, j + 1, [...chosen, j]);
}

function brute(problem: HubProblem, k: number, score: (open: number[]) => number, maximise: boolean) {
  let best = maximise ? -Infinity : Infinity;
  let count = 0;
  for (const s of subsets(problem.candidates.length, k)) {
    count++;
    const v = score(s);
    if (maximise ? v > best : v < best) best = v;
  }
  return { best, count };
}

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-7 * Math.max(1, Math.abs(b)), `${what}: ${a} vs ${b}`);

// One HiGHS worker for the file (loading HiGHS takes longer than these solves).
let solver: HubSolver;
before(async () => {
  solver = await openHubSolver();
});
after(() => solver.close());
const place = (p: HubProblem, o: HubOptions) => placeHubs(p, o, { solver });

describe("hub placement against brute force", () => {
  test("p-median: 40 points, 12 sites, k = 1…5, equals the best of every k-subset", async () => {
    for (const seed of [1, 2]) {
      const p = instance(seed, 40, 12);
      let previous = Infinity;
      for (let k = 1; k <= 5; k++) {
        const { best, count } = brute(p, k, (s) => weightedDistance(p, s), false);
        const r = await place(p, { k, objective: "p-median", withinKm: 5 });
        assert.equal(r.status, "optimal");
        assert.equal(r.hubs.length, k);
        assert.equal(count, [12, 66, 220, 495, 792][k - 1]);
        close(r.value, best, `seed ${seed} k ${k}`);
        close(r.value, weightedDistance(p, r.hubs), "value is the sites' true objective");
        assert.ok(r.value <= previous + 1e-9, "non-increasing in k");
        previous = r.value;
      }
    }
  });

  test("maximal covering within 4 km: 40 points, 12 sites, k = 1…4, equals the best k-subset", async () => {
    for (const seed of [3, 4]) {
      const p = instance(seed, 40, 12);
      let previous = -Infinity;
      for (let k = 1; k <= 4; k++) {
        const { best } = brute(p, k, (s) => coveredWeight(p, s, 4), true);
        const r = await place(p, { k, objective: "covering", withinKm: 4 });
        assert.equal(r.status, "optimal");
        assert.equal(r.hubs.length, k);
        close(r.value, best, `seed ${seed} k ${k}`);
        assert.ok(r.value >= previous - 1e-9, "non-decreasing in k");
        previous = r.value;
        close(
          r.access.overall.withinShare! * r.access.overall.weight,
          r.value,
          "access within = covered weight",
        );
      }
    }
  });
});

describe("access and the problem", () => {
  test("access by quintile: a hand-computed two-point case", () => {
    const p = hubProblem(
      {
        codes: ["A", "B", "C"],
        lat: Float64Array.from([52, 52, 52]),
        lon: Float64Array.from([0, 0.1, 0.2]),
        weight: Float64Array.from([100, 300, 0]),
        quintile: Int8Array.from([1, 5, 0]),
      },
      [{ code: "H", name: "Hub", lat: 52, lon: 0 }],
    );
    const km01 = p.distance[1]!; // B to the hub: 0.1° of longitude at 52°N ≈ 6.85 km
    assert.ok(Math.abs(km01 - 6.846) < 0.01, `${km01}`);
    const a = accessOf(p, [0], 5);
    assert.equal(a.overall.weight, 400);
    close(a.overall.meanKm!, (300 * km01) / 400, "mean");
    close(a.overall.withinShare!, 0.25, "within 5 km");
    assert.deepEqual(
      a.byQuintile.map((g) => [g.group, g.weight, g.withinShare]),
      [
        ["Q1", 100, 1],
        ["Q2", 0, null],
        ["Q3", 0, null],
        ["Q4", 0, null],
        ["Q5", 300, 0],
        ["unknown", 0, null],
      ],
    );
  });

  test("co-located practices are one site; bad k and no demand are refused", async () => {
    const merged = mergeColocated([
      { code: "A", name: "A", lat: 52, lon: -2 },
      { code: "B", name: "B", lat: 52, lon: -2 },
      { code: "C", name: "C", lat: 52.1, lon: -2 },
    ]);
    assert.deepEqual(
      merged.map((c) => [c.code, c.practices]),
      [
        ["A", ["A", "B"]],
        ["C", ["C"]],
      ],
    );
    const p = instance(5, 10, 4);
    await assert.rejects(
      placeHubs(p, { k: 5, objective: "p-median", withinKm: 5 }),
      (e: Error) =>
        e instanceof HubRequestError && /k must be a whole number from 1 to 4 .*found 5/.test(e.message),
    );
    await assert.rejects(placeHubs(p, { k: 0, objective: "covering", withinKm: 5 }), HubRequestError);
    const none = hubProblem({ ...p.demand, weight: new Float64Array(10) }, p.candidates);
    await assert.rejects(placeHubs(none, { k: 1, objective: "p-median", withinKm: 5 }), /there is no demand/);
  });
});
