// Reading allocation requests as typed: funds, bounds, weights and methods, with exact error messages.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { FundingRequestError } from "../../../src/engines/funding/allocation.ts";
import {
  parseBound,
  parseMoney,
  parseShare,
  parseWeights,
  resolveMethod,
} from "../../../src/engines/funding/request.ts";

const refuses = (f: () => unknown, message: RegExp) =>
  assert.throws(
    f,
    (e: Error) => e instanceof FundingRequestError && message.test(e.message),
    String(message),
  );

describe("funds", () => {
  test("forms of an amount, in whole pence", () => {
    assert.equal(parseMoney("1000000", "--fund"), 100_000_000);
    assert.equal(parseMoney("£1,000,000.50", "--fund"), 100_000_050);
    assert.equal(parseMoney("1.5m", "--fund"), 150_000_000);
    assert.equal(parseMoney("250k", "--fund"), 25_000_000);
    assert.equal(parseMoney("0.07", "--fund"), 7);
    assert.equal(parseMoney("0", "--fund"), 0);
  });
  test("negative, malformed and over-precise funds are refused", () => {
    refuses(() => parseMoney("-5", "--fund"), /--fund must be an amount of money ≥ £0; found '-5'/);
    refuses(() => parseMoney("£-5", "--fund"), /≥ £0/);
    refuses(
      () => parseMoney("ten", "--fund"),
      /--fund must be an amount of money such as 1000000.*found 'ten'/,
    );
    refuses(() => parseMoney("1.234", "--fund"), /at most 2 decimal places\); found '1\.234'/);
    refuses(() => parseMoney("1,00,000", "--fund"), /found '1,00,000'/);
  });
});

describe("bounds", () => {
  test("£ per unit, £ per head, share of equal per head", () => {
    assert.deepEqual(parseBound("5000", "--floor"), { kind: "amount", pence: 500_000 });
    assert.deepEqual(parseBound("£5,000", "--floor"), { kind: "amount", pence: 500_000 });
    assert.deepEqual(parseBound("1.20/head", "--floor"), { kind: "per-head", pence: 120 });
    assert.deepEqual(parseBound("1.2 per head", "--cap"), { kind: "per-head", pence: 120 });
    assert.deepEqual(parseBound("90%", "--floor"), { kind: "share-of-equal", fraction: 0.9 });
  });
  test("bad bounds name the flag and the forms", () => {
    refuses(
      () => parseBound("lots", "--cap"),
      /--cap must be £ per unit \(5000 or £5,000\), £ per registered patient \(1\.20\/head\) or a share of equal per head \(90%\); found 'lots'/,
    );
    refuses(() => parseBound("-1/head", "--floor"), /--floor per head must be £ ≥ 0/);
  });
});

describe("weights and methods", () => {
  test("weights by component, with aliases and percentages", () => {
    assert.deepEqual(parseWeights("weighted:0.85,hi:0.15"), { registered: 0, weighted: 0.85, hi: 0.15 });
    assert.deepEqual(parseWeights("equal=20%, weighted=65%, hi=15%"), {
      registered: 0.2,
      weighted: 0.65,
      hi: 0.15,
    });
  });
  test("weights that do not sum to 1, unknown components, negatives", () => {
    refuses(
      () => parseWeights("weighted:0.8,hi:0.15"),
      /--weights must sum to 1; 'weighted:0\.8,hi:0\.15' sums to 0\.95/,
    );
    refuses(() => parseWeights("age:1"), /components registered, weighted, hi; found 'age:1'/);
    refuses(() => parseWeights("weighted:-0.5,hi:1.5"), /weighted must be a number ≥ 0; found '-0\.5'/);
  });
  test("methods resolve to their weights; need defaults to the 85/15 split", () => {
    assert.deepEqual(resolveMethod("equal").weights, { registered: 1, weighted: 0, hi: 0 });
    assert.deepEqual(resolveMethod("weighted").weights, { registered: 0, weighted: 1, hi: 0 });
    assert.deepEqual(resolveMethod(undefined).weights, { registered: 0, weighted: 0.85, hi: 0.15 });
    const w = resolveMethod("need", "0.3").weights;
    assert.ok(Math.abs(w.weighted - 0.7) < 1e-12 && w.hi === 0.3);
    assert.equal(resolveMethod(undefined, undefined, "registered:1").method, "custom");
  });
  test("conflicting or unknown method options", () => {
    refuses(() => resolveMethod("equal", "0.2"), /--hi-share applies to --method need; found --method equal/);
    refuses(() => resolveMethod("fair"), /--method must be equal, weighted, need or custom; found 'fair'/);
    refuses(() => resolveMethod("custom"), /--method custom needs --weights/);
    refuses(() => resolveMethod("need", undefined, "weighted:1"), /--weights sets the method to custom/);
    refuses(
      () => parseShare("1.5", "--hi-share"),
      /--hi-share must be a share between 0 and 1 \(or 0%–100%\); found '1\.5'/,
    );
  });
});
