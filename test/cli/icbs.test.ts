// Test tier: heavy (real national files); run by `npm run test:heavy` and CI, not by `npm test`.
// `icsplan icbs on DATE` and `icsplan icbs changes`, in process, on a data directory holding the real
// January, July and August 2026 maps, the July 2026 list sizes and the ODS change summary of the April
// 2026 mergers (the fixture of test/engines/footprints/use-cases.test.ts). Expected values are read from
// the CSVs with papaparse: 42 ICBs on 31 March 2026 and 36 from 1 April, each ICB's practices and
// patients, K81001 The Waterfield Practice in Frimley (QNQ) then Thames Valley (S0E4D), Frimley's split
// 41/14/11 practices with 244/101/95 LSOAs; bad input is one line and exit 2.
import assert from "node:assert/strict";
import { after, before, describe, test } from "node:test";
import type { IcbsOnDate, IcbSuccession } from "../../src/model/footprint.ts";
import { holdCliStores, importedDataDir, runCliInProcess, shared } from "../helpers.ts";
import { FRIMLEY, LISTS_JUL, MAPS, RENAMED, mapRecords, readCsvRecords } from "../engines/footprints/kit.ts";
import { styleBreaks } from "./style-kit.ts";

holdCliStores();

const PARTNERS = "workforce/heec_practice_workforce_fy2023-2025_partners.csv";
const REGISTER = "practices/epraccur_2026-02.csv";
const FILES = [REGISTER, MAPS.jan, MAPS.jul, MAPS.aug, LISTS_JUL, RENAMED, FRIMLEY, PARTNERS];

const jan = mapRecords(MAPS.jan);
const jul = mapRecords(MAPS.jul);
const aug = mapRecords(MAPS.aug);
const lists = new Map(readCsvRecords(LISTS_JUL).map((r) => [r.ORG_CODE!, Number(r.NUMBER_OF_PATIENTS)]));

/** Practices and July 2026 patients of each ICB of a map file. */
function byIcb(rows: Record<string, string>[]): Map<string, { practices: number; patients: number }> {
  const out = new Map<string, { practices: number; patients: number }>();
  for (const r of rows) {
    const t = out.get(r.ICB_CODE!) ?? { practices: 0, patients: 0 };
    t.practices++;
    t.patients += lists.get(r.PRACTICE_CODE!) ?? 0;
    out.set(r.ICB_CODE!, t);
  }
  return out;
}

let dataDir: string;
let remove: () => void;
const cli = (...args: string[]) => runCliInProcess(["--data-dir", dataDir, "icbs", ...args]);

async function ok(...args: string[]): Promise<string> {
  const r = await cli(...args);
  assert.equal(r.status, 0, r.stderr);
  return r.stdout;
}

async function refused(args: string[], message: RegExp) {
  const r = await cli(...args);
  assert.equal(r.status, 2, r.stdout);
  assert.equal(r.stdout, "");
  assert.match(r.stderr, /^icsplan: [^\n]+\n$/, "one line");
  assert.match(r.stderr, message);
}

before(async () => {
  ({ dataDir, remove } = await importedDataDir(
    FILES.map((f) => shared(f)),
    { expect: "imported" },
  ));
});
after(() => remove?.());

