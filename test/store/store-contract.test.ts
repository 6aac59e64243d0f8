// One contract for both stores: embedded PGlite and PostgreSQL must behave the same for everything the
// application relies on. PostgreSQL runs when ICSPLAN_TEST_DATABASE_URL is set (.ci/run sets it); each
// run works in a fresh schema of that database (`?options=-csearch_path=…`), dropped afterwards.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, before, describe, test } from "node:test";
import pg from "pg";
import { importFiles } from "../../src/app/import-files.ts";
import { migrationProvider } from "../../src/store/migrations/index.ts";
import type { Kysely } from "kysely";
import type { Database } from "../../src/store/schema.ts";
import {
  deleteScenario,
  getScenario,
  listScenarios,
  saveScenario,
  ScenarioExistsError,
  ScenarioNameError,
} from "../../src/store/repositories/scenarios.ts";
import { openStore, sql, type Row, type Store, type StoreOptions } from "../../src/store/store.ts";
import { shared, snapshot, tempDir } from "../helpers.ts";

const PG_URL = process.env.ICSPLAN_TEST_DATABASE_URL || undefined;
const IN_CI = !!process.env.CI && !/^(0|false)$/i.test(process.env.CI);
const MAP = shared("registrations/gp-reg-pat-prac-map_2026-01.csv");

interface Backend {
  name: string;
  skip: string | false;
  /** A fresh, empty store location. `persistent`: one that can be closed and opened again. */
  location(persistent: boolean): Promise<StoreOptions>;
  cleanup(): Promise<void>;
}

const pglite: Backend = {
  name: "PGlite",
  skip: false,
  location: async (persistent) => ({ dataDir: persistent ? tempDir("icsplan-contract-") : "memory://" }),
  cleanup: async () => {},
};

const schemas: string[] = [];
const postgres: Backend = {
  name: "PostgreSQL",
  skip: PG_URL ? false : "ICSPLAN_TEST_DATABASE_URL is not set (see .ci/run)",
  async location() {
    const schema = `icsplan_test_${process.pid}_${randomBytes(4).toString("hex")}`;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      await client.query(`CREATE SCHEMA ${schema}`);
    } finally {
      await client.end();
    }
    schemas.push(schema);
    const url = new URL(PG_URL!);
    url.searchParams.set("options", `-csearch_path=${schema}`);
    return { databaseUrl: url.href };
  },
  async cleanup() {
    if (schemas.length === 0) return;
    const client = new pg.Client({ connectionString: PG_URL });
    await client.connect();
    try {
      for (const schema of schemas.splice(0)) await client.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
    } finally {
      await client.end();
    }
  },
};

if (!PG_URL && IN_CI) {
  test("the PostgreSQL store contract runs in CI", () => {
    assert.fail(
      "CI is set but ICSPLAN_TEST_DATABASE_URL is not: the PostgreSQL half of the store contract would be " +
        "skipped. Run the tests through .ci/run, which starts PostgreSQL and sets the variable.",
    );
  });
}

// ---------------------------------------------------------------------------------------------------
// Awkward values that must round-trip exactly

const STRINGS = [
  "plain",
  'He said "hi"',
  "a,b,c",
  "line1\nline2",
  "crlf\r\nend",
  "ünïcödé — 🙂 日本語 ‘quotes’",
  "",
  "  spaced  ",
  "back\\slash",
  "NULL",
  "\\N",
  "tab\there",
  "it's",
  '"',
  ",",
  "\n",
  'ends with a quote"',
  '""',
];
const DOUBLES = [
  0,
  1,
  -1,
  0.1,
  1 / 3,
  1e-7,
  123456789.125,
  -2.5e10,
  Number.MAX_SAFE_INTEGER,
  1.7976931348623157e308,
  2.2250738585072014e-308,
  null,
];
const INTEGERS = [0, 1, -5, 2147483647, -2147483648, 123456];
const DATES = ["2026-01-31", "1900-01-01", "2024-02-29", "1999-12-31", "2100-06-15", null];
const N = 3000;

const pick = <T>(list: readonly T[], i: number): T => list[i % list.length]!;
const code = (prefix: string, i: number) => `${prefix}${String(i).padStart(5, "0")}`;

