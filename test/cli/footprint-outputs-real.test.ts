// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// On the real August 2026 map (after the April 2026 mergers), the July 2026 list sizes, the ODS list of
// the sub-ICB locations the change renamed and the FY2023–FY2025 practice workforce: the workforce and
// listing outputs for Staffordshire and Stoke-on-Trent (QNC) name the footprint they use, "ICB footprint
// from 2026-04-01 (36 ICBs; membership as published in the August 2026 map)", through the CLI (in process)
// and the API; funding entitlements, with no payments file to weight the lists by, is refused and says
// what to load. The 36 ICBs and QNC's practices are counted from the map file with papaparse.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import type { Store } from "../../src/store/store.ts";
import { LISTS_JUL, MAPS, RENAMED, mapRecords } from "../engines/footprints/kit.ts";
import { holdCliStores, importedDataDir, importedStore, runCliInProcess, shared } from "../helpers.ts";

holdCliStores();

const PARTNERS = "workforce/heec_practice_workforce_fy2023-2025_partners.csv";
const FILES = [MAPS.aug, LISTS_JUL, RENAMED, PARTNERS];

const aug = mapRecords(MAPS.aug);
const ICBS = new Set(aug.map((r) => r.ICB_CODE)).size;
const QNC = aug.filter((r) => r.ICB_CODE === "QNC").length;
const FOOTPRINT = `ICB footprint from 2026-04-01 (${ICBS} ICBs; membership as published in the August 2026 map)`;
const escaped = FOOTPRINT.replace(/[()]/g, "\\$&");

let dataDir: string;
let remove: () => void;

before(async () => {
  ({ dataDir, remove } = await importedDataDir(
    FILES.map((f) => shared(f)),
    { expect: "imported" },
  ));
});
after(() => remove?.());

describe("the footprint named by the outputs for QNC on the real August 2026 map", () => {
  const cli = async (...args: string[]) => {
    const r = await runCliInProcess(["--data-dir", dataDir, ...args]);
    assert.equal(r.status, 0, `${args.join(" ")}: ${r.stderr}`);
    return r.stdout;
  };

  test("the map file has 36 ICBs, the footprint since the April 2026 change", () => {
    assert.equal(ICBS, 36);
    assert.ok(QNC > 100, `${QNC} practices in QNC`);
  });

  test("funding entitlements --icb QNC with no payments file is refused, naming what to import", async () => {
    // Entitlements are paid per weighted patient; this store has lists but no NHS Payments file to weight
    // them by, so a table of £0 for QNC's practices would read as a fact. (The footprint line of the
    // funding commands is checked on the demo, test/cli/footprint-outputs.test.ts.)
    const r = await runCliInProcess(["--data-dir", dataDir, "funding", "entitlements", "--icb", "QNC"]);
    assert.equal(r.status, 2, r.stdout + r.stderr);
    assert.equal(r.stdout, "");
    assert.match(
      r.stderr,
      new RegExp(
        `^icsplan: no weighted populations for the ${QNC} practices of NHS Staffordshire and Stoke-on-Trent ` +
          "Integrated Care Board \\(QNC\\): .*no NHS Payments to General Practice file is loaded.*icsplan import payments/",
      ),
    );
  });

  test("practices and PCNs of QNC, and its workforce partners and risk, name the footprint", async () => {
    assert.match(
      await cli("practices", "--icb", "QNC"),
      new RegExp(`\\n${QNC} practices \\(map of August 2026\\)\\n${escaped}\\n$`),
    );
    assert.match(
      await cli("pcns", "--icb", "QNC"),
      new RegExp(`PCNs \\(map of August 2026\\)\\n${escaped}\\n$`),
    );
    assert.match(
      await cli("workforce", "partners", "--icb", "QNC"),
      new RegExp(`\\nFootprint: ${escaped}\\n`),
    );
    assert.match(await cli("workforce", "risk", "--icb", "QNC"), new RegExp(`\\nFootprint: ${escaped}\\n`));
  });

  describe("the API", () => {
    let store: Store;
    before(async () => {
      // A copy of its own: the CLI's commands hold theirs open.
      ({ store } = await importedStore(FILES.map((f) => shared(f))));
    });
    after(async () => store?.close());

    test("funding, listings and workforce results carry the footprint", async () => {
      const api = createApi(store);
      const refused = await api.request("/api/funding/entitlements?icb=QNC");
      assert.equal(refused.status, 422);
      assert.match(((await refused.json()) as { detail: string }).detail, /no weighted populations/);
      for (const path of [
        "/api/practices?icb=QNC",
        "/api/pcns?icb=QNC",
        "/api/workforce/partners?icb=QNC",
        "/api/workforce/risk?icb=QNC",
      ]) {
        const res = await api.request(path);
        assert.equal(res.status, 200, `${path}: ${await res.clone().text()}`);
        assert.equal(((await res.json()) as { footprint: string }).footprint, FOOTPRINT, path);
      }
    });
  });
});
