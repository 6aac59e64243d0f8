// The Funding page's allocation controls (web/src/funding/allocation.ts), without a browser: the form as
// the allocate request and the audit query, the summary of an allocation by hand, and, on the demo (the
// API in process), that the audit given the same controls audits the same allocation: its per-head
// figure over all practices × their patients is the fund, the floor and cap reach the audit's "after"
// figures, and the problems of bad controls name their fields.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { createApi } from "../../src/api/app.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { ApiError } from "../../web/src/api.ts";
import { fromApiError } from "../../web/src/errors.ts";
import {
  allocateBody,
  auditParams,
  DEFAULT_ALLOCATION,
  poundsOf,
  summariseAllocation,
  type AllocationAnswer,
  type AllocationLine,
} from "../../web/src/funding/allocation.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

describe("the allocation controls as requests", () => {
  test("need with its share as a fraction; floor and cap only when given; the audit query the same", () => {
    assert.deepEqual(allocateBody(DEFAULT_ALLOCATION, "Q99"), {
      icb: "Q99",
      fund: "1m",
      method: "need",
      by: "practice",
      hiShare: 0.15,
    });
    const f = { ...DEFAULT_ALLOCATION, hiPercent: "30", floor: "95%", cap: " 2.50/head " };
    assert.deepEqual(allocateBody(f, "Q99"), {
      icb: "Q99",
      fund: "1m",
      method: "need",
      by: "practice",
      hiShare: 0.3,
      floor: "95%",
      cap: "2.50/head",
    });
    assert.deepEqual(auditParams(f, "Q99"), {
      icb: "Q99",
      fund: "1m",
      method: "need",
      hiShare: "0.3",
      floor: "95%",
      cap: "2.50/head",
    });
  });

  test("the share applies to need only; a share that is no number goes as typed", () => {
    const weighted = allocateBody({ ...DEFAULT_ALLOCATION, method: "weighted" }, "Q99");
    assert.equal(weighted.hiShare, undefined);
    assert.equal(allocateBody({ ...DEFAULT_ALLOCATION, hiPercent: "lots" }, "Q99").hiShare, "lots");
    assert.equal(allocateBody({ ...DEFAULT_ALLOCATION, hiPercent: "12.5%" }, "Q99").hiShare, 0.125);
  });

  test("a summary by hand: floors, caps, gainers and losers against equal per head", () => {
    const line = (
      pence: number,
      equalPence: number,
      bound: AllocationLine["bound"] = null,
    ): AllocationLine => ({
      code: "X",
      name: "x",
      registered: 100,
      weighted: 100,
      needShare: 0.25,
      bound,
      pence,
      equalPence,
    });
    const s = summariseAllocation([
      line(300, 250),
      line(200, 250, "floor"),
      line(250, 250),
      line(250, 250.2, "cap"),
    ]);
    assert.deepEqual(s, {
      units: 4,
      totalPence: 1000,
      atFloor: 1,
      atCap: 1,
      gaining: 1,
      losing: 1,
      movedPence: 50,
    });
    assert.equal(poundsOf(100000000), "£1,000,000.00");
  });
});

describe("the allocation and its audit on the demo", () => {
  let store: Store;
  let api: ReturnType<typeof createApi>;
  before(async () => {
    const dir = join(tempDir(), "store");
    useDemoStore(dir);
    store = await openStore({ dataDir: dir });
    api = createApi(store);
  });
  after(async () => {
    await store?.close();
  });
  const allocate = (body: Record<string, unknown>) =>
    api.request("/api/funding/allocate", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ demo: true, ...body }),
    });
  const audit = (params: Record<string, string>) =>
    api.request(`/api/funding/audit?${new URLSearchParams({ demo: "true", ...params })}`);
  interface AuditAnswer {
    audit: {
      all: { registered: number; values: { beforePerHead: number | null; afterPerHead: number | null } };
    };
    allocation: { fundPence: number; floor: unknown; cap: unknown };
  }

  test("the audit of the same controls audits the same fund; floor and cap change its after figures", async () => {
    const form = { ...DEFAULT_ALLOCATION, floor: "95%", cap: "110%" };
    const res = await allocate(allocateBody(form, "Q99"));
    assert.equal(res.status, 200);
    const a = (await res.json()) as AllocationAnswer;
    const total = a.allocation.lines.reduce((x, l) => x + l.pence, 0);
    assert.equal(total, 100_000_000, "£1m to the penny");
    const s = summariseAllocation(a.allocation.lines);
    assert.ok(s.atFloor > 0 && s.atCap > 0, `${s.atFloor} at the floor, ${s.atCap} at the cap`);
    for (const l of a.allocation.lines) {
      assert.ok(l.pence >= Math.ceil(0.95 * l.equalPence - 1e-6), `${l.code} at or above its floor`);
      assert.ok(l.pence <= Math.floor(1.1 * l.equalPence + 1e-6), `${l.code} at or below its cap`);
    }

    const bounded = (await (await audit(auditParams(form, "Q99"))).json()) as AuditAnswer;
    const all = bounded.audit.all;
    assert.equal(
      all.registered,
      a.allocation.lines.reduce((x, l) => x + l.registered, 0),
    );
    assert.ok(
      Math.abs(all.values.afterPerHead! * all.registered - 1_000_000) < 0.01,
      "after × patients = £1m",
    );
    assert.deepEqual(bounded.allocation.floor, { kind: "share-of-equal", fraction: 0.95 });
    const free = (await (await audit(auditParams(DEFAULT_ALLOCATION, "Q99"))).json()) as AuditAnswer;
    assert.equal(free.allocation.floor, null);
    const q = (x: AuditAnswer) => JSON.stringify(x.audit);
    assert.notEqual(q(bounded), q(free), "the floor and cap reach the audit");
  });

  test("bad controls: the problem names the field, and the summary drops the flag", async () => {
    const floor = await allocate(allocateBody({ ...DEFAULT_ALLOCATION, floor: "nope" }, "Q99"));
    assert.equal(floor.status, 400);
    const p = (await floor.json()) as { detail: string; field: string };
    assert.equal(p.field, "floor");
    const shown = fromApiError(new ApiError(p.detail, 400, p.field), { floor: "allocation-floor" });
    assert.equal(shown.target, "allocation-floor");
    assert.match(shown.message, /^must be £ per unit/);
    const auditFloor = await audit(auditParams({ ...DEFAULT_ALLOCATION, floor: "nope" }, "Q99"));
    assert.equal(auditFloor.status, 400);
    assert.equal(((await auditFloor.json()) as { field: string }).field, "floor");
    const share = await allocate(allocateBody({ ...DEFAULT_ALLOCATION, hiPercent: "150" }, "Q99"));
    assert.equal(share.status, 400);
    assert.equal(((await share.json()) as { field: string }).field, "hiShare");
  });
});
