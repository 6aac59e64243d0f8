// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// The network designer on real data: the January 2026 map with April 2025 lists, on practice sites
// (Delaunay adjacency). Staffordshire & Stoke-on-Trent (QNC) and Cornwall & the Isles of Scilly (QT6, whose
// St Mary's Health Centre on the Isles of Scilly has no neighbour). The share of networks in the 30–50k band
// must rise against today's map; the figures are printed as test diagnostics.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { loadNetworkInstance, type LoadedNetworkInstance } from "../../../src/app/network-instance.ts";
import { designNetworks, type DesignResult } from "../../../src/engines/networks/design/index.ts";
import type { Store } from "../../../src/store/store.ts";
import { importedStore, shared } from "../../helpers.ts";
import { disconnectedNetworks } from "./design-kit.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/gp-reg-pat-prac-map_2026-01.csv",
  "registrations/gp-reg-pat-prac-all_2025-04.csv",
];

const figures = (r: DesignResult) =>
  `today ${r.today.inBand}/${r.today.networks} PCNs in band, ${r.today.meanKm.toFixed(2)} km to the centre; ` +
  `design ${r.proposal.inBand}/${r.proposal.networks} in band, ${r.proposal.meanKm.toFixed(2)} km; ` +
  `${r.changes.practicesMoved} practices (${Math.round(r.changes.patientsMoved).toLocaleString("en-GB")} patients) moved; ` +
  `${r.relaxations.length} relaxations; ${r.seconds.toFixed(2)} s`;

function assertValid(loaded: LoadedNetworkInstance, r: DesignResult) {
  const n = loaded.instance.practiceCodes.length;
  const codes = r.networks.flatMap((x) => x.practices);
  assert.equal(codes.length, n);
  assert.equal(new Set(codes).size, n);
  assert.deepEqual(disconnectedNetworks(loaded.adjacency, r.assignment), []);
  for (const net of r.networks)
    if (net.band !== "in")
      assert.ok(
        net.waiver !== null || r.relaxations.some((x) => x.network === net.label),
        `${net.label} ${net.listSize} ${net.band} without a waiver or relaxation`,
      );
}

describe("network design on real data (practice sites)", () => {
  let store: Store;
  let qnc: LoadedNetworkInstance;
  let qt6: LoadedNetworkInstance;

  before(async () => {
    ({ store } = await importedStore(
      FILES.map((f) => shared(f)),
      { each: true, expect: "imported" },
    ));
    qnc = await loadNetworkInstance(store, { synthetic: false, icb: "QNC", graph: { basis: "delaunay" } });
    qt6 = await loadNetworkInstance(store, { synthetic: false, icb: "QT6", graph: { basis: "delaunay" } });
  });
  after(() => store.close());

  test("QNC: every network contiguous and in band; more networks in band than today; nearer centres", (t) => {
    const r = designNetworks(qnc.instance, qnc.adjacency, { date: qnc.picture.date, seed: 1 });
    t.diagnostic(`QNC ${figures(r)}`);
    assertValid(qnc, r);
    assert.equal(qnc.instance.practiceCodes.length, 141);
    assert.equal(r.today.networks, 25);
    assert.equal(r.today.inBand, 21);
    assert.equal(r.proposal.inBand, r.proposal.networks);
    assert.ok(r.proposal.inBand / r.proposal.networks > r.today.inBand / r.today.networks);
    assert.ok(r.proposal.cohesion < r.today.cohesion);
    assert.deepEqual(r.relaxations, []);
  });

  test("QNC: deterministic for a seed; a higher disruption weight moves fewer practices", (t) => {
    const a = designNetworks(qnc.instance, qnc.adjacency, {
      date: qnc.picture.date,
      seed: 7,
      disruptionWeight: 0,
    });
    const b = designNetworks(qnc.instance, qnc.adjacency, {
      date: qnc.picture.date,
      seed: 7,
      disruptionWeight: 0,
    });
    assert.deepEqual(a.assignment, b.assignment);
    const c = designNetworks(qnc.instance, qnc.adjacency, {
      date: qnc.picture.date,
      seed: 7,
      disruptionWeight: 5,
    });
    t.diagnostic(`QNC weight 0: ${figures(a)}`);
    t.diagnostic(`QNC weight 5: ${figures(c)}`);
    assertValid(qnc, c);
    assert.ok(c.changes.practicesMoved < a.changes.practicesMoved);
  });

  test("QT6: the Isles of Scilly practice has no neighbour, so it forms a waived network, named", (t) => {
    const r = designNetworks(qt6.instance, qt6.adjacency, { date: qt6.picture.date, seed: 1 });
    t.diagnostic(`QT6 ${figures(r)}`);
    assertValid(qt6, r);
    assert.deepEqual(
      r.relaxations.map((x) => [x.reason, x.practices]),
      [["isolated-practice", ["L82017"]]],
    );
    const scilly = r.networks.find((n) => n.practices.includes("L82017"))!;
    assert.deepEqual(scilly.practices, ["L82017"]);
    assert.equal(scilly.waiver, "relaxation");
    assert.ok(r.proposal.inBand / r.proposal.networks > r.today.inBand / r.today.networks);
  });
});
