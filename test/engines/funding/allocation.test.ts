// Allocation of a local fund: a hand-checked example, then property tests over many seeded random funds,
// areas, weights, floors and caps — every allocation is whole pence, sums to the fund exactly, respects its
// bounds and is monotone in need — and the errors of bad requests.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import {
  allocateFund,
  FundingRequestError,
  METHOD_WEIGHTS,
  type AllocationUnit,
  type Bound,
  type NeedComponent,
} from "../../../src/engines/funding/allocation.ts";
import { apportion } from "../../../src/engines/funding/apportion.ts";
import { sfc32Uniform } from "../../../src/model/random.ts";

const unit = (
  code: string,
  registered: number | null,
  weighted: number | null,
  score: number | null,
): AllocationUnit => ({
  code,
  name: `Practice ${code}`,
  registered,
  weighted,
  hiPopulation: registered !== null && score !== null ? registered * score : null,
  practices: [code],
});

describe("apportion (largest remainder)", () => {
  test("known answers: remainders go to the largest fractions, ties by priority then key", () => {
    assert.deepEqual(
      apportion(10, [
        { exact: 3.5, priority: 1, key: "a" },
        { exact: 6.5, priority: 2, key: "b" },
      ]),
      [3, 7],
    );
    assert.deepEqual(
      apportion(10, [
        { exact: 3.3, priority: 1, key: "a" },
        { exact: 3.3, priority: 1, key: "b" },
        { exact: 3.4, priority: 1, key: "c" },
      ]),
      [3, 3, 4],
    );
    assert.deepEqual(
      apportion(3, [
        { exact: 1.5, priority: 1, key: "b" },
        { exact: 1.5, priority: 1, key: "a" },
      ]),
      [1, 2],
    );
  });
  test("a maximum is never exceeded", () => {
    // Without the maximum, "a" (highest priority on a tie of fractions) would take the spare unit.
    const items = [
      { exact: 2.5, priority: 9, key: "a" },
      { exact: 1.5, priority: 1, key: "b" },
      { exact: 0, priority: 1, key: "c" },
    ];
    assert.deepEqual(apportion(4, items), [3, 1, 0]);
    assert.deepEqual(apportion(4, [{ ...items[0]!, max: 2 }, items[1]!, items[2]!]), [2, 2, 0]);
  });
});

describe("allocation: a hand-checked example", () => {
  // Three practices; lists 10,000 / 20,000 / 10,000, weighted 12,000 / 18,000 / 10,000, IMD 40 / 20 / 10.
  const units = [unit("A", 10_000, 12_000, 40), unit("B", 20_000, 18_000, 20), unit("C", 10_000, 10_000, 10)];
  const fund = 100_000_00; // £100,000

  test("equal per head: 25% / 50% / 25%", () => {
    const a = allocateFund(units, { fundPence: fund, method: "equal", weights: METHOD_WEIGHTS("equal") });
    assert.deepEqual(
      a.lines.map((l) => l.pence),
      [25_000_00, 50_000_00, 25_000_00],
    );
  });

  test("weighted capitation: 12/40, 18/40, 10/40 of the fund", () => {
    const a = allocateFund(units, {
      fundPence: fund,
      method: "weighted",
      weights: METHOD_WEIGHTS("weighted"),
    });
    assert.deepEqual(
      a.lines.map((l) => l.pence),
      [30_000_00, 45_000_00, 25_000_00],
    );
  });

  test("need 85/15: HI populations 400k / 400k / 100k → shares 0.85 × w + 0.15 × hi", () => {
    const a = allocateFund(units, { fundPence: fund, method: "need", weights: METHOD_WEIGHTS("need", 0.15) });
    // A: 0.85 × 0.3 + 0.15 × 4/9 = 0.321667; B: 0.85 × 0.45 + 0.15 × 4/9 = 0.449167; C: 0.85 × 0.25 + 0.15 × 1/9 = 0.229167
    assert.deepEqual(
      a.lines.map((l) => l.pence),
      [3_216_667, 4_491_667, 2_291_666],
    );
    assert.equal(a.totalPence, fund);
  });

  test("a floor of £28,000 per unit lifts C and takes the difference pro rata from A and B", () => {
    const a = allocateFund(units, {
      fundPence: fund,
      method: "weighted",
      weights: METHOD_WEIGHTS("weighted"),
      floor: { kind: "amount", pence: 28_000_00 },
    });
    // C fixed at £28,000; A and B share £72,000 in 12 : 18 → £28,800 and £43,200.
    assert.deepEqual(
      a.lines.map((l) => l.pence),
      [28_800_00, 43_200_00, 28_000_00],
    );
    assert.deepEqual(
      a.lines.map((l) => l.bound),
      [null, null, "floor"],
    );
  });

  test("a cap of £2.80 per head holds A at £28,000; B and C share the rest 18 : 10, rounding by largest remainder", () => {
    const a = allocateFund(units, {
      fundPence: fund,
      method: "weighted",
      weights: METHOD_WEIGHTS("weighted"),
      cap: { kind: "per-head", pence: 280 },
    });
    // B £46,285.714…, C £25,714.285…: 1 penny left after rounding down goes to C (.57 > .43).
    assert.deepEqual(
      a.lines.map((l) => l.pence),
      [28_000_00, 4_628_571, 2_571_429],
    );
    assert.deepEqual(
      a.lines.map((l) => l.bound),
      ["cap", null, null],
    );
  });

  test("caps that cannot hold the fund are refused, naming the amounts", () => {
    assert.throws(
      () =>
        allocateFund(units, {
          fundPence: fund,
          method: "weighted",
          weights: METHOD_WEIGHTS("weighted"),
          cap: { kind: "per-head", pence: 220 },
        }),
      (e: Error) =>
        e instanceof FundingRequestError &&
        /the caps allow £88,000\.00 in all, less than the fund of £100,000\.00/.test(e.message),
    );
  });
});