function paymentRows(datasetId: number): Row[] {
  return Array.from({ length: N }, (_, i) => ({
    dataset_id: datasetId,
    fiscal_year: "2021-22",
    practice_code: code("P", i),
    practice_name: i % 11 === 0 ? null : pick(STRINGS, i),
    postcode: i % 13 === 0 ? undefined : pick(STRINGS, i + 3),
    commissioner_code: "16C",
    pcn_code: null,
    contract_type: pick(["GMS", "PMS", "APMS"], i),
    dispensing: "No",
    rurality: null,
    registered_patients: pick(DOUBLES, i),
    weighted_patients: pick(DOUBLES, i + 1),
    global_sum: i * 1.5,
    qof_total: null,
    total_payments: i === 0 ? 0 : -i / 7, // (-0 is not kept: both stores return 0)
    total_minus_deductions: pick(DOUBLES, i + 5),
    lines:
      i % 5 === 0
        ? [i, "a,b", { k: null, s: pick(STRINGS, i) }]
        : {
            i,
            name: pick(STRINGS, i),
            nested: { arr: [1, "two", null, true, 3.5], emoji: "🙂", quote: 'a "b" c' },
            amount: pick(DOUBLES, i) ?? 0,
          },
  }));
}

function pcnRows(datasetId: number): Row[] {
  return Array.from({ length: N }, (_, i) => ({
    dataset_id: datasetId,
    pcn_code: code("U", i),
    name: pick(STRINGS, i + 7) || "unnamed",
    sub_icb_code: i % 3 === 0 ? null : "16C",
    sub_icb_name: pick(STRINGS, i),
    open_date: pick(DATES, i),
    close_date: pick(DATES, i + 2),
    postcode: null,
  }));
}

function imdRows(datasetId: number): Row[] {
  return Array.from({ length: N }, (_, i) => ({
    dataset_id: datasetId,
    lsoa_code: code("E0100", i),
    vintage: 2021,
    edition: 2025,
    name: pick(STRINGS, i + 1),
    lad_code: null,
    lad_name: null,
    imd_rank: pick(INTEGERS, i),
    imd_decile: (i % 10) + 1,
    imd_score: pick(DOUBLES, i + 2),
  }));
}

/** Compares row by row (undefined written means null read), so a failure shows the first differing row. */
function assertRows(actual: unknown[], written: Row[]) {
  assert.equal(actual.length, written.length);
  written.forEach((row, i) => {
    const expected = Object.fromEntries(Object.entries(row).map(([k, v]) => [k, v === undefined ? null : v]));
    assert.deepStrictEqual(actual[i], expected, `row ${i}`);
  });
}

