// Test tier: heavy (end to end through the CLI); run by `npm run test:heavy` and CI, not by `npm test`.
// The 2026 files of ../shared/data, imported as a user would and checked against the files themselves
// (figures from the files' PROVENANCE notes, recomputed independently with awk/python): the July 2026
// practice age × sex registrations read straight from the published ZIP, the June 2026 PCN workforce
// census ZIP, the August 2026 map, LSOA 2021 centroids, polygons and lookups, local-authority and 2026 ICB
// polygons, and practice IMD 2025 scores; then the picture, catchments and LSOA geography built from them.
import assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { areaLsoas } from "../../src/app/area-lsoas.ts";
import { importFiles, type FileOutcome } from "../../src/app/import-files.ts";
import { loadCatchments } from "../../src/store/repositories/catchments.ts";
import { loadPicture } from "../../src/app/load-picture.ts";
import { pictureCaveats } from "../../src/model/picture.ts";
import { openStore, sql, type Store } from "../../src/store/store.ts";
import { cliEntry, runCliInProcess, shared, snapshot, tempDir } from "../helpers.ts";
import { scalar } from "../sources/reggeo-kit.ts";

const FILES = [
  "practices/epraccur_2026-02.csv",
  "practices/practice_postcode_coordinates_codepoint_2025-10.csv",
  "registrations/2026-07",
  "registrations/2026-08/gp-reg-pat-prac-map_2026-08.csv",
  "registrations/lsoa_subset_2025-10_staffs_stoke",
  "boundaries/lsoa21",
  "boundaries/lookups",
  "boundaries/lad",
  "boundaries/icb_2026-04",
  "deprivation/iod2025_imd_rank_decile_lsoa21.csv",
  "deprivation/practice_imd2025",
  "workforce/pcn_individual_level_2026-06",
];
const AGE_ZIP = "registrations/2026-07/gp-reg-pat-prac-quin-age_2026-07.zip › gp-reg-pat-prac-quin-age.csv";
const PCN_ZIP = "workforce/pcn_individual_level_2026-06/PCNWFIndividualCSV.062026.zip";

