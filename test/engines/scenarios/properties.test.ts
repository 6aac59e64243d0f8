// Properties every closure must keep, on seeded random ICBs (60 practices in a 30 × 30 km square, 1–4 of
// them closing, both models, every kind of cap): conservation in whole patients (before = after + not
// placed, per closing practice and for the map), no receiver past its capacity, no patient sent further
// than the limit, and the choice model's fractional flows agreeing with its whole-patient flows.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { haversineKm } from "../../../src/engines/networks/geo.ts";
import type { CapacityCap } from "../../../src/engines/scenarios/capacity.ts";
import { patientChoice, wholePatients } from "../../../src/engines/scenarios/choice.ts";
import { closePractices } from "../../../src/engines/scenarios/closure.ts";
import { candidatePairs } from "../../../src/engines/scenarios/dispersal.ts";
import { sfc32Uniform } from "../../../src/model/random.ts";
import type { Practice } from "../../../src/model/organisation.ts";
import { practice, RULES } from "./scenario-kit.ts";

function randomIcb(seed: number): Practice[] {
  const rnd = sfc32Uniform(seed);
  return Array.from({ length: 60 }, (_, i) =>
    practice({
      code: `R${String(i).padStart(5, "0")}`,
      km: rnd() * 30,
      northKm: rnd() * 30,
      list: rnd() < 0.03 ? null : Math.round(1500 + rnd() * 15_000),
      pcn: `U${String(10 + (i % 7)).padStart(5, "0")}`,
      gpFte: rnd() < 0.1 ? null : Math.round((0.5 + rnd() * 8) * 100) / 100,
      weighted: rnd() < 0.2 ? null : Math.round(2000 + rnd() * 15_000),
    }),
  );
}

const CAPS: CapacityCap[] = [
  { kind: "growth-percent", percent: 5 },
  { kind: "growth-percent", percent: 20 },
  { kind: "growth-patients", patients: 300 },
  { kind: "per-gp-fte", patients: 2200 },
];

describe("closure properties on random ICBs", () => {
  test("conservation, capacity and distance hold for every seed, model, cap and limit", () => {
    let cases = 0;
    for (let seed = 1; seed <= 12; seed++) {
      const practices = randomIcb(seed);
      const rnd = sfc32Uniform(1000 + seed);
      const closing = [
        ...new Set(Array.from({ length: 1 + Math.floor(rnd() * 4) }, () => Math.floor(rnd() * 60))),
      ].map((i) => practices[i]!.code);
      for (const model of ["nearest", "choice"] as const)
        for (const cap of CAPS)
          for (const maxKm of [2, 6, 15]) {
            const r = closePractices({ date: "2026-01-01", practices, rules: RULES }, closing, {
              model,
              cap,
              maxKm,
              choice: { decayPerKm: 0.3 + (seed % 3) * 0.4, attractivenessExponent: seed % 2 },
            });
            cases++;
            const label = `seed ${seed} ${model} ${JSON.stringify(cap)} ${maxKm} km`;
            assert.equal(r.totals.patientsBefore, r.totals.patientsAfter + r.notPlaced.total, label);
            assert.equal(r.totals.toRehome, r.totals.placed + r.notPlaced.total, label);
            for (const c of r.closed) {
              assert.equal(c.listSize, c.placed + c.notPlaced.total, `${label} ${c.code}`);
              assert.equal(
                c.notPlaced.total,
                c.notPlaced.noPracticeInRange + c.notPlaced.allFull + c.notPlaced.noLocation,
              );
              assert.equal(
                c.placed,
                c.receivers.reduce((a, x) => a + x.patients, 0),
              );
            }
            const site = new Map(practices.map((p) => [p.code, p]));
            for (const x of r.receivers) {
              assert.ok(Number.isInteger(x.gain) && x.gain > 0, label);
              assert.ok(
                x.capacity !== null && x.gain <= x.capacity,
                `${label}: ${x.code} +${x.gain} > ${x.capacity}`,
              );
              if (cap.kind === "per-gp-fte") assert.ok(x.listAfter <= cap.patients * x.gpFte! + 1e-9, label);
              if (cap.kind === "growth-percent")
                assert.ok(x.gain <= (x.listBefore * cap.percent) / 100 + 1e-9, label);
              assert.ok(!closing.includes(x.code), `${label}: a closing practice receives`);
              for (const f of x.from) {
                const a = site.get(f.code)!;
                const b = site.get(x.code)!;
                const d = haversineKm(a.site.lat!, a.site.lon!, b.site.lat!, b.site.lon!);
                assert.ok(d <= maxKm + 1e-9, `${label}: ${f.code} → ${x.code} is ${d.toFixed(2)} km`);
              }
            }
            // A patient left unplaced as "all full" means every practice in range was full.
            if (r.notPlaced.allFull > 0 && model === "nearest")
              for (const x of r.receivers) assert.ok(x.capacity !== null);
          }
    }
    assert.equal(cases, 12 * 2 * CAPS.length * 3);
  });

  test("whole-patient flows stay within one patient of the fractional choice flows and never overfill", () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rnd = sfc32Uniform(seed);
      const nO = 30;
      const nR = 12;
      const problem = {
        origins: {
          patients: Float64Array.from({ length: nO }, () => Math.floor(rnd() * 400)),
          lat: Float64Array.from({ length: nO }, () => rnd() * 0.1),
          lon: Float64Array.from({ length: nO }, () => rnd() * 0.1),
        },
        receivers: {
          lat: Float64Array.from({ length: nR }, () => rnd() * 0.1),
          lon: Float64Array.from({ length: nR }, () => rnd() * 0.1),
          attractiveness: Float64Array.from({ length: nR }, () => 1000 + rnd() * 9000),
          capacity: Float64Array.from({ length: nR }, () => Math.floor(rnd() * 900)),
        },
        maxKm: 6,
      };
      const pairs = candidatePairs(problem);
      const frac = patientChoice(problem, pairs, { decayPerKm: 0.6, attractivenessExponent: 1 });
      const whole = wholePatients(problem, pairs, frac);
      const taken = new Float64Array(nR);
      for (let o = 0; o < nO; o++) {
        let sum = whole.unplaced[o]!;
        let fsum = frac.unplaced[o]!;
        for (let e = pairs.offsets[o]!; e < pairs.offsets[o + 1]!; e++) {
          sum += whole.amount[e]!;
          fsum += frac.amount[e]!;
          taken[pairs.receiver[e]!]! += whole.amount[e]!;
          assert.ok(Number.isInteger(whole.amount[e]!));
          assert.ok(pairs.km[e]! <= 6);
        }
        assert.equal(sum, problem.origins.patients[o]);
        assert.ok(Math.abs(fsum - problem.origins.patients[o]!) < 1e-6);
      }
      for (let r = 0; r < nR; r++) {
        assert.ok(taken[r]! <= problem.receivers.capacity[r]!, `seed ${seed}: receiver ${r} overfilled`);
        let f = 0;
        for (let e = 0; e < pairs.receiver.length; e++) if (pairs.receiver[e] === r) f += frac.amount[e]!;
        assert.ok(f <= problem.receivers.capacity[r]! + 1e-6);
      }
    }
  });
});