async function newDataset(db: Kysely<Database>, source: string): Promise<number> {
  const { id } = await db
    .insertInto("dataset")
    .values({
      source,
      title: "contract test",
      publisher: "icsplan tests",
      file_name: "contract.csv",
      file_sha256: "0".repeat(64),
      reference_date: "2026-01-01",
      period: "January 2026",
      row_count: 0,
      meta: JSON.stringify({ note: 'quotes " and , commas', n: 1.5 }),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return id;
}

// ---------------------------------------------------------------------------------------------------

for (const backend of [pglite, postgres]) {
  describe(`store contract: ${backend.name}`, { skip: backend.skip }, () => {
    let store: Store;
    before(async () => (store = await openStore(await backend.location(false))));
    after(async () => {
      await store?.close();
      await backend.cleanup();
    });

    test("migrations run, and opening the same store again is a no-op", async () => {
      const location = await backend.location(true);
      const first = await openStore(location);
      await first.transaction(async (tx) => {
        const id = await newDataset(tx.db, "contract-reopen");
        await tx.insert("pcn", Object.keys(pcnRows(id)[0]!), pcnRows(id).slice(0, 10));
      });
      await first.close();
      const second = await openStore(location);
      try {
        const applied = await sql<{ name: string }>`SELECT name FROM kysely_migration ORDER BY name`.execute(
          second.db,
        );
        assert.deepEqual(
          applied.rows.map((r) => r.name),
          Object.keys(await migrationProvider.getMigrations()).sort(),
        );
        const counts = await snapshot(second);
        assert.equal(counts.dataset, 1, "the data written before closing is still there");
        assert.equal(counts.pcn, 10);
        assert.equal(Object.keys(counts).length, 27); // dataset, 25 fact tables, scenario
      } finally {
        await second.close();
      }
    });

    test("scenarios: saved whole, read back equal, never overwritten unless asked, deleted", async () => {
      const record = {
        name: `contract scenario ${backend.name}`,
        kind: "closure" as const,
        synthetic: true,
        area: "Q99",
        mapDate: "2026-01-01",
        description: 'quotes " and , commas; ünïcode',
        request: { practices: ["Z90001"], cap: { growth: 0.2 }, nested: [1, 2.5, null] },
        result: { placed: 9_000, unplaced: 12, lines: [{ practice: "Z90002", gain: 4_500 }] },
        configuration: {
          practices: [
            {
              practiceCode: "Z90002",
              networkCode: "U99001",
              networkName: "N1",
              listSize: 12_345,
              weightedList: 12_001.5,
            },
            {
              practiceCode: "Z90003",
              networkCode: null,
              networkName: null,
              listSize: 5_000,
              weightedList: null,
            },
          ],
          closed: ["Z90001"],
        },
      };
      const saved = await saveScenario(store.db, record);
      assert.equal(typeof saved.id, "number");
      assert.match(saved.createdAt, /^\d{4}-\d{2}-\d{2}T/);
      const got = await getScenario(store.db, record.name);
      assert.ok(got);
      assert.deepEqual(
        { ...got, id: undefined, createdAt: undefined },
        { ...record, id: undefined, createdAt: undefined },
      );
      assert.equal(got.mapDate, "2026-01-01");
      const before = await snapshot(store);
      await assert.rejects(
        saveScenario(store.db, { ...record, result: { other: true } }),
        ScenarioExistsError,
      );
      assert.deepEqual(await snapshot(store), before, "a refused save writes nothing");
      assert.deepEqual((await getScenario(store.db, record.name))?.result, record.result);
      await saveScenario(store.db, { ...record, result: { other: true } }, { replace: true });
      assert.deepEqual((await getScenario(store.db, record.name))?.result, { other: true });
      assert.deepEqual(await snapshot(store), before, "replacing keeps one row");
      const listed = await listScenarios(store.db, { kind: "closure" });
      assert.ok(listed.some((s) => s.name === record.name && s.synthetic && s.area === "Q99"));
      assert.equal((await listScenarios(store.db, { kind: "merger" })).length, 0);
      await assert.rejects(saveScenario(store.db, { ...record, name: "  " }), ScenarioNameError);
      assert.equal(await deleteScenario(store.db, record.name), true);
      assert.equal(await deleteScenario(store.db, record.name), false);
      assert.equal(await getScenario(store.db, record.name), null);
    });

    test("bulk insert of awkward values round-trips exactly", async () => {
      const id = await newDataset(store.db, "contract-roundtrip");
      const payments = paymentRows(id);
      const pcns = pcnRows(id);
      const imd = imdRows(id);
      await store.transaction(async (tx) => {
        await tx.insert("payment", Object.keys(payments[0]!), payments);
        await tx.insert("pcn", Object.keys(pcns[0]!), pcns);
        await tx.insert("lsoa_imd", Object.keys(imd[0]!), imd);
      });
      const gotPayments = await store.db
        .selectFrom("payment")
        .selectAll()
        .where("dataset_id", "=", id)
        .orderBy("practice_code")
        .execute();
      assertRows(gotPayments, payments);
      const gotPcns = await store.db
        .selectFrom("pcn")
        .selectAll()
        .where("dataset_id", "=", id)
        .orderBy("pcn_code")
        .execute();
      assertRows(gotPcns, pcns);
      const gotImd = await store.db
        .selectFrom("lsoa_imd")
        .selectAll()
        .where("dataset_id", "=", id)
        .orderBy("lsoa_code")
        .execute();
      assertRows(gotImd, imd);
    });

    test("dates come back as YYYY-MM-DD strings, numbers as numbers, JSON parsed", async () => {
      const id = await newDataset(store.db, "contract-types");
      const dataset = await store.db
        .selectFrom("dataset")
        .select(["id", "reference_date", "row_count", "synthetic", "meta"])
        .where("id", "=", id)
        .executeTakeFirstOrThrow();
      assert.equal(dataset.reference_date, "2026-01-01");
      assert.equal(typeof dataset.id, "number");
      assert.equal(typeof dataset.row_count, "number");
      assert.equal(dataset.synthetic, false);
      assert.deepEqual(dataset.meta, { note: 'quotes " and , commas', n: 1.5 });
      await store.transaction(async (tx) => {
        await tx.insert("pcn", Object.keys(pcnRows(id)[0]!), pcnRows(id).slice(0, 6));
        await tx.insert("lsoa_imd", Object.keys(imdRows(id)[0]!), imdRows(id).slice(0, 6));
      });
      const pcn = await store.db
        .selectFrom("pcn")
        .select(["open_date", "close_date"])
        .where("dataset_id", "=", id)
        .execute();
      for (const row of pcn) {
        for (const d of [row.open_date, row.close_date]) {
          if (d !== null) assert.match(d, /^\d{4}-\d{2}-\d{2}$/);
        }
      }
      const imd = await store.db
        .selectFrom("lsoa_imd")
        .select(["imd_rank", "imd_score", "vintage"])
        .where("dataset_id", "=", id)
        .execute();
      for (const row of imd) {
        assert.equal(typeof row.imd_rank, "number");
        assert.equal(typeof row.vintage, "number");
        assert.ok(row.imd_score === null || typeof row.imd_score === "number");
      }
      // NaN and ±Infinity are written as NULL on both stores.
      const odd: Row[] = imdRows(id)
        .slice(6, 9)
        .map((r, i) => ({ ...r, imd_score: [NaN, Infinity, -Infinity][i] }));
      await store.transaction((tx) => tx.insert("lsoa_imd", Object.keys(odd[0]!), odd));
      const oddBack = await store.db
        .selectFrom("lsoa_imd")
        .select("imd_score")
        .where("dataset_id", "=", id)
        .where(
          "lsoa_code",
          "in",
          odd.map((r) => String(r.lsoa_code)),
        )
        .execute();
      assert.deepEqual(
        oddBack.map((r) => r.imd_score),
        [null, null, null],
      );
      const d = await sql<{ d: string; x: number; n: number }>`
        SELECT DATE '2024-02-29' AS d, 0.1::double precision AS x, 42::integer AS n`.execute(store.db);
      assert.deepEqual(d.rows[0], { d: "2024-02-29", x: 0.1, n: 42 });
    });

    test("a transaction that throws leaves the store unchanged", async () => {
      const before = await snapshot(store);
      await assert.rejects(
        store.transaction(async (tx) => {
          const { id } = await tx.db
            .insertInto("dataset")
            .values({
              source: "contract-rollback",
              title: "t",
              publisher: "p",
              file_name: "f",
              file_sha256: "0",
              reference_date: "2026-01-01",
              period: "",
              row_count: 0,
              meta: "{}",
            })
            .returning("id")
            .executeTakeFirstOrThrow();
          await tx.insert("pcn", Object.keys(pcnRows(id)[0]!), pcnRows(id));
          throw new Error("boom");
        }),
        /boom/,
      );
      assert.deepEqual(await snapshot(store), before);
      // A failing statement (a duplicate key) rolls back too.
      await assert.rejects(
        store.transaction(async (tx) => {
          const id = await newDataset(tx.db, "contract-rollback-2");
          const rows = pcnRows(id).slice(0, 5);
          await tx.insert("pcn", Object.keys(rows[0]!), [...rows, rows[0]!]);
        }),
      );
      const after = await snapshot(store);
      assert.equal(after.pcn, before.pcn);
    });

    test("importing the January 2026 map yields 6,171 org_map rows; importing it again replaces it", async () => {
      const count = async () =>
        Number(
          (
            await store.db
              .selectFrom("org_map")
              .innerJoin("dataset", "dataset.id", "org_map.dataset_id")
              .where("dataset.source", "=", "gp-reg-pat-prac-map")
              .select((eb) => eb.fn.countAll<string>().as("n"))
              .executeTakeFirstOrThrow()
          ).n,
        );
      const datasets = () =>
        store.db.selectFrom("dataset").select(["id"]).where("source", "=", "gp-reg-pat-prac-map").execute();
      const [first] = await importFiles(store, [MAP]);
      assert.equal(first?.status, "imported", JSON.stringify(first));
      assert.equal(await count(), 6171);
      assert.equal((await datasets()).length, 1);
      const [second] = await importFiles(store, [MAP]);
      assert.equal(second?.status, "imported");
      if (second?.status === "imported") assert.equal(second.replaced, 1);
      assert.equal(await count(), 6171);
      const ids = await datasets();
      assert.equal(ids.length, 1);
      if (second?.status === "imported") assert.equal(ids[0]!.id, second.datasetId);
      const sample = await store.db
        .selectFrom("org_map")
        .selectAll()
        .where("dataset_id", "=", ids[0]!.id)
        .where("practice_code", "=", "A81001")
        .executeTakeFirstOrThrow();
      assert.equal(sample.icb_code, "QHM");
    });

    if (backend === postgres) {
      test("stores in two schemas of one database are independent (each has its own migrations)", async () => {
        const a = await openStore(await backend.location(true));
        try {
          await newDataset(a.db, "schema-a");
          const b = await openStore(await backend.location(true));
          try {
            assert.equal((await snapshot(b)).dataset, 0);
            const applied = await sql<{ n: string }>`SELECT count(*) AS n FROM kysely_migration`.execute(
              b.db,
            );
            assert.equal(
              Number(applied.rows[0]!.n),
              Object.keys(await migrationProvider.getMigrations()).length,
            );
          } finally {
            await b.close();
          }
          assert.equal((await snapshot(a)).dataset, 1);
        } finally {
          await a.close();
        }
      });
    }
  });
}
