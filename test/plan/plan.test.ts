// The plan on the demo store: the template's figures equal the use cases' outputs; edits against a
// revision; the workflow refuses out-of-order and wrong-role steps; versions and their difference; the
// compliance check; the engagement log and its summary.
import assert from "node:assert/strict";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { auditReport } from "../../src/app/funding-audit.ts";
import { entitlementsReport } from "../../src/app/funding-entitlements.ts";
import { evaluateNetworks } from "../../src/app/networks.ts";
import { overview } from "../../src/app/overview.ts";
import {
  addPlanAction,
  addPlanComment,
  addPlanObjective,
  editPlanFields,
  newPlan,
  planDifference,
  planStep,
  planView,
} from "../../src/app/plan.ts";
import { addPlanEngagement, planEngagement } from "../../src/app/plan-engagement.ts";
import { addSystemOrganisation, systemOrganisations } from "../../src/app/plan-organisations.ts";
import { arrsUseCase, trendsUseCase } from "../../src/app/workforce.ts";
import { evidenceValue } from "../../src/engines/plan/figures.ts";
import { RequestError } from "../../src/model/errors.ts";
import { PlanForbiddenError } from "../../src/model/plan.ts";
import { PlanRevisionConflictError } from "../../src/store/repositories/plans.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

let store: Store;
const PLAN = "Demo plan";

before(async () => {
  const dir = join(tempDir("icsplan-plan-"), "store");
  useDemoStore(dir);
  store = await openStore({ dataDir: dir });
  await newPlan(store, { synthetic: true, icb: "Q99", name: PLAN });
});
after(async () => store?.close());

const isKind = (kind: string) => (e: unknown) => e instanceof RequestError && e.kind === kind;

describe("the template", () => {
  test("its figures equal the use cases' outputs", async () => {
    const { evidence, plan } = await planView(store, PLAN);
    const o = await overview(store, { synthetic: true, icb: "Q99" });
    assert.equal(evidenceValue(evidence, "population", "patients"), o.summary.patients);
    assert.equal(evidenceValue(evidence, "population", "practices"), o.summary.practices);
    assert.equal(evidenceValue(evidence, "population", "pcns"), o.summary.pcns);
    const ev = await evaluateNetworks(store, { synthetic: true, icb: "Q99" });
    assert.deepEqual(evidenceValue(evidence, "networks", "bands"), ev.evaluation.totals.bands);
    assert.equal(
      evidenceValue(evidence, "networks", "practicesOutsidePcn"),
      ev.evaluation.totals.outsidePcn.practices.length,
    );
    const tr = await trendsUseCase(store, { synthetic: true }, { by: "icb", icb: "Q99" });
    assert.equal(
      evidenceValue(evidence, "workforce-trends", "partnerFteChange"),
      tr.total.changes.partnerFte.fraction,
    );
    const arrs = await arrsUseCase(store, { synthetic: true }, { icb: "Q99" });
    assert.equal(evidenceValue(evidence, "arrs", "entitlement"), arrs.total.entitlement);
    assert.equal(evidenceValue(evidence, "arrs", "headroom"), arrs.total.headroom);
    const en = await entitlementsReport(store, { synthetic: true, icb: "Q99" });
    assert.equal(evidenceValue(evidence, "entitlements", "total"), en.today.totals.all);
    const au = await auditReport(store, { synthetic: true, icb: "Q99" });
    assert.equal(
      evidenceValue(evidence, "audit", "q1PaymentsPerRegistered"),
      au.audit.quintiles[0]!.values.paymentsPerRegistered,
    );
    // Every figure of every section resolves to a value of its evidence.
    for (const s of plan.content.sections)
      for (const f of s.figures)
        assert.notEqual(evidenceValue(evidence, f.evidence, f.path), undefined, `${s.id}: ${f.label}`);
    // A measure's baseline is the evidence's figure.
    const m = plan.content.sections.find((s) => s.id === "aims")!.objectives[0]!.measures[0]!;
    assert.equal(m.baseline?.value, o.summary.gpFtePer10k!.value);
    assert.equal(m.baseline?.evidence, "population");
  });

  test("evidence names the datasets it used, with their fingerprints", async () => {
    const { evidence } = await planView(store, PLAN);
    const population = evidence.find((e) => e.key === "population")!;
    const o = await overview(store, { synthetic: true, icb: "Q99" });
    assert.ok(population.datasets.some((d) => d.id === o.sources.map.id));
    for (const d of population.datasets) assert.match(d.sha256, /^[0-9a-f]{64}$/);
  });

  test("sections follow the issue, and a second plan of the same name is refused", async () => {
    const { plan } = await planView(store, PLAN);
    assert.deepEqual(
      plan.content.sections.map((s) => s.id),
      [
        "population",
        "networks",
        "workforce",
        "additional-roles",
        "neighbourhoods",
        "resilience",
        "funding",
        "aims",
        "partners",
        "risks",
        "engagement",
      ],
    );
    await assert.rejects(newPlan(store, { synthetic: true, icb: "Q99", name: PLAN }), isKind("conflict"));
    await assert.rejects(newPlan(store, { synthetic: true, icb: "NOPE", name: "x" }), isKind("not-found"));
  });
});