// --- property tests -----------------------------------------------------------------------------------

function randomCase(seed: number) {
  const rnd = sfc32Uniform(seed);
  const n = 1 + Math.floor(rnd() * 60);
  const units: AllocationUnit[] = [];
  for (let i = 0; i < n; i++) {
    const list = 200 + Math.floor(rnd() ** 2 * 60_000);
    // Equal needs happen in real data (identical lists); make some.
    const same = i > 0 && rnd() < 0.1;
    const prev = units[i - 1];
    units.push(
      same && prev
        ? { ...prev, code: `P${String(i).padStart(3, "0")}`, practices: [`P${i}`] }
        : unit(`P${String(i).padStart(3, "0")}`, list, list * (0.7 + rnd() * 0.6), 5 + rnd() * 60),
    );
  }
  const fundPence =
    Math.floor(rnd() ** 3 * 5_000_000_000) + (rnd() < 0.05 ? 0 : 1) + (rnd() < 0.7 ? 100_000 : 0);
  const kinds = ["equal", "weighted", "need", "custom"] as const;
  const method = kinds[Math.floor(rnd() * 4)]!;
  let weights: Record<NeedComponent, number>;
  if (method === "custom") {
    const a = rnd();
    const b = rnd() * (1 - a);
    weights = { registered: a, weighted: b, hi: 1 - a - b };
  } else weights = METHOD_WEIGHTS(method, rnd() * 0.5);
  // Bounds: absolute (£ per unit), per head, or a share of equal per head; feasible by construction.
  // Bounds need a fund of some size (a real interval narrower than a penny has no whole-penny amount).
  const kind = fundPence >= 100_000 ? Math.floor(rnd() * 4) : 0;
  const totalList = units.reduce((a, u) => a + u.registered!, 0);
  const perHead = fundPence / totalList;
  let floor: Bound | undefined;
  let cap: Bound | undefined;
  if (kind === 1) {
    floor = rnd() < 0.7 ? { kind: "amount", pence: Math.floor((rnd() * 0.9 * fundPence) / n) } : undefined;
    cap = rnd() < 0.7 ? { kind: "amount", pence: Math.ceil((fundPence / n) * (1.1 + rnd() * 3)) } : undefined;
  } else if (kind === 2) {
    floor = rnd() < 0.7 ? { kind: "per-head", pence: perHead * rnd() * 0.95 } : undefined;
    cap = rnd() < 0.7 ? { kind: "per-head", pence: perHead * (1.05 + rnd() * 2) } : undefined;
  } else if (kind === 3) {
    floor = rnd() < 0.7 ? { kind: "share-of-equal", fraction: rnd() * 0.95 } : undefined;
    cap = rnd() < 0.7 ? { kind: "share-of-equal", fraction: 1.05 + rnd() * 2 } : undefined;
  }
  return {
    units,
    request: { fundPence, method, weights, ...(floor ? { floor } : {}), ...(cap ? { cap } : {}) },
  };
}

