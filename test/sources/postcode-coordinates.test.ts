import { deleteDatasets } from "../../src/store/datasets.ts";
import assert from "node:assert/strict";
import { readFileSync, utimesSync } from "node:fs";
import { after, before, describe, test } from "node:test";
import { sql, type Store } from "../../src/store/store.ts";
import { importOne, memoryStore, shared, tempFile } from "../helpers.ts";
import { csvColumn, rejectionTests, scalar, withLatin1Byte } from "./reggeo-kit.ts";

const HEADER =
  "postcode,positional_quality_indicator,eastings,northings,country_code,nhs_regional_ha_code,nhs_ha_code,admin_county_code,admin_district_code,admin_ward_code,longitude,latitude,source_files";
const row = (postcode: string, easting = "444356", lon = "-1.316946") =>
  `${postcode},10,${easting},518724,E92000001,E19000001,E18000001,,E06000004,E05001526,${lon},54.566978,map_2026-01`;

/** Metres between two WGS84 points (equirectangular; fine at these distances). */
const metres = (a: { lat: number; lon: number }, b: { lat: number; lon: number }) =>
  Math.hypot((a.lat - b.lat) * 111320, (a.lon - b.lon) * 111320 * Math.cos((a.lat * Math.PI) / 180));

describe("postcode-coordinates importer", () => {
  let store: Store;
  before(async () => (store = await memoryStore()));
  after(async () => store.close());

  test("October 2025 practice-postcode subset: 10,719 postcodes, normalised", async () => {
    const outcome = await importOne(
      store,
      shared("practices/practice_postcode_coordinates_codepoint_2025-10.csv"),
    );
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.result.rows, 10719);
    // Code-Point rows carry no date: the month is the one in the file name.
    assert.equal(outcome.result.dataset.referenceDate, "2025-10-01");
    assert.match(outcome.result.notes.join(" "), /taken from the file name/);
    const ts18 = await store.db
      .selectFrom("postcode_location")
      .selectAll()
      .where("dataset_id", "=", outcome.datasetId)
      .where("postcode", "=", "TS181HU")
      .executeTakeFirstOrThrow();
    assert.equal(ts18.postcode_display, "TS18 1HU");
    assert.equal(ts18.quality, 10);
    assert.ok(Math.abs(ts18.lat - 54.56) < 0.05 && Math.abs(ts18.lon + 1.31) < 0.05);
    const spaced = await scalar(
      store,
      sql`SELECT count(*) FROM postcode_location WHERE postcode LIKE '% %' OR postcode <> upper(postcode)`,
    );
    assert.equal(spaced, 0);
  });

  test("every practice postcode of the January 2026 map is found", async () => {
    const mapPostcodes = new Set(
      csvColumn(shared("registrations/gp-reg-pat-prac-map_2026-01.csv"), "PRACTICE_POSTCODE").map((p) =>
        p.toUpperCase().replaceAll(" ", ""),
      ),
    );
    assert.equal(mapPostcodes.size, 5638);
    const rows = await store.db.selectFrom("postcode_location").select("postcode").execute();
    const found = new Set(rows.map((r) => r.postcode));
    assert.equal([...mapPostcodes].filter((p) => found.has(p)).length, 5638);
  });

  test("raw Code-Point Open area files: grid references converted to WGS84 within a metre of pyproj", async () => {
    // Three postcodes from the subset, in the raw headerless layout (7-character postcodes), plus one
    // that Code-Point cannot place (quality 90).
    const raw = [
      `"TS181HU",10,444136,518701,"E92000001","E19000001","E18000001","","E06000004","E05001526"`,
      `"TS182AW",10,444458,519543,"E92000001","E19000001","E18000001","","E06000004","E05001526"`,
      `"TS1 9ZZ",90,0,0,"E92000001","","","","",""`,
    ].join("\r\n");
    const path = tempFile("ts.csv", raw);
    utimesSync(path, new Date("2024-03-15T12:00:00Z"), new Date("2024-03-15T12:00:00Z"));
    const outcome = await importOne(store, path);
    assert.equal(outcome.status, "imported");
    if (outcome.status !== "imported") return;
    assert.equal(outcome.format.id, "postcode-coordinates");
    assert.equal(outcome.result.rows, 2);
    assert.equal(outcome.result.dataset.referenceDate, "2024-03-01"); // the file's modification month
    assert.equal(outcome.result.dataset.scope, "areas:TS");
    const notes = outcome.result.notes.join(" ");
    assert.match(notes, /from the file's modification time/);
    assert.match(notes, /1 postcode\(s\) without coordinates \(quality 90\) were left out/);
    const subset = readFileSync(
      shared("practices/practice_postcode_coordinates_codepoint_2025-10.csv"),
      "utf8",
    )
      .split("\n")
      .filter((l) => /^TS18 (1HU|2AW),/.test(l))
      .map((l) => l.split(","));
    assert.equal(subset.length, 2);
    for (const f of subset) {
      const got = await store.db
        .selectFrom("postcode_location")
        .select(["lat", "lon", "postcode_display"])
        .where("dataset_id", "=", outcome.datasetId)
        .where("postcode", "=", f[0]!.replace(" ", ""))
        .executeTakeFirstOrThrow();
      assert.equal(got.postcode_display, f[0]);
      assert.ok(metres(got, { lat: Number(f[11]), lon: Number(f[10]) }) < 1);
    }
    await deleteDatasets(store.db, [outcome.datasetId]);
  });

  rejectionTests(() => store, "postcode-coordinates", [
    {
      name: "a duplicate postcode (written two ways)",
      file: "codepoint_2025-10.csv",
      content: [HEADER, row("TS18 1HU"), row("TS181HU")].join("\n"),
      message: /line 3, column 'postcode': expected each postcode once, found 'TS181HU' a second time/,
    },
    {
      name: "a truncated last line",
      file: "codepoint_2025-10.csv",
      content: [HEADER, row("TS18 1HU"), row("TS18 2AW").slice(0, 30)].join("\n"),
      message: /line 3: expected 13 fields, found \d+ .*truncated/,
    },
    {
      name: "a renamed column",
      file: "codepoint_2025-10.csv",
      content: [HEADER.replace("latitude", "lat_wgs84"), row("TS18 1HU")].join("\n"),
      message: /line 1: expected column 'latitude' beside 'longitude'/,
    },
    {
      name: "a missing postcode column",
      file: "codepoint_2025-10.csv",
      content: [HEADER.replace("postcode,", "pcd,"), row("TS18 1HU")].join("\n"),
      message: /line 1: expected column 'postcode' \(or 'PC'\)/,
    },
    {
      name: "non-numeric eastings",
      file: "codepoint_2025-10.csv",
      content: [HEADER, row("TS18 1HU", "44435six")].join("\n"),
      message: /line 2, column 'eastings': expected a number, found '44435six'/,
    },
    {
      name: "a longitude outside Great Britain",
      file: "codepoint_2025-10.csv",
      content: [HEADER, row("TS18 1HU", "444356", "-31.3")].join("\n"),
      message: /line 2, column 'longitude': expected a number from -9 to 3, found '-31.3'/,
    },
    {
      name: "a malformed postcode",
      file: "codepoint_2025-10.csv",
      content: [HEADER, row("TS18 1H")].join("\n"),
      message: /line 2, column 'postcode': expected a UK postcode/,
    },
    {
      name: "a Latin-1 byte in the UTF-8 file",
      file: "codepoint_2025-10.csv",
      content: withLatin1Byte(`${HEADER}\n${row("TS18 1HU")}\n`, row("TS18 2AW")),
      message: /line 3: expected UTF-8 text, found bytes that are not valid UTF-8/,
    },
    {
      name: "an empty file",
      file: "codepoint_2025-10.csv",
      content: "",
      message: /expected a header line and data rows, found an empty file/,
    },
    {
      name: "a header with no rows",
      file: "codepoint_2025-10.csv",
      content: HEADER,
      message: /expected at least one data row, found only a header line/,
    },
    {
      name: "a file of another kind (epraccur)",
      file: "epraccur.csv",
      content: readFileSync(shared("practices/epraccur_2026-02.csv")).subarray(0, 1000),
      message: /line 1: expected column 'postcode' \(or 'PC'\)/,
    },
  ]);
});
