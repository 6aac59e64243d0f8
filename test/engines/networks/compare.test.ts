// Assignments (today's map, configurations from rows) and the comparison of two configurations: the
// maximum-overlap matching of old to new networks and the practices and patients moved.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { contractYearOn } from "../../../src/config/pcn-contract.ts";
import {
  AssignmentError,
  assignmentFromRows,
  currentAssignment,
  currentMap,
  networkMembers,
} from "../../../src/engines/networks/assignment.ts";
import { compare, matchNetworks, movedPractices } from "../../../src/engines/networks/compare.ts";
import { adjacencyOf, makeInstance } from "./network-kit.ts";

const rules = contractYearOn("2026-01-01");

// Five practices in a line: today U00001 = {0, 1, 2}, U00002 = {3, 4}; practice 5 outside any PCN.
const instance = makeInstance(
  [
    { lat: 0, lon: 0.0, list: 12_000, pcn: 0 },
    { lat: 0, lon: 0.01, list: 11_000, pcn: 0 },
    { lat: 0, lon: 0.02, list: 9_000, pcn: 0 },
    { lat: 0, lon: 0.03, list: 14_000, pcn: 1 },
    { lat: 0, lon: 0.04, list: 16_000, pcn: 1 },
    { lat: 0, lon: 0.05, list: 3_000, pcn: -1 },
  ],
  { networks: ["U00001", "U00002"] },
);
const adjacency = adjacencyOf(6, [
  [0, 1],
  [1, 2],
  [2, 3],
  [3, 4],
  [4, 5],
]);
const rows = (networks: string[]) =>
  instance.practiceCodes.map((practiceCode, p) => ({ practiceCode, networkCode: networks[p]! }));

describe("assignments", () => {
  test("today's map: every practice in exactly one network; a practice outside any PCN gets its own", () => {
    const a = currentAssignment(instance);
    assert.deepEqual([...a], [0, 0, 0, 1, 1, 2]);
    const members = networkMembers(a);
    assert.deepEqual(members, [[0, 1, 2], [3, 4], [5]]);
    assert.deepEqual(
      members.flat().sort((x, y) => x - y),
      [0, 1, 2, 3, 4, 5],
    );
    assert.deepEqual(currentMap(instance).labels[2], {
      code: "U:T00005",
      name: "Outside any PCN: Practice T00005",
      outsidePcn: true,
    });
  });

  test("from rows: networks in code order, known PCN names kept, U outside any PCN", () => {
    const { assignment, labels } = assignmentFromRows(
      instance,
      rows(["B", "B", "A", "U00002", "U00002", "U"]),
    );
    assert.deepEqual([...assignment], [1, 1, 0, 2, 2, 3]);
    assert.deepEqual(
      labels.map((l) => [l.code, l.name, l.outsidePcn]),
      [
        ["A", "A", false],
        ["B", "B", false],
        ["U00002", "Network U00002", false],
        ["U:T00005", "Outside any PCN: Practice T00005", true],
      ],
    );
  });

  test("from rows: unknown, duplicated and missing practices are named", () => {
    const bad = [
      ...rows(["A", "A", "A", "B", "B", "B"]).slice(0, 4),
      { practiceCode: "Z99999", networkCode: "A", where: "line 6" },
      { practiceCode: "T00000", networkCode: "B", where: "line 7" },
    ];
    assert.throws(
      () => assignmentFromRows(instance, bad),
      (e: Error) =>
        e instanceof AssignmentError &&
        /1 practice\(s\) not in test: Z99999 \(line 6\)/.test(e.message) &&
        /listed twice: T00000 \(line 7\)/.test(e.message) &&
        /2 practice\(s\) of test missing: T00004, T00005/.test(e.message),
    );
  });
});

describe("comparison", () => {
  const today = currentMap(instance);

  test("the same partition under other codes moves nobody", () => {
    const renamed = assignmentFromRows(instance, rows(["X", "X", "X", "Y", "Y", "U"]));
    assert.deepEqual(movedPractices(instance, today.assignment, renamed.assignment), []);
    const c = compare(instance, adjacency, today, renamed, rules);
    assert.equal(c.practicesMoved, 0);
    assert.deepEqual(
      c.changes.map((x) => [x.a, x.b, x.kind]),
      [
        ["U00001", "X", "unchanged"],
        ["U00002", "Y", "unchanged"],
        ["U:T00005", "U:T00005", "unchanged"],
      ],
    );
  });

  test("a known move: practice 2 goes from U00001 to U00002", () => {
    const proposal = assignmentFromRows(
      instance,
      rows(["U00001", "U00001", "U00002", "U00002", "U00002", "U"]),
    );
    assert.deepEqual([...matchNetworks(instance, today.assignment, proposal.assignment)], [0, 1, 2]);
    const c = compare(instance, adjacency, today, proposal, rules);
    assert.equal(c.practicesMoved, 1);
    assert.equal(c.patientsMoved, 9_000);
    assert.deepEqual(c.moves, [
      { practice: "T00002", name: "Practice T00002", patients: 9_000, from: "U00001", to: "U00002" },
    ]);
    const changed = c.changes.filter((x) => x.kind === "changed");
    assert.deepEqual(
      changed.map((x) => [x.a, x.b, x.aList, x.bList, x.aBand, x.bBand, x.joined, x.left]),
      [
        ["U00001", "U00001", 32_000, 23_000, "in", "under", [], ["T00002"]],
        ["U00002", "U00002", 30_000, 39_000, "in", "in", ["T00002"], []],
      ],
    );
    assert.deepEqual(c.a.totals.bands, { under: 0, in: 2, over: 0 });
    assert.deepEqual(c.b.totals.bands, { under: 1, in: 1, over: 0 });
  });

  test("a merger keeps the larger partner in place and moves the smaller; the outside practice joining moves", () => {
    const merged = assignmentFromRows(instance, rows(["M", "M", "M", "M", "M", "M"]));
    const c = compare(instance, adjacency, today, merged, rules);
    // U00001 (32,000) and U00002 (30,000) both overlap M; U00001 shares more, so U00002's practices move.
    assert.deepEqual(
      c.moves.map((m) => m.practice),
      ["T00003", "T00004", "T00005"],
    );
    assert.equal(c.patientsMoved, 33_000);
    assert.deepEqual(
      c.changes.map((x) => [x.a, x.b, x.kind]),
      [
        ["U00001", "M", "changed"],
        ["U00002", null, "dissolved"],
        ["U:T00005", null, "dissolved"],
      ],
    );
  });

  test("a split keeps the larger part in place and creates a new network", () => {
    const split = assignmentFromRows(instance, rows(["U00001", "S", "S", "U00002", "U00002", "U"]));
    const c = compare(instance, adjacency, today, split, rules);
    // U00001 = {0: 12,000 | 1, 2: 20,000}: the larger part (S) is the match, so practice 0 moves.
    assert.deepEqual(
      c.moves.map((m) => [m.practice, m.from, m.to]),
      [["T00000", "U00001", "U00001"]],
    );
    assert.deepEqual(
      c.changes.filter((x) => x.kind !== "unchanged").map((x) => [x.a, x.b, x.kind]),
      [
        ["U00001", "S", "changed"],
        [null, "U00001", "new"],
      ],
    );
  });
});
