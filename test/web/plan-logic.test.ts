// The plan pages' logic without a browser: the vocabularies the web repeats equal the model's, figures
// print as the documents print them, the engagement summary's tables, the compliance panel's order, the
// versions difference grouped, the workflow's progress, what another person changed (409), the attendee
// counts read from the form, the evidence a section uses, and the plan routes.
import assert from "node:assert/strict";
import { describe, test } from "node:test";
import { versionDifference } from "../../src/engines/plan/difference.ts";
import { addAction, addObjective, setActionStatus, setFields } from "../../src/engines/plan/edit.ts";
import { summariseEngagement } from "../../src/engines/plan/engagement.ts";
import { formatValue as documentValue } from "../../src/engines/plan/figures.ts";
import * as model from "../../src/model/plan.ts";
import {
  complianceModel,
  differenceModel,
  engagementTables,
  formatValue,
  otherChanges,
  historyRows,
  readAttendees,
  sectionEvidence,
  staffGroupsBySetting,
  tableRows,
  workflowProgress,
} from "../../web/src/plan/logic.ts";
import * as web from "../../web/src/plan/types.ts";
import { matchRoute, paths } from "../../web/src/routes.ts";

const section = (
  id: model.SectionId,
  title: string,
  extra: Partial<model.PlanSection> = {},
): model.PlanSection => ({
  id,
  title,
  narrative: [],
  figures: [],
  tables: [],
  charts: [],
  objectives: [],
  risks: [],
  ...extra,
});

const base: model.PlanContent = {
  title: "Primary care plan for Test ICB",
  area: { kind: "icb", code: "Q99", name: "Test ICB" },
  synthetic: true,
  sro: null,
  ehia: null,
  hwbStatement: null,
  sections: [
    section("population", "Population and need", {
      figures: [{ label: "Patients", evidence: "population", path: "patients", format: "count" }],
      tables: [{ title: "Places", evidence: "population", path: "places", columns: [] }],
    }),
    section("aims", "The four aims", {
      objectives: [
        {
          id: "aim-health-1",
          text: "Raise GP capacity",
          aims: ["health"],
          actions: [],
          measures: [
            {
              id: "m1",
              name: "GP FTE per 10,000",
              unit: "FTE",
              baseline: { value: 4.2, date: "2026-01-01", evidence: "workforce", path: "gpFte" },
              target: null,
            },
          ],
        },
      ],
    }),
  ],
};

describe("the web's vocabularies are the model's", () => {
  test("states, labels, roles, aims, staff groups, engagement kinds and action statuses", () => {
    assert.deepEqual([...web.PLAN_STATES], [...model.PLAN_STATES]);
    assert.deepEqual(web.STATE_LABELS, model.STATE_LABELS);
    assert.deepEqual(web.PLAN_ROLES, model.PLAN_ROLES);
    assert.deepEqual(web.FOUR_AIMS, model.FOUR_AIMS);
    assert.deepEqual(web.STAFF_GROUPS, model.STAFF_GROUPS);
    assert.deepEqual([...web.ENGAGEMENT_KINDS], [...model.ENGAGEMENT_KINDS]);
    assert.deepEqual([...web.ACTION_STATUSES], [...model.ACTION_STATUSES]);
  });

  test("the form lists every staff group once, under its setting", () => {
    const listed = staffGroupsBySetting();
    assert.deepEqual(
      listed.map((s) => s.setting),
      ["Primary care", "Community care", "Other participants"],
    );
    const ids = listed.flatMap((s) => s.groups.map((g) => g.id));
    assert.deepEqual([...ids].sort(), Object.keys(model.STAFF_GROUPS).sort());
    assert.ok(listed[1]!.groups.some((g) => g.id === "community-nurse"));
  });
});

test("figures print as the plan's documents print them", () => {
  const values = [0, 7, 1451189, 4.21309698461055, 0.0734, -2500.4, 999.5, null, undefined, "", "Q99", NaN];
  const formats = ["count", "decimal", "percent", "pounds", "text"] as const;
  for (const v of values)
    for (const f of formats) assert.equal(formatValue(v, f), documentValue(v, f), `${v} ${f}`);
  assert.equal(formatValue(1451189, "count"), "1,451,189");
  assert.equal(formatValue(0.0734, "percent"), "7.3%");
});