describe("the 2026 files, end to end", () => {
  const dir = tempDir("icsplan-fresh-");
  const dataDir = join(dir, "store");
  let store: Store;
  let outcomes: FileOutcome[] = [];
  const outcome = (suffix: string) => {
    const o = outcomes.find((x) => x.file.label.endsWith(suffix));
    assert.ok(o, `no outcome for ${suffix}`);
    return o;
  };
  const datasetOf = (suffix: string) => {
    const o = outcome(suffix);
    assert.equal(o.status, "imported", o.status === "rejected" ? o.error : o.status);
    return o.status === "imported" ? o.datasetId : -1;
  };

  before(async () => {
    store = await openStore({ dataDir });
    // Folders are given with their parent as the label root, as `icsplan import ../shared/data` would.
    outcomes = await importFiles(
      store,
      FILES.map((f) => shared(f)),
    );
    outcomes = outcomes.map((o) => ({
      ...o,
      file: {
        ...o.file,
        label: o.file.path.startsWith(shared()) ? relabel(o.file.label, o.file.path) : o.file.label,
      },
    })) as FileOutcome[];
  });
  after(async () => store?.close());

  test("every file is imported, none rejected; documentation is skipped with its reason", () => {
    const rejected = outcomes.filter((o) => o.status === "rejected");
    assert.deepEqual(rejected, []);
    const skipped = outcomes.filter((o) => o.status === "skipped");
    for (const s of skipped) assert.match(s.file.label, /PROVENANCE[^/]*\.md$|\.xlsx$|\.pdf$/, s.file.label);
    const inZip = skipped
      .filter((s) => s.file.label.includes(" › "))
      .map((s) => s.status === "skipped" && s.reason);
    assert.deepEqual(inZip.sort(), [
      "a PDF document (documentation, not data) (inside the archive)",
      "a spreadsheet workbook: icsplan reads the CSV, CSV.gz, GeoJSON and ZIP files the NHS and ONS publish beside their workbooks (inside the archive)",
    ]);
    assert.equal(outcomes.filter((o) => o.status === "imported").length, 19);
  });

  test("July 2026 from the published ZIP: 6,139 practices, 63,436,508 patients = the 7 regions", async () => {
    const id = datasetOf(AGE_ZIP);
    const totals = await store.db
      .selectFrom("practice_list")
      .select((eb) => [eb.fn.countAll<string>().as("n"), eb.fn.sum<string>("patients").as("patients")])
      .where("dataset_id", "=", id)
      .where("sex", "=", "ALL")
      .where("age", "=", "ALL")
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(totals.n), Number(totals.patients)], [6139, 63_436_508]);
    const regions = await scalar(
      store,
      sql`SELECT sum(patients) FROM org_age_sex WHERE dataset_id = ${id} AND org_type = 'REGION' AND sex = 'ALL' AND age = 'ALL'`,
    );
    assert.equal(regions, 63_436_508);
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(DISTINCT org_code) FROM org_age_sex WHERE dataset_id = ${id} AND org_type = 'REGION'`,
      ),
      7,
    );
  });

  test("every practice has 40 age × sex bands (female and male, 0_4 … 95+) summing to its total", async () => {
    const id = datasetOf(AGE_ZIP);
    const rows = await sql<{ practice_code: string; bands: string; band_sum: string; total: string }>`
      SELECT practice_code,
             count(*) FILTER (WHERE sex <> 'ALL' AND age <> 'ALL') AS bands,
             sum(patients) FILTER (WHERE sex <> 'ALL' AND age <> 'ALL') AS band_sum,
             sum(patients) FILTER (WHERE sex = 'ALL' AND age = 'ALL') AS total
      FROM practice_list WHERE dataset_id = ${id} GROUP BY practice_code`.execute(store.db);
    assert.equal(rows.rows.length, 6139);
    const wrong = rows.rows.filter((r) => Number(r.bands) !== 40 || r.band_sum !== r.total);
    assert.deepEqual(wrong, []);
    const ages = await sql<{ age: string }>`
      SELECT DISTINCT age FROM practice_list WHERE dataset_id = ${id} AND age <> 'ALL'`.execute(store.db);
    assert.equal(ages.rows.length, 20);
    assert.ok(ages.rows.some((r) => r.age === "95+") && ages.rows.some((r) => r.age === "0_4"));
  });

  test("the totals extract is kept beside the full file (scope 'totals') with the same totals", async () => {
    const id = datasetOf("gp-reg-pat-prac-all_2026-07_from-quin-age.csv");
    const meta = await store.db
      .selectFrom("dataset")
      .select("meta")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal((meta.meta as { scope: string }).scope, "totals");
    assert.equal(
      await scalar(store, sql`SELECT sum(patients) FROM practice_list WHERE dataset_id = ${id}`),
      63_436_508,
    );
  });

  test("the default picture: the August 2026 map (6,129 practices, 36 ICBs) with the July 2026 lists", async () => {
    const picture = await loadPicture(store.db, { synthetic: false });
    assert.equal(picture.date, "2026-08-01");
    assert.equal(picture.sources.lists?.referenceDate, "2026-07-01");
    assert.equal(picture.sources.lists?.source, "gp-reg-pat-prac-quin-age"); // the full file, not the extract
    assert.equal(picture.practices.length, 6129);
    assert.equal(new Set(picture.practices.map((p) => p.icb.code)).size, 36);
    const qnc = picture.practices.filter((p) => p.icb.code === "QNC");
    assert.equal(qnc.length, 140);
    assert.equal(
      qnc.reduce((s, p) => s + (p.listSize ?? 0), 0),
      1_205_104,
    );
    // Practice deprivation from the IMD 2025 scores (6,091 of the map's practices are in the file), in
    // national deciles of the file's 6,143 practices.
    const scored = picture.practices.filter((p) => p.deprivation?.basis.startsWith("IMD 2025"));
    assert.equal(scored.length, 6091);
    const q1 = scored.filter((p) => p.deprivation!.decile <= 2).length;
    assert.ok(q1 > 0.18 * 6091 && q1 < 0.22 * 6091, String(q1));
    const a = picture.practices.find((p) => p.code === "A81001")!;
    assert.equal(a.deprivation?.score, 33.519);
    // The two practices whose postcodes are not in the October 2025 coordinates file: placed at their
    // sector's centroid, flagged, and named in a caveat.
    const approximate = picture.practices.filter((p) => p.site.approximate);
    assert.deepEqual(
      approximate.map((p) => [p.code, p.site.approximate]),
      [
        ["G81071", "sector BN1 9 (2 postcodes)"],
        ["P84678", "sector M20 2 (4 postcodes)"],
      ],
    );
    assert.equal(picture.practices.filter((p) => p.site.lat === null).length, 0);
    assert.ok(
      pictureCaveats(picture).some((c) => /2 practices' postcodes are not in the coordinates file/.test(c)),
    );
  });

  test("the July 2026 map joins the July lists of the same month (QNC 140 practices, 1,205,104 patients)", async () => {
    const picture = await loadPicture(store.db, { synthetic: false, date: "2026-07-01" });
    assert.equal(picture.date, "2026-07-01");
    assert.equal(picture.practices.length, 6139);
    assert.equal(
      picture.practices.reduce((s, p) => s + (p.listSize ?? 0), 0),
      63_436_508,
    );
    assert.ok(!picture.caveats.some((c) => /older than/.test(c)), picture.caveats.join("; "));
  });

  test("June 2026 PCN workforce census from its ZIP: 39,940 records in 1,271 PCNs", async () => {
    const id = datasetOf(`${PCN_ZIP} › 1.Primary Care Networks - June 2026 Individual Level.csv`);
    const r = await store.db
      .selectFrom("pcn_workforce")
      .select((eb) => [
        eb.fn.countAll<string>().as("n"),
        eb.fn.count<string>("pcn_code").distinct().as("pcns"),
      ])
      .where("dataset_id", "=", id)
      .executeTakeFirstOrThrow();
    assert.deepEqual([Number(r.n), Number(r.pcns)], [39_940, 1_271]);
    const d = await store.db
      .selectFrom("dataset")
      .select("reference_date")
      .where("id", "=", id)
      .executeTakeFirstOrThrow();
    assert.equal(d.reference_date, "2026-06-01");
  });

  test("LSOA 2021: 33,755 English centroids; polygons 35,672 (England and Wales) and 697 for Staffordshire", async () => {
    const centroids = datasetOf("lsoa21_population_weighted_centroids_ew_v3.csv");
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(*) FROM lsoa_centroid WHERE dataset_id = ${centroids} AND lsoa_code LIKE 'E%' AND vintage = 2021`,
      ),
      33_755,
    );
    const ew = datasetOf("lsoa21_bsc_v4_ew.geojson.gz");
    assert.equal(
      await scalar(store, sql`SELECT count(*) FROM boundary WHERE dataset_id = ${ew} AND level = 'lsoa21'`),
      35_672,
    );
    const staffs = datasetOf("lsoa21_bsc_v4_staffs_stoke.geojson");
    assert.equal(await scalar(store, sql`SELECT count(*) FROM boundary WHERE dataset_id = ${staffs}`), 697);
  });

  test("the three ONS lookups, and local-authority and April 2026 ICB polygons", async () => {
    const nhs = datasetOf("lsoa21_sicbl24_icb24_en_apr2024.csv");
    assert.equal(
      await scalar(store, sql`SELECT count(*) FROM lsoa_nhs_area WHERE dataset_id = ${nhs}`),
      33_755,
    );
    assert.equal(
      await scalar(store, sql`SELECT count(DISTINCT icb_code) FROM lsoa_nhs_area WHERE dataset_id = ${nhs}`),
      42,
    );
    const la = datasetOf("lsoa21_ward24_lad24_ew.csv");
    assert.equal(
      await scalar(store, sql`SELECT count(*) FROM lsoa_local_authority WHERE dataset_id = ${la}`),
      35_672,
    );
    assert.equal(
      await scalar(
        store,
        sql`SELECT count(DISTINCT lad_code) FROM lsoa_local_authority WHERE dataset_id = ${la} AND lad_code LIKE 'E%'`,
      ),
      296,
    );
    // The best-fit quirk of the ward lookup (PROVENANCE): West Northamptonshire 048E is fitted to Cherwell.
    const quirk = await store.db
      .selectFrom("lsoa_local_authority")
      .select(["lad_code", "lad_name"])
      .where("dataset_id", "=", la)
      .where("lsoa_code", "=", "E01027305")
      .executeTakeFirstOrThrow();
    assert.deepEqual(quirk, { lad_code: "E07000177", lad_name: "Cherwell" });
    const link = outcome("lsoa11_lsoa21_lad22_ew.csv");
    assert.equal(link.status, "imported");
    if (link.status === "imported")
      assert.deepEqual((link.result.dataset.meta as { changes: Record<string, number> }).changes, {
        U: 33_647,
        S: 1_900,
        M: 239,
        X: 9,
      });
    const lad = datasetOf("lad24_may2024_uk_buc.geojson");
    assert.equal(
      await scalar(store, sql`SELECT count(*) FROM boundary WHERE dataset_id = ${lad} AND level = 'lad'`),
      361,
    );
    assert.equal(
      await scalar(store, sql`SELECT count(*) FROM boundary WHERE dataset_id = ${lad} AND code LIKE 'E%'`),
      296,
    );
    const icb = datasetOf("ons-icb-april-2026-bsc.geojson");
    const d = await store.db
      .selectFrom("dataset")
      .select("reference_date")
      .where("id", "=", icb)
      .executeTakeFirstOrThrow();
    assert.equal(d.reference_date, "2026-04-01");
    assert.equal(
      await scalar(store, sql`SELECT count(*) FROM boundary WHERE dataset_id = ${icb} AND level = 'icb'`),
      36,
    );
  });

  test("QNC catchments place every LSOA 2021 at its own 2021 centroid (no 2011 or practice-site fallback)", async () => {
    const picture = await loadPicture(store.db, { synthetic: false });
    const codes = picture.practices.filter((p) => p.icb.code === "QNC").map((p) => p.code);
    const loaded = await loadCatchments(store.db, {
      synthetic: false,
      practiceCodes: codes,
      date: picture.date,
    });
    assert.ok(loaded);
    assert.equal(loaded.lsoaVintage, 2021);
    assert.equal(loaded.centroids.otherVintage, 0);
    assert.equal(loaded.centroids.missing, 0);
    assert.equal(loaded.centroids.sameVintage, loaded.catchments.lsoaCodes.length);
  });

  test("QNC's 697 LSOAs: nine whole local authorities, each LSOA with its polygon and IMD 2025 decile", async () => {
    const r = await areaLsoas(store, { synthetic: false, area: "QNC", geometry: true });
    assert.equal(r.lsoas.length, 697);
    assert.equal(r.lsoas.filter((l) => l.geometry !== null).length, 697);
    assert.equal(r.lsoas.filter((l) => l.imdDecile !== null).length, 697);
    assert.equal(r.localAuthorities.length, 9);
    assert.ok(r.localAuthorities.every((l) => l.lsoas === l.districtLsoas));
    assert.deepEqual([r.localAuthorities[0]!.ladName, r.localAuthorities[0]!.lsoas], ["Stoke-on-Trent", 163]);
    assert.deepEqual(r.caveats, []);
  });

  test("a damaged ZIP is rejected naming the archive and entry; the store is unchanged", async () => {
    const zip = readFileSync(shared("registrations/2026-07/gp-reg-pat-prac-quin-age_2026-07.zip"));
    const damaged = Buffer.from(zip);
    // Flip bytes inside the compressed data (after the local header), leaving the directory intact.
    for (let i = 2000; i < 2100; i++) damaged[i] = damaged[i]! ^ 0xff;
    const path = join(dir, "damaged.zip");
    writeFileSync(path, damaged);
    const before = await snapshot(store);
    const [o] = await importFiles(store, [path]);
    assert.equal(o?.status, "rejected");
    if (o?.status === "rejected")
      assert.match(o.error, /damaged\.zip › gp-reg-pat-prac-quin-age\.csv'.*(damaged|CRC|corrupt)/);
    assert.deepEqual(await snapshot(store), before);
    const truncated = join(dir, "truncated.zip");
    writeFileSync(truncated, zip.subarray(0, 1000));
    const [t] = await importFiles(store, [truncated]);
    assert.equal(t?.status, "rejected");
    if (t?.status === "rejected")
      assert.match(t.error, /truncated\.zip'.*(end-of-central-directory|truncated)/);
    assert.deepEqual(await snapshot(store), before);
  });

  test("icsplan lsoas writes QNC's deprivation map as GeoJSON", async () => {
    await store.close();
    const out = join(dir, "qnc-lsoas.geojson");
    const r = await runCliInProcess([
      "--data-dir",
      dataDir,
      "lsoas",
      "--icb",
      "QNC",
      "--format",
      "geojson",
      "--out",
      out,
    ]);
    const ladOut = join(dir, "qnc-lads.geojson");
    const lads = await runCliInProcess([
      "--data-dir",
      dataDir,
      "lsoas",
      "--icb",
      "QNC",
      "--by",
      "lad",
      "--format",
      "geojson",
      "--out",
      ladOut,
    ]);
    const unknown = await runCliInProcess(["--data-dir", dataDir, "lsoas", "--icb", "QZZ"]);
    // A reader that stops early closes the pipe: the command ends quietly, without a stack trace.
    const piped = spawnSync(
      "sh",
      [
        "-c",
        `"${process.execPath}" "${cliEntry()}" --data-dir "${dataDir}" lsoas --icb QNC --format csv | head -1`,
      ],
      { encoding: "utf8" },
    );
    store = await openStore({ dataDir });
    assert.equal(r.status, 0, r.stderr);
    const fc = JSON.parse(readFileSync(out, "utf8")) as {
      features: { properties: { lad_name: string; imd_decile: number } }[];
    };
    assert.equal(fc.features.length, 697);
    assert.equal(fc.features.filter((f) => f.properties.lad_name === "Tamworth").length, 51);
    // The nine local authority districts with their May 2024 polygons.
    assert.equal(lads.status, 0, lads.stderr);
    const lc = JSON.parse(readFileSync(ladOut, "utf8")) as {
      features: { properties: { lad_name: string; lsoas: number }; geometry: { type: string } }[];
    };
    assert.equal(lc.features.length, 9);
    assert.ok(lc.features.every((f) => /Polygon/.test(f.geometry.type)));
    assert.equal(
      lc.features.reduce((s, f) => s + f.properties.lsoas, 0),
      697,
    );
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /no ICB or sub-ICB location has code 'QZZ' in the August 2026 map/);
    assert.equal(piped.stdout, "lsoa_code,lsoa_name,sub_icb_code,lad_code,lad_name,imd_decile,lat,lon\n");
    assert.doesNotMatch(piped.stderr, /EPIPE|at .*\.(m?js|ts):\d+/);
  });
});

/** The label `icsplan import ../shared/data` gives a file: its path under ../shared/data. */
function relabel(label: string, path: string): string {
  const inner = label.includes(" › ") ? ` › ${label.split(" › ")[1]}` : "";
  return `${path.slice(shared().length + 1)}${inner}`;
}
