// Two imports of the same files at once into one PostgreSQL database (two `icsplan import` processes, or two
// API servers sharing it) must leave one dataset per source, date and scope, as one import does. The trial
// that found this: two simultaneous imports of the national folder both succeeded and left 56 datasets
// instead of 53, because each transaction's "replace the older import" query could not see the other's
// uncommitted dataset. Runs when ICSPLAN_TEST_DATABASE_URL is set (.ci/run sets it), in a fresh schema.
import assert from "node:assert/strict";
import { randomBytes } from "node:crypto";
import { after, describe, test } from "node:test";
import pg from "pg";
import { importFiles } from "../../src/app/import-files.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { shared, snapshot } from "../helpers.ts";

const PG_URL = process.env.ICSPLAN_TEST_DATABASE_URL || undefined;
const IN_CI = !!process.env.CI && !/^(0|false)$/i.test(process.env.CI);

const MAP = shared("registrations/gp-reg-pat-prac-map_2026-01.csv");

async function admin<T>(work: (client: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: PG_URL });
  await client.connect();
  try {
    return await work(client);
  } finally {
    await client.end();
  }
}

/** A fresh schema of the test database, as a store URL (search_path); dropped after the tests. */
const schemas: string[] = [];
async function freshSchemaNamed(): Promise<{ url: string; schema: string }> {
  const schema = `icsplan_test_${process.pid}_${randomBytes(4).toString("hex")}`;
  await admin((c) => c.query(`CREATE SCHEMA ${schema}`));
  schemas.push(schema);
  const url = new URL(PG_URL!);
  url.searchParams.set("options", `-csearch_path=${schema}`);
  return { url: url.href, schema };
}
const freshSchema = async () => (await freshSchemaNamed()).url;

if (!PG_URL && IN_CI) {
  test("the concurrent-import test runs against PostgreSQL in CI", () => {
    assert.fail("CI is set but ICSPLAN_TEST_DATABASE_URL is not: run the tests through .ci/run.");
  });
}

describe(
  "PostgreSQL: two imports of the same files at once",
  { skip: PG_URL ? false : "ICSPLAN_TEST_DATABASE_URL is not set (see .ci/run)" },
  () => {
    after(async () => {
      if (schemas.length > 0)
        await admin(async (c) => {
          for (const schema of schemas.splice(0)) await c.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
        });
    });

    test("leave the dataset and rows of one import, the second replacing the first", async () => {
      const alone = await openStore({ databaseUrl: await freshSchema() });
      let expected: Record<string, number>;
      try {
        assert.equal((await importFiles(alone, [MAP]))[0]!.status, "imported");
        expected = await snapshot(alone);
        assert.equal(expected.dataset, 1);
      } finally {
        await alone.close();
      }

      const { url, schema } = await freshSchemaNamed();
      const application = `icsplan_concurrent_${randomBytes(4).toString("hex")}`;
      const tagged = new URL(url);
      tagged.searchParams.set("application_name", application);
      const stores: Store[] = [];
      const holder = new pg.Client({ connectionString: PG_URL });
      await holder.connect();
      try {
        // Migrated first, so the two imports start together rather than queue on the migration.
        stores.push(await openStore({ databaseUrl: tagged.href }));
        stores.push(await openStore({ databaseUrl: tagged.href }));
        // The race made certain: a third session holds org_map in SHARE UPDATE EXCLUSIVE mode, which stops
        // each import's closing ANALYZE (and nothing before it) until both imports are waiting on a lock.
        // Without serialisation both have by then looked for an older dataset to replace, found none
        // (neither sees the other's uncommitted one) and keep theirs.
        await holder.query("BEGIN");
        await holder.query(`LOCK TABLE ${schema}.org_map IN SHARE UPDATE EXCLUSIVE MODE`);
        const running = Promise.all(stores.map((store) => importFiles(store, [MAP])));
        const failed = running.then(
          () => false,
          () => true,
        );
        for (let waiting = 0; waiting < 2;) {
          if (await Promise.race([failed, new Promise<false>((r) => setTimeout(() => r(false), 50))])) break;
          const { rows } = await holder.query<{ n: string }>(
            "SELECT count(*) AS n FROM pg_stat_activity WHERE application_name = $1 AND wait_event_type = 'Lock'",
            [application],
          );
          waiting = Number(rows[0]!.n);
        }
        await holder.query("COMMIT");
        const runs = await running;
        for (const outcomes of runs)
          assert.deepEqual(
            outcomes.map((o) => o.status),
            ["imported"],
            "both imports succeed",
          );
        assert.deepEqual(
          runs.map((outcomes) => (outcomes[0]!.status === "imported" ? outcomes[0]!.replaced : -1)).sort(),
          [0, 1],
          "one import replaced the other's dataset",
        );
        assert.deepEqual(await snapshot(stores[0]!), expected, "the store holds what one import leaves");
      } finally {
        await holder.end();
        for (const store of stores) await store.close();
      }
    });
  },
);