test("table rows are the array at the table's path, objects only", () => {
  const evidence = [
    { key: "population", summary: { places: [{ code: "A" }, null, 3, { code: "B" }] } },
  ] as unknown as web.EvidenceItem[];
  assert.deepEqual(tableRows(evidence, "population", "places"), [{ code: "A" }, { code: "B" }]);
  assert.deepEqual(tableRows(evidence, "population", "missing"), []);
  assert.deepEqual(tableRows(evidence, "nothing", "places"), []);
});

test("the engagement tables: attendees by staff group and setting, hand-counted", () => {
  const records: model.EngagementRecord[] = [
    {
      id: 1,
      date: "2026-01-20",
      kind: "meeting",
      forum: "LMC liaison",
      organisations: ["org:1"],
      attendees: { "gp-partner": 4, "lmc-officer": 3 },
      settings: ["primary"],
      asked: "",
      heard: "",
      changes: [],
    },
    {
      id: 2,
      date: "2026-02-18",
      kind: "workshop",
      forum: "Neighbourhoods",
      organisations: [],
      attendees: { "community-nurse": 7, "gp-partner": 2, "social-worker": 3 },
      settings: ["primary", "community"],
      asked: "",
      heard: "",
      changes: [{ section: "neighbourhoods", weDid: "Ordered the roll-out" }],
    },
  ];
  const t = engagementTables(summariseEngagement(records));
  assert.equal(t.records, 2);
  assert.equal(t.total, 19);
  assert.deepEqual(t.byStaffGroup, [
    { label: "Community / district nurse", setting: "Community care", attendees: 7, records: 1 },
    { label: "GP partner", setting: "Primary care", attendees: 6, records: 2 },
    { label: "LMC officer", setting: "Other participants", attendees: 3, records: 1 },
    { label: "Social worker", setting: "Community care", attendees: 3, records: 1 },
  ]);
  assert.deepEqual(t.bySetting, [
    { setting: "Primary care", attendees: 6, records: 2 },
    { setting: "Community care", attendees: 10, records: 1 },
    { setting: "Other participants", attendees: 3, records: null },
  ]);
  assert.equal(
    t.bySetting.reduce((n, s) => n + s.attendees, 0),
    t.total,
    "the settings add up to the attendees",
  );
});

test("the compliance panel: gaps first in the check's order, then the rules met", () => {
  const f = (id: string, met: boolean) => ({ id, title: id, source: `source of ${id}`, met, detail: "" });
  const m = complianceModel([f("a", true), f("b", false), f("c", true), f("d", false)]);
  assert.deepEqual(
    m.gaps.map((x) => x.id),
    ["b", "d"],
  );
  assert.deepEqual(
    m.passed.map((x) => x.id),
    ["a", "c"],
  );
  assert.equal(m.rules, 4);
  assert.equal(m.met, 2);
});

describe("what changed", () => {
  let current = setFields(base, { sro: "Dr A Example" });
  const added = addObjective(current, {
    section: "aims",
    text: "Recruit locally",
    aims: ["social"],
    measure: { name: "Local recruits", baseline: { value: 12, date: "2026-04-01" } },
  });
  current = added.content;
  current = addAction(current, {
    objective: "aim-health-1",
    text: "Retention scheme",
    status: "in-progress",
  }).content;

  test("the versions difference grouped by where each change is, with tallies", () => {
    const lines = versionDifference({ content: base, evidence: [] }, { content: current, evidence: [] });
    const m = differenceModel(lines);
    assert.equal(m.added + m.removed + m.changed, lines.length);
    assert.deepEqual(
      m.groups.map((g) => g.where),
      [...new Set(lines.map((l) => l.where))],
    );
    const aims = m.groups.find((g) => g.where === "§ The four aims")!;
    assert.ok(aims.lines.some((l) => l.change === "added" && /Recruit locally/.test(l.text)));
    assert.ok(aims.lines.some((l) => l.change === "added" && /Retention scheme/.test(l.text)));
    assert.deepEqual(differenceModel([]), { groups: [], added: 0, removed: 0, changed: 0 });
  });

  test("another person's change (the 409's content against the page's): one line each", () => {
    assert.deepEqual(otherChanges(base, current), [
      "Senior responsible owner: Dr A Example (was (none))",
      "The four aims: action added: Retention scheme (in-progress)",
      "The four aims: objective added: Recruit locally",
    ]);
    const done = setActionStatus(current, "action-1", "done");
    assert.deepEqual(otherChanges(current, done), ["The four aims: action changed: Retention scheme (done)"]);
    assert.deepEqual(otherChanges(current, current), []);
  });
});

