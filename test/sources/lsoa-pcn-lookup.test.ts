import assert from "node:assert/strict";
import { readFileSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared } from "../helpers.ts";
import { rejectionTests, scalar, withLatin1Byte } from "./reggeo-kit.ts";

const HEADER = "LSOA11NM,LSOA11CD,PCN_Code,PCN_Name";
const row = (lsoa: string, pcn = "U04748") =>
  `Arun 002A ,${lsoa},${pcn},Angmering Coppice Fitzalan (ACF) PCN`;

describe("lsoa-pcn-lookup importer", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  test("West Sussex, February 2022: 507 LSOAs in 20 PCNs", async () => {
    const outcome = await importOne(store, shared("boundaries/sussex/lsoa11_to_pcn_west_sussex_2022-02.csv"));
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.result.rows, 507);
    assert.equal(outcome.result.dataset.referenceDate, "2022-02-01"); // from the file name
    assert.equal(outcome.result.dataset.scope, "west-sussex");
    assert.deepEqual(outcome.result.dataset.meta, {
      lsoaVintage: 2011,
      pcns: 20,
      referenceDateFrom: "the file name ('lsoa11_to_pcn_west_sussex_2022-02.csv')",
    });
    const id = outcome.datasetId;
    assert.equal(
      await scalar(store, sql`SELECT count(DISTINCT pcn_code) FROM lsoa_pcn_lookup WHERE dataset_id = ${id}`),
      20,
    );
  });

  test("every LSOA is a Sussex LSOA polygon and every PCN a West Sussex PCN polygon", async () => {
    for (const file of ["lsoa11_sussex_boundaries.geojson", "pcn_west_sussex_2022_boundaries.geojson"]) {
      const outcome = await importOne(store, shared("boundaries/sussex", file));
      assert.equal(outcome.status, "imported");
    }
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(*) FROM lsoa_pcn_lookup l JOIN boundary b ON b.code = l.lsoa_code AND b.level = 'lsoa11'`,
      ),
      507,
    );
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(DISTINCT l.pcn_code) FROM lsoa_pcn_lookup l JOIN boundary b ON b.code = l.pcn_code AND b.level = 'pcn'`,
      ),
      20,
    );
  });

  rejectionTests(() => store, "lsoa-pcn-lookup", [
    {
      name: "an LSOA assigned twice",
      file: "lookup_2022-02.csv",
      content: [HEADER, row("E01031386"), row("E01031387"), row("E01031386", "U01092")].join("\n"),
      message:
        /line 4, column 'LSOA11CD': expected each LSOA once \(one PCN per LSOA\), found 'E01031386' a second time/,
    },
    {
      name: "a truncated last line",
      file: "lookup_2022-02.csv",
      content: [HEADER, row("E01031386"), row("E01031387").slice(0, 25)].join("\n"),
      message: /line 3: expected 4 fields, found \d+ .*truncated/,
    },
    {
      name: "a renamed column",
      file: "lookup_2022-02.csv",
      content: [HEADER.replace("PCN_Code", "PCN"), row("E01031386")].join("\n"),
      message: /line 1: expected column 'PCN_Code' \(or 'PCN_CODE'\), found the columns/,
    },
    {
      name: "a malformed PCN code",
      file: "lookup_2022-02.csv",
      content: [HEADER, row("E01031386", "4748")].join("\n"),
      message: /line 2, column 'PCN_Code': expected a PCN code such as U04748, found '4748'/,
    },
    {
      name: "a malformed LSOA code",
      file: "lookup_2022-02.csv",
      content: [HEADER, row("Arun 002A")].join("\n"),
      message: /line 2, column 'LSOA11CD': expected an LSOA code such as E01031386, found 'Arun 002A'/,
    },
    {
      name: "a Latin-1 byte in the UTF-8 file",
      file: "lookup_2022-02.csv",
      content: withLatin1Byte(`${HEADER}\n${row("E01031386")}\nArun 002B ,E01031387,U04748,Caf`, " PCN"),
      message: /line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
    },
    {
      name: "an empty file",
      file: "lookup_2022-02.csv",
      content: "",
      message: /expected a header line and data rows, found an empty file/,
    },
    {
      name: "a file of another kind (LSOA centroids)",
      file: "centroids.csv",
      content: readFileSync(shared("boundaries/lsoa11_population_weighted_centroids.csv")).subarray(0, 3000),
      message: /line 1: expected column 'PCN_Code' \(or 'PCN_CODE'\), found the columns 'X', 'Y'/,
    },
  ]);
});
