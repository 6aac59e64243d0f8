// The designer's incremental state against a naive recount (GerryChain's test_tally_matches_naive_tally_at
// _every_step): N seeded proposals, accepted or rolled back at random, and after each one every tally and
// total equals the one recomputed from scratch from the assignment alone.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { construct } from "../../../src/engines/networks/design/construct.ts";
import { evaluateProblem } from "../../../src/engines/networks/design/objective.ts";
import { resolveOptions } from "../../../src/engines/networks/design/options.ts";
import { buildProblem, type Problem } from "../../../src/engines/networks/design/problem.ts";
import { flip, merge, recombine, swap } from "../../../src/engines/networks/design/proposals.ts";
import { createDesignRng } from "../../../src/engines/networks/design/rng.ts";
import { DesignState } from "../../../src/engines/networks/design/state.ts";
import { randomInstance } from "./design-kit.ts";

const close = (a: number, b: number, what: string) =>
  assert.ok(Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(b)), `${what}: incremental ${a} ≠ naive ${b}`);

/** Every cached tally of the state against a recount from its unit assignment. */
function checkAgainstNaive(pb: Problem, state: DesignState, step: number): void {
  const assignment = state.practiceAssignment();
  const naive = evaluateProblem(pb, assignment);
  close(state.cohesion, naive.cohesion, `step ${step} cohesion`);
  close(state.disruption, naive.disruption, `step ${step} disruption`);
  close(state.place, naive.place, `step ${step} place`);
  assert.equal(state.under, naive.underMinimum, `step ${step} under`);
  assert.equal(state.over, naive.overMaximum, `step ${step} over`);
  assert.equal(state.relaxedUnder, naive.relaxedUnderMinimum, `step ${step} relaxed under`);
  // Per-slot tallies.
  let units = 0;
  let patients = 0;
  for (let s = 0; s < pb.unitCount; s++) {
    const members = state.members[s]!;
    units += members.length;
    let W = 0;
    const byPlace = new Float64Array(pb.placeCount);
    for (const u of members) {
      assert.equal(state.assign[u], s, `step ${step}: unit ${u} listed in slot ${s}`);
      W += pb.unitW[u]!;
      for (let k = pb.unitStart[u]!; k < pb.unitStart[u + 1]!; k++)
        byPlace[pb.place[pb.unitPractices[k]!]!]! += pb.w[pb.unitPractices[k]!]!;
    }
    patients += state.W[s]!;
    assert.equal(state.W[s], W, `step ${step}: list size of slot ${s}`);
    for (let l = 0; l < pb.placeCount; l++)
      assert.equal(state.placeW[s * pb.placeCount + l], byPlace[l], `step ${step}: slot ${s} place ${l}`);
  }
  // Invariants: every unit in exactly one slot; total list size preserved.
  assert.equal(units, pb.unitCount, `step ${step}: units assigned`);
  assert.equal(
    patients,
    pb.w.reduce((a, b) => a + b, 0),
    `step ${step}: patients preserved`,
  );
  for (let p = 0; p < pb.n; p++) {
    let kept = 0;
    for (let e = pb.mateStart[p]!; e < pb.mateStart[p + 1]!; e++)
      if (assignment[pb.mates[e]!] === assignment[p]) kept += pb.w[pb.mates[e]!]!;
    assert.equal(state.kept[p], kept, `step ${step}: mates kept by practice ${p}`);
  }
}

describe("design state: incremental tallies equal a naive recount", () => {
  for (const seed of [1, 2, 3]) {
    test(`seed ${seed}: 400 proposals, checked after every one`, () => {
      const { instance, adjacency } = randomInstance(100 + seed, 40);
      const pb = buildProblem(instance, adjacency, resolveOptions({ disruptionWeight: 2, placeWeight: 3 }));
      const state = new DesignState(pb, construct(pb));
      checkAgainstNaive(pb, state, 0);
      const rng = createDesignRng(seed);
      const proposals = [flip, swap, merge, recombine];
      let applied = 0;
      for (let step = 1; step <= 400; step++) {
        state.begin();
        const changed = proposals[rng.below(proposals.length)]!(state, rng);
        state.refresh();
        if (changed) applied++;
        if (rng.next() < 0.4) state.rollback();
        checkAgainstNaive(pb, state, step);
      }
      assert.ok(applied > 40, `only ${applied} proposals applied`);
    });
  }

  test("nested marks roll back to each mark exactly", () => {
    const { instance, adjacency } = randomInstance(7, 30);
    const pb = buildProblem(instance, adjacency, resolveOptions({}));
    const state = new DesignState(pb, construct(pb));
    const rng = createDesignRng(9);
    const snapshot = () => ({ assign: Int32Array.from(state.assign), score: state.score() });
    state.begin();
    const at0 = snapshot();
    const m0 = state.mark();
    for (let i = 0; i < 20; i++) flip(state, rng);
    const at1 = snapshot();
    const m1 = state.mark();
    for (let i = 0; i < 5; i++) recombine(state, rng);
    state.rollbackTo(m1);
    assert.deepEqual(snapshot(), at1);
    checkAgainstNaive(pb, state, 1);
    state.rollbackTo(m0);
    assert.deepEqual(snapshot(), at0);
    checkAgainstNaive(pb, state, 2);
  });
});