test("workflow progress: the states before are done, the plan's is current, the rest to come", () => {
  const p = workflowProgress("lmc-co-signed");
  assert.deepEqual(
    p.map((s) => s.status),
    ["done", "done", "current", "to-come", "to-come", "to-come"],
  );
  assert.equal(p[2]!.label, "Co-signed by the LMC");
  assert.equal(workflowProgress("icb-approved").filter((s) => s.status === "done").length, 5);
});

test("the history is newest first even when two steps share a second", () => {
  const at = "2026-03-01T10:00:00.000Z";
  const step = (step: string, from: web.PlanState, to: web.PlanState) => ({
    step,
    version: 1,
    by: "x",
    role: "lmc-officer",
    organisation: null,
    at,
    note: "",
    from,
    to,
  });
  const rows = historyRows([
    step("submit-for-lmc-review", "draft", "in-lmc-review"),
    step("lmc-co-sign", "in-lmc-review", "lmc-co-signed"),
  ]);
  assert.deepEqual(
    rows.map((r) => `${r.fromLabel} → ${r.toLabel}`),
    ["In LMC review → Co-signed by the LMC", "Draft → In LMC review"],
  );
});

test("attendee counts from the form: blanks and zeros left out, a count that is not whole named", () => {
  assert.deepEqual(readAttendees({ "gp-partner": " 4 ", "practice-nurse": "", "social-worker": "0" }), {
    attendees: { "gp-partner": 4 },
    invalid: [],
  });
  assert.deepEqual(
    readAttendees({ "gp-partner": "2.5", "community-nurse": "-1", paramedic: "three" }).invalid,
    ["GP partner", "Community / district nurse", "Paramedic (ARRS)"],
  );
});

test("a section's evidence: each item once in first-use order, with its data dates sorted and stale flag", () => {
  const aims = base.sections[1]!;
  const pop = base.sections[0]!;
  const item = (key: string, sources: string[]) => ({
    key,
    title: `${key} title`,
    useCase: "overview",
    request: {},
    summary: {},
    createdAt: "2026-01-01T00:00:00.000Z",
    datasets: sources.map((s, i) => ({
      id: i,
      source: s,
      period: "P",
      referenceDate: "2026-01-01",
      sha256: "",
    })),
  });
  const evidence = [item("population", ["epraccur", "lsoa-imd"]), item("workforce", ["heec"])];
  const freshness = [
    {
      key: "population",
      title: "",
      createdAt: "",
      fresh: false,
      unavailable: null,
      changes: ["epraccur: replaced"],
    },
    { key: "workforce", title: "", createdAt: "", fresh: true, unavailable: null, changes: [] },
  ];
  const p = sectionEvidence(pop, evidence, freshness);
  assert.deepEqual(
    p.map((e) => [e.key, e.stale, e.data.map((d) => d.source), e.changes]),
    [["population", true, ["epraccur", "lsoa-imd"], ["epraccur: replaced"]]],
  );
  assert.deepEqual(
    sectionEvidence(aims, evidence, freshness).map((e) => [e.key, e.stale]),
    [["workforce", false]],
  );
});

test("plan routes: the list, a plan's tabs (names with spaces and slashes), and unknown tabs", () => {
  assert.deepEqual(matchRoute("/plans"), { page: "plans" });
  assert.deepEqual(matchRoute("/plans/"), { page: "plans" });
  const name = "Demo ICB primary care plan";
  assert.deepEqual(matchRoute(paths.plan(name)), { page: "plan", name, tab: "sections" });
  for (const tab of ["engagement", "workflow", "versions", "compliance", "export"] as const)
    assert.deepEqual(matchRoute(paths.plan("North/South (2026)", tab)), {
      page: "plan",
      name: "North/South (2026)",
      tab,
    });
  assert.equal(paths.plan("A B", "sections"), "/plans/A%20B");
  assert.equal(matchRoute("/plans/QNC/nonsense").page, "not-found");
  assert.equal(matchRoute("/plans/QNC/workflow/extra").page, "not-found");
});
