// The demo's sample plan (createDemoPlan, for `serve --demo` and `npm start`): in LMC review with
// engagement and compliance gaps; made once; made afresh when the demo is loaded again.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { loadDemo } from "../../src/app/load-demo.ts";
import { planView } from "../../src/app/plan.ts";
import { createDemoPlan, DEMO_PLAN_NAME } from "../../src/app/plan-demo.ts";
import { systemPeople } from "../../src/app/plan-organisations.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

let store: Store;
before(async () => {
  const dir = join(tempDir("icsplan-plan-demo-"), "store");
  useDemoStore(dir);
  store = await openStore({ dataDir: dir });
});
after(async () => store?.close());

test("the sample plan: in LMC review, four engagement records, five gaps; made once, afresh after a new demo", async () => {
  const plan = await createDemoPlan(store);
  const view = await planView(store, DEMO_PLAN_NAME);
  assert.equal(view.plan.state, "in-lmc-review");
  assert.equal(view.versions.length, 1);
  assert.equal(view.engagement.length, 4);
  assert.ok(view.engagementSummary.bySetting.community > 0);
  assert.deepEqual(
    view.compliance.filter((f) => !f.met).map((f) => f.id),
    ["lmc-co-signature", "four-aims", "ehia", "hwb-statement", "network-coverage"],
  );
  assert.ok(view.organisations.some((o) => o.kind === "lmc" && /synthetic/.test(o.name)));
  assert.equal((await createDemoPlan(store)).id, plan.id);
  const people = (await systemPeople(store)).length;

  await loadDemo(store);
  assert.ok((await planView(store, DEMO_PLAN_NAME)).freshness.some((f) => !f.fresh));
  const again = await createDemoPlan(store);
  assert.notEqual(again.id, plan.id);
  const fresh = await planView(store, DEMO_PLAN_NAME);
  assert.ok(fresh.freshness.every((f) => f.fresh));
  assert.equal(fresh.engagement.length, 4);
  assert.equal((await systemPeople(store)).length, people, "people are not added twice");
});