describe("allocation properties over 2,000 random funds, areas, weights and bounds", () => {
  const cases = Array.from({ length: 2000 }, (_, i) => randomCase(1000 + i));

  test("every allocation is whole pence and sums to the fund exactly", () => {
    for (const c of cases) {
      const a = allocateFund(c.units, c.request);
      let total = 0;
      for (const l of a.lines) {
        assert.ok(Number.isInteger(l.pence) && l.pence >= 0, `${l.code}: ${l.pence}`);
        total += l.pence;
      }
      assert.equal(total, c.request.fundPence);
    }
  });

  test("every unit is within its floor and cap", () => {
    for (const c of cases) {
      const a = allocateFund(c.units, c.request);
      for (const l of a.lines) {
        assert.ok(l.pence >= l.floorPence, `${l.code}: ${l.pence} < floor ${l.floorPence}`);
        if (l.capPence !== null)
          assert.ok(l.pence <= l.capPence, `${l.code}: ${l.pence} > cap ${l.capPence}`);
      }
    }
  });

  test("monotone in need: more need never gets less (per head when bounds are per head)", () => {
    for (const c of cases) {
      const a = allocateFund(c.units, c.request);
      const perHead =
        (c.request.floor?.kind !== undefined && c.request.floor.kind !== "amount") ||
        (c.request.cap !== undefined && c.request.cap.kind !== "amount");
      const key = (l: (typeof a.lines)[number]) => (perHead ? l.needShare / l.registered : l.needShare);
      const value = (l: (typeof a.lines)[number]) => (perHead ? l.pence / l.registered : l.pence);
      const slack = (l: (typeof a.lines)[number]) => (perHead ? 1 / l.registered : 1); // one penny
      const sorted = [...a.lines].sort((x, y) => key(x) - key(y));
      for (let i = 1; i < sorted.length; i++) {
        const lo = sorted[i - 1]!;
        const hi = sorted[i]!;
        if (key(hi) > key(lo) * (1 + 1e-12) || key(hi) === key(lo))
          assert.ok(
            value(hi) + slack(hi) + slack(lo) >= value(lo),
            `${hi.code} (need ${key(hi)}) got ${value(hi)} < ${lo.code} (need ${key(lo)}) ${value(lo)}`,
          );
      }
      // Without bounds: strictly more need never gets less, to the penny.
      if (!c.request.floor && !c.request.cap)
        for (let i = 1; i < sorted.length; i++)
          if (key(sorted[i]!) > key(sorted[i - 1]!)) assert.ok(sorted[i]!.pence >= sorted[i - 1]!.pence);
    }
  });

  test("each unbounded unit is within a penny of its exact share", () => {
    for (const c of cases.slice(0, 500)) {
      if (c.request.floor || c.request.cap) continue;
      const a = allocateFund(c.units, c.request);
      for (const l of a.lines)
        assert.ok(Math.abs(l.pence - l.unbounded) < 1 + 1e-6, `${l.code}: ${l.pence} vs ${l.unbounded}`);
    }
  });
});

describe("bad requests are refused with the field, what was expected and what was found", () => {
  const units = [unit("A", 10_000, 12_000, 40), unit("B", 20_000, 18_000, 20)];
  const weights = METHOD_WEIGHTS("need");
  const refuses = (f: () => unknown, message: RegExp) =>
    assert.throws(f, (e: Error) => e instanceof FundingRequestError && message.test(e.message));

  test("a negative or fractional fund", () => {
    refuses(
      () => allocateFund(units, { fundPence: -1, method: "need", weights }),
      /fund must be a whole number of pence ≥ 0; found -1/,
    );
    refuses(() => allocateFund(units, { fundPence: 1.5, method: "need", weights }), /found 1\.5/);
  });
  test("weights that do not sum to 1", () => {
    refuses(
      () =>
        allocateFund(units, {
          fundPence: 100,
          method: "custom",
          weights: { registered: 0.5, weighted: 0.4, hi: 0 },
        }),
      /weights must sum to 1; found registered 0\.5 \+ weighted 0\.4 \+ hi 0 = 0\.9/,
    );
  });
  test("a practice with no list", () => {
    refuses(
      () =>
        allocateFund([...units, unit("Z99999", null, null, 10)], {
          fundPence: 100,
          method: "equal",
          weights: METHOD_WEIGHTS("equal"),
        }),
      /a practice or network has no registered list: Z99999; leave it out \(--exclude\)/,
    );
  });
  test("a need component that a unit lacks", () => {
    refuses(
      () =>
        allocateFund([unit("A", 10, 10, null), unit("B", 10, 10, 5)], {
          fundPence: 100,
          method: "need",
          weights,
        }),
      /weight 'hi' needs a deprivation score for every unit; missing for A/,
    );
  });
  test("floors above the fund, and a floor above a cap", () => {
    refuses(
      () =>
        allocateFund(units, {
          fundPence: 100_00,
          method: "need",
          weights,
          floor: { kind: "amount", pence: 60_00 },
        }),
      /the floors need £120\.00 in all, more than the fund of £100\.00/,
    );
    refuses(
      () =>
        allocateFund(units, {
          fundPence: 100_00,
          method: "need",
          weights,
          floor: { kind: "amount", pence: 30_00 },
          cap: { kind: "amount", pence: 20_00 },
        }),
      /A: its floor £30\.00 is above its cap £20\.00/,
    );
  });
  test("no units", () => {
    refuses(() => allocateFund([], { fundPence: 100, method: "need", weights }), /no practices or networks/);
  });
});