describe("icsplan icbs on the real 2026 maps and ODS change summary", () => {
  test("icbs on DATE: 42 ICBs on 2026-03-31, 36 from 2026-04-01, practices and patients of each, footprint stated", async () => {
    for (const [date, rows, n, label] of [
      ["2026-03-31", jan, 42, "ICB footprint of the January 2026 map (42 ICBs)"],
      [
        "2026-04-01",
        jul,
        36,
        "ICB footprint from 2026-04-01 (36 ICBs; membership as published in the July 2026 map)",
      ],
    ] as const) {
      const expected = byIcb(rows);
      const r = JSON.parse(await ok("on", date, "--format", "json")) as IcbsOnDate;
      assert.equal(r.footprint.label, label);
      assert.equal(r.icbs.length, n);
      for (const i of r.icbs)
        assert.deepEqual(
          { practices: i.practices, patients: i.patients },
          expected.get(i.icb.code),
          `${date} ${i.icb.code}`,
        );
      const table = await ok("on", date);
      assert.ok(table.startsWith(`ICBs in force on ${date}: ${label}\n`), table.slice(0, 200));
      const total = [...expected.values()].reduce((a, t) => a + t.patients, 0);
      assert.match(
        table,
        new RegExp(
          `Total +${n} ICBs +[\\d,]+ +${rows.length.toLocaleString("en-GB")} +${total.toLocaleString("en-GB")}\\n`,
        ),
      );
      assert.deepEqual(styleBreaks(table), []);
      const csv = (await ok("on", date, "--format", "csv")).trim().split("\n");
      assert.equal(csv.length, n + 1);
      assert.match(csv[0]!, /^footprint_date,footprint_from,footprint_map,icb_code,/);
      assert.ok(csv.slice(1).every((line) => line.startsWith(`${date},`)));
    }
    const tv = await ok("on", "2026-04-01", "--icb", "S0E4D");
    assert.match(
      tv,
      /^S0E4D was formed on 2026-04-01 from QU9 .*\(151 practices\), QNQ .*\(41 practices\)$/m,
    );
    assert.match(
      tv,
      new RegExp(
        `^S0E4D +E54000070 +NHS Thames Valley Integrated Care Board +4 +${byIcb(jul).get("S0E4D")!.practices} `,
        "m",
      ),
    );
  });

  test("icbs on DATE --practice: K81001 in Frimley on 2026-03-31, in Thames Valley from 2026-04-01", async () => {
    assert.equal(jan.find((r) => r.PRACTICE_CODE === "K81001")!.ICB_CODE, "QNQ");
    assert.equal(jul.find((r) => r.PRACTICE_CODE === "K81001")!.ICB_CODE, "S0E4D");
    const was = await ok("on", "2026-03-31", "--practice", "K81001");
    assert.match(
      was,
      /^K81001 THE WATERFIELD PRACTICE on 2026-03-31: ICB QNQ NHS Frimley Integrated Care Board, sub-ICB location D4U1Y /,
    );
    assert.match(was, /^Footprint: ICB footprint of the January 2026 map \(42 ICBs\)$/m);
    const is = await ok("on", "2026-04-01", "--practice", "k81001");
    assert.match(is, /: ICB S0E4D NHS Thames Valley Integrated Care Board, sub-ICB location U2G6B /);
    assert.match(is, /^Footprint: ICB footprint from 2026-04-01 \(36 ICBs;/m);
  });

  test("icbs changes: 42 → 36, Frimley split 41/14/11 practices with 244/101/95 LSOAs and July 2026 patients", async () => {
    const s = JSON.parse(await ok("changes", "--format", "json")) as IcbSuccession;
    assert.deepEqual([s.from.icbs, s.to.icbs], [42, 36]);
    const table = await ok("changes");
    assert.match(
      table,
      /^ICB succession from the ICB footprint of the January 2026 map \(42 ICBs\) \(on 2026-03-31\)$/m,
    );
    assert.match(
      table,
      /^to the ICB footprint from 2026-04-01 \(36 ICBs; membership as published in the August 2026 map\)/m,
    );
    assert.match(table, /^ODS changes in force between them: 2026-04-01 \(/m);
    assert.match(
      table,
      /^42 ICBs before, 36 after; 13 changed, 29 unchanged; new codes: D7T5G, S0E4D, S1Y5D, S9B9J, T6Y0W, Z9B2Z$/m,
    );
    assert.deepEqual(styleBreaks(table), []);
    const frimley = aug.filter((r) =>
      jan.some((j) => j.PRACTICE_CODE === r.PRACTICE_CODE && j.ICB_CODE === "QNQ"),
    );
    const csv = (await ok("changes", "--icb", "QNQ", "--format", "csv")).trim().split("\n");
    const header = csv[0]!.split(",");
    const rows = csv.slice(1).map((l) => Object.fromEntries(l.split(",").map((v, i) => [header[i]!, v])));
    assert.deepEqual(
      rows.map((r) => [r.new_icb_code, r.practices, r.lsoas_reallocated, r.from_footprint, r.to_footprint]),
      [
        ["S0E4D", "41", "244", "2026-01-01", "2026-04-01"],
        ["QRL", "14", "101", "2026-01-01", "2026-04-01"],
        ["S9B9J", "11", "95", "2026-01-01", "2026-04-01"],
      ],
    );
    for (const r of rows) {
      const moved = frimley.filter((p) => p.ICB_CODE === r.new_icb_code);
      assert.equal(Number(r.practices), moved.length);
      assert.equal(
        Number(r.patients),
        moved.reduce((a, p) => a + (lists.get(p.PRACTICE_CODE!) ?? 0), 0),
      );
    }
    assert.match(
      table,
      /^QNQ +NHS Frimley Integrated Care Board +split +S0E4D +NHS Thames Valley Integrated Care Board +41 +[\d,]+ +62\.1% +244 +244 LSOAs reallocated$/m,
    );
    assert.match(
      table,
      /^QU9 +NHS Buckinghamshire, Oxfordshire and Berkshire West Integrated Care Board +merged +S0E4D .* sub-ICBs renamed into it: 10Q, 14Y, 15A$/m,
    );
    const quiet = await ok("changes", "--from", "2026-07-01", "--to", "2026-08-01");
    assert.match(quiet, /^No ICB changed between the two footprints\.$/m);
  });

  test("workforce trends --footprint: FY2022-23 over Thames Valley as it is now and BOB as it was, footprint stated", async () => {
    // Thames Valley now: its August 2026 practices, and those of July 2026 closed by August.
    const augCodes = new Set(aug.map((r) => r.PRACTICE_CODE!));
    const now = new Set([
      ...aug.filter((r) => r.ICB_CODE === "S0E4D").map((r) => r.PRACTICE_CODE!),
      ...jul
        .filter((r) => r.ICB_CODE === "S0E4D" && !augCodes.has(r.PRACTICE_CODE!))
        .map((r) => r.PRACTICE_CODE!),
    ]);
    const heec2023 = readCsvRecords(PARTNERS).filter((r) => r.Year === "2023");
    const tvPractices = heec2023.filter((r) => now.has(r["Practice.Code"]!)).length;
    const wf = (...args: string[]) =>
      runCliInProcess(["--data-dir", dataDir, "workforce", "trends", ...args]);
    const tv = await wf("--icb", "S0E4D");
    assert.equal(tv.status, 0, tv.stderr);
    assert.match(
      tv.stdout,
      /^Footprint: ICB footprint from 2026-04-01 \(36 ICBs; membership as published in the August 2026 map\)$/m,
    );
    assert.match(tv.stdout, /^S0E4D was formed on 2026-04-01 from QU9 /m);
    assert.match(tv.stdout, new RegExp(`^S0E4D +FY2022-23 +${tvPractices} `, "m"));
    const bob = await wf("--icb", "QU9", "--footprint", "2026-03-31");
    assert.equal(bob.status, 0, bob.stderr);
    assert.match(bob.stdout, /^Footprint: ICB footprint of the January 2026 map \(42 ICBs\)$/m);
    assert.match(
      bob.stdout,
      /^QU9 NHS Buckinghamshire, Oxfordshire and Berkshire West Integrated Care Board was merged on 2026-04-01: its practices are now in S0E4D /m,
    );
    const csv = (await wf("--icb", "S0E4D", "--format", "csv")).stdout.trim().split("\n");
    assert.match(csv[0]!, /,footprint_from,footprint_map$/);
    assert.ok(csv.slice(1).every((l) => l.endsWith(",2026-04-01,August 2026")));
    const bad = await wf("--icb", "S0E4D", "--footprint", "soon");
    assert.equal(bad.status, 2);
    assert.equal(bad.stderr, "icsplan: --footprint must be a date such as 2026-01-01; found 'soon'\n");
  });

  test("any command asked for an ICB of another map says where it went, in one line", async () => {
    const r = await runCliInProcess(["--data-dir", dataDir, "overview", "--icb", "QNQ"]);
    assert.equal(r.status, 2);
    assert.match(
      r.stderr,
      /^icsplan: 'QNQ' is not an ICB of the map this request uses: QNQ NHS Frimley .* was split on 2026-04-01: its practices are now in S0E4D .*; as it was, it is in the footprints up to 2026-03-31\n$/,
    );
    const risk = await runCliInProcess(["--data-dir", dataDir, "workforce", "risk", "--icb", "QNQ"]);
    assert.equal(risk.status, 2);
    assert.match(
      risk.stderr,
      /^icsplan: 'QNQ' is not an ICB of the map this request uses: .* was split on 2026-04-01/,
    );
    const asItWas = await runCliInProcess([
      "--data-dir",
      dataDir,
      "overview",
      "--icb",
      "QNQ",
      "--date",
      "2026-03-31",
    ]);
    assert.equal(asItWas.status, 0, asItWas.stderr);
    assert.match(asItWas.stdout, /NHS Frimley/);
  });

  test("bad input: one line, exit 2", async () => {
    await refused(["on", "1 April"], /DATE must be a date such as 2026-04-01; found '1 April'/);
    await refused(["on", "2026-02-30"], /DATE must be a date such as 2026-04-01; found '2026-02-30'/);
    await refused(
      ["on", "2025-12-31"],
      /no map is in force that early; the earliest loaded is the January 2026 map/,
    );
    await refused(
      ["on", "2026-04-01", "--icb", "QZZ"],
      /--icb: no ICB has code or name 'QZZ' in any loaded map/,
    );
    await refused(
      ["on", "2026-04-01", "--icb", "QNQ"],
      /--icb QNQ is not an ICB in the ICB footprint from 2026-04-01 .*was split on 2026-04-01.*; as it was, it is in the footprints up to 2026-03-31$/m,
    );
    await refused(
      ["on", "2026-04-01", "--practice", "K81001", "--icb", "QNC"],
      /give --practice or --icb, not both/,
    );
    await refused(
      ["on", "2026-04-01", "--practice", "Q99999"],
      /--practice Q99999: not in the July 2026 map/,
    );
    await refused(
      ["changes", "--icb", "QZZ"],
      /--icb: no ICB has code or name 'QZZ' in the ICB footprint of the January 2026 map/,
    );
    await refused(
      ["changes", "--from", "31/13/2026"],
      /--from must be a date such as 2026-01-01; found '31\/13\/2026'/,
    );
    await refused(
      ["changes", "--from", "2026-08-01", "--to", "2026-07-01"],
      /--from 2026-08-01 gives the August 2026 map, not earlier than the July 2026 map/,
    );
    await refused(
      ["on", "2026-04-01", "--format", "xml"],
      /--format must be table, csv or json; found 'xml'/,
    );
  });
});