describe("organisations, engagement, compliance and workflow", () => {
  test("the registry has the data's organisations and the ones users add", async () => {
    const before = await systemOrganisations(store, { synthetic: true, icb: "Q99" });
    const o = await overview(store, { synthetic: true, icb: "Q99" });
    assert.equal(before.filter((x) => x.kind === "practice").length, o.summary.practices);
    assert.equal(before.filter((x) => x.kind === "pcn").length, o.summary.pcns);
    const lmc = await addSystemOrganisation(store, {
      kind: "lmc",
      name: "Demo LMC",
      icb: "Q99",
      synthetic: true,
    });
    assert.match(lmc.key, /^org:\d+$/);
    await assert.rejects(
      addSystemOrganisation(store, { kind: "lmc", name: "Demo LMC", icb: "Q99", synthetic: true }),
      isKind("conflict"),
    );
    await assert.rejects(
      addSystemOrganisation(store, { kind: "practice", name: "X", icb: "Q99", synthetic: true }),
      isKind("invalid"),
    );
  });

  test("the compliance check finds the gaps, and engagement closes two of them", async () => {
    const gaps = (await planView(store, PLAN)).compliance.filter((c) => !c.met).map((c) => c.id);
    assert.ok(
      gaps.includes("lmc-engagement") &&
        gaps.includes("staff-involvement") &&
        gaps.includes("senior-responsible-owner"),
    );
    assert.ok(gaps.includes("network-coverage"), "the demo has one practice in no PCN");
    const lmc = (await systemOrganisations(store, { synthetic: true, icb: "Q99" })).find(
      (x) => x.kind === "lmc",
    )!;
    await addPlanEngagement(store, PLAN, {
      date: "2026-02-03",
      kind: "meeting",
      forum: "LMC liaison meeting",
      organisations: [lmc.key],
      attendees: { "lmc-officer": 2, "gp-partner": 4, "practice-manager": 1 },
      settings: ["primary"],
      asked: "Which PCNs need support first?",
      heard: "Partners in the small PCNs are at breaking point.",
      changes: [{ section: "workforce", weDid: "Added a retention objective for partners." }],
    });
    await addPlanEngagement(store, PLAN, {
      date: "2026-02-10",
      kind: "workshop",
      forum: "Neighbourhood teams workshop",
      attendees: { "community-nurse": 6, "social-worker": 2, "salaried-gp": 3 },
      settings: ["primary", "community"],
    });
    const { summary } = await planEngagement(store, PLAN);
    assert.equal(summary.records, 2);
    assert.equal(summary.attendees, 18);
    assert.deepEqual(summary.bySetting, { primary: 8, community: 8, other: 2 });
    assert.deepEqual(
      summary.shaped.map((s) => s.section),
      ["workforce"],
    );
    const after = (await planView(store, PLAN)).compliance.filter((c) => !c.met).map((c) => c.id);
    assert.ok(!after.includes("lmc-engagement") && !after.includes("staff-involvement"));
    await assert.rejects(
      addPlanEngagement(store, PLAN, {
        date: "2026-13-01",
        kind: "meeting",
        forum: "x",
        attendees: {},
        settings: ["primary"],
      }),
      isKind("invalid"),
    );
    await assert.rejects(
      addPlanEngagement(store, PLAN, {
        date: "2026-01-01",
        kind: "meeting",
        forum: "x",
        attendees: { wizard: 1 },
        settings: ["primary"],
      }),
      isKind("invalid"),
    );
  });

  test("edits name their revision: a stale one is refused and nothing is lost", async () => {
    const view = await planView(store, PLAN);
    const rev = view.plan.revision;
    const saved = await editPlanFields(store, PLAN, { sro: "Dr A Example, Director of Primary Care" }, rev);
    assert.equal(saved.revision, rev + 1);
    await assert.rejects(editPlanFields(store, PLAN, { sro: "Someone else" }, rev), (e: unknown) => {
      assert.ok(e instanceof PlanRevisionConflictError);
      assert.equal(e.currentContent.sro, "Dr A Example, Director of Primary Care");
      return true;
    });
    assert.equal((await planView(store, PLAN)).plan.content.sro, "Dr A Example, Director of Primary Care");
    const { id } = await addPlanObjective(store, PLAN, {
      section: "aims",
      text: "Support local employment through primary care apprenticeships",
      aims: ["social"],
      measure: { name: "Apprentices in practices", baseline: { value: 12, date: "2026-01-01" } },
    });
    await addPlanAction(store, PLAN, {
      objective: id,
      text: "Agree a scheme with the college",
      due: "2026-09-30",
    });
    await assert.rejects(addPlanAction(store, PLAN, { objective: "nope", text: "x" }), isKind("not-found"));
    const gaps = (await planView(store, PLAN)).compliance.filter((c) => !c.met).map((c) => c.id);
    assert.ok(!gaps.includes("four-aims"));
  });

  test("the workflow refuses out-of-order and wrong-role steps; sign-offs apply to their version", async () => {
    await assert.rejects(
      planStep(store, PLAN, { step: "lmc-co-sign", by: "Dr L", role: "lmc-officer" }),
      isKind("conflict"),
    );
    await assert.rejects(
      planStep(store, PLAN, { step: "submit-for-lmc-review", by: "Dr L", role: "lmc-officer" }),
      (e: unknown) => e instanceof PlanForbiddenError,
    );
    const submitted = await planStep(store, PLAN, {
      step: "submit-for-lmc-review",
      by: "A Planner",
      role: "icb-planner",
    });
    assert.equal(submitted.plan.state, "in-lmc-review");
    assert.equal(submitted.signOff.version, 1);
    await assert.rejects(editPlanFields(store, PLAN, { title: "New title" }), isKind("conflict"));
    await assert.rejects(
      planStep(store, PLAN, { step: "lmc-co-sign", by: "A Planner", role: "icb-planner" }),
      (e: unknown) => e instanceof PlanForbiddenError,
    );
    const returned = await planStep(store, PLAN, {
      step: "lmc-return",
      by: "Dr L",
      role: "lmc-officer",
      note: "Add the EHIA",
    });
    assert.equal(returned.plan.state, "draft");
    await editPlanFields(store, PLAN, {
      ehia: { date: "2026-02-20", summary: "Screened; full EHIA for the closures" },
    });
    const again = await planStep(store, PLAN, {
      step: "submit-for-lmc-review",
      by: "A Planner",
      role: "icb-planner",
    });
    assert.equal(again.signOff.version, 2);
    const comment = await addPlanComment(store, PLAN, {
      section: "workforce",
      by: "Dr L",
      role: "lmc-officer",
      text: "Name the PCNs first",
    });
    assert.equal(comment.revision, again.plan.revision);
    await assert.rejects(
      addPlanComment(store, PLAN, { section: "nowhere", by: "Dr L", role: "lmc-officer", text: "x" }),
      isKind("invalid"),
    );
    await assert.rejects(
      addPlanComment(store, PLAN, { section: "workforce", by: "Dr L", role: "constructor", text: "x" }),
      isKind("invalid"),
    );
    const cosigned = await planStep(store, PLAN, {
      step: "lmc-co-sign",
      by: "Dr L",
      role: "lmc-officer",
      organisation: "Demo LMC",
    });
    assert.equal(cosigned.plan.state, "lmc-co-signed");
    assert.equal(cosigned.signOff.version, 2);
    const diff = await planDifference(store, PLAN, "1", "2");
    assert.ok(
      diff.some((l) => l.where === "plan" && l.text.startsWith("EHIA")),
      JSON.stringify(diff),
    );
    assert.equal((await planDifference(store, PLAN, "2", "current")).length, 0);
    await assert.rejects(planDifference(store, PLAN, "1", "9"), isKind("not-found"));
    await planStep(store, PLAN, { step: "cd-forum-endorse", by: "Dr C", role: "pcn-clinical-director" });
    await assert.rejects(
      planStep(store, PLAN, { step: "hwb-statement", by: "Cllr H", role: "hwb-chair" }),
      isKind("invalid"),
    );
    const hwb = await planStep(store, PLAN, {
      step: "hwb-statement",
      by: "Cllr H",
      role: "hwb-chair",
      statement: {
        board: "Demo HWB",
        text: "The plan takes account of the joint local health and wellbeing strategy.",
        date: "2026-03-01",
      },
    });
    assert.equal(hwb.signOff.version, 3);
    const approved = await planStep(store, PLAN, {
      step: "icb-approve",
      by: "Board secretary",
      role: "icb-board",
    });
    assert.equal(approved.plan.state, "icb-approved");
    const view = await planView(store, PLAN);
    assert.deepEqual(
      view.signOffs.map((s) => [s.step, s.version]),
      [
        ["submit-for-lmc-review", 1],
        ["lmc-return", 1],
        ["submit-for-lmc-review", 2],
        ["lmc-co-sign", 2],
        ["cd-forum-endorse", 2],
        ["hwb-statement", 3],
        ["icb-approve", 3],
      ],
    );
    const gaps = view.compliance.filter((c) => !c.met).map((c) => c.id);
    assert.deepEqual(gaps, ["network-coverage"]);
    assert.deepEqual(
      view.comments.map((c) => c.text),
      ["Name the PCNs first"],
    );
  });
});
