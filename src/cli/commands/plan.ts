// `icsplan plan …`: the ICS primary care plan. new (the template from the data), list, show, check
// (compliance), set / objective / action (edits of a draft), step (the sign-off workflow), versions and
// diff, engage (the engagement log), evidence and refresh (staleness after an import), export
// (DOCX, HTML, PDF), org and person (the system's organisations and people), demo (a sample plan).
import { writeFileSync } from "node:fs";
import { userInfo } from "node:os";
import type { Command } from "commander";
import type { PlanView } from "../../app/plan.ts";
import { formatTimestamp } from "../format.ts";
import { renderRecords } from "../output.ts";
import { withCommandStore } from "../picture-options.ts";
import { UsageError } from "../run.ts";

const BANNER = "SYNTHETIC DEMO DATA — not real practices or patients";
const out = (text: string): void => {
  process.stdout.write(`${text}\n`);
};
const json = (value: unknown): void => out(JSON.stringify(value, null, 2));
const list = (value: string) =>
  value
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);
const collect = (value: string, previous: string[] = []) => [...previous, value];

const AS_HELP = "who the audit log records (default: $ICSPLAN_ACTOR, else cli:<your OS user name>)";

/**
 * Who a change is recorded against in the audit log: `--as NAME`, else the ICSPLAN_ACTOR environment
 * variable, else `cli:` and the OS user's name (as `icsplan users` records).
 */
export function cliActor(as?: string): { name: string } {
  const given = (as ?? process.env.ICSPLAN_ACTOR ?? "").trim();
  if (given !== "") return { name: given };
  let who = "unknown";
  try {
    who = userInfo().username;
  } catch {
    // No passwd entry for this uid (a container): 'cli:unknown'.
  }
  return { name: `cli:${who}` };
}

function number(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${flag} must be a number; found '${value}'`);
  return n;
}

function revision(value: string | undefined): number | undefined {
  const n = number(value, "revision");
  if (n !== undefined && (!Number.isInteger(n) || n < 1))
    throw new UsageError(`--revision must be a whole number ≥ 1; found '${value}'`);
  return n;
}

/** `gp-partner=3,practice-nurse=2` → counts. */
export function parseAttendees(text: string): Record<string, number> {
  const outMap: Record<string, number> = {};
  for (const part of list(text)) {
    const m = /^([a-z-]+)=(\d+)$/.exec(part);
    if (!m) throw new UsageError(`--attendees takes group=count pairs such as gp-partner=3; found '${part}'`);
    outMap[m[1]!] = (outMap[m[1]!] ?? 0) + Number(m[2]);
  }
  return outMap;
}

function complianceText(view: Pick<PlanView, "compliance">): string {
  return view.compliance
    .map((f) => `${f.met ? "  met " : "  GAP "} ${f.title}\n        ${f.detail}\n        source: ${f.source}`)
    .join("\n");
}

function showText(view: PlanView): string {
  const c = view.plan.content;
  const stale = view.freshness.filter((f) => !f.fresh);
  const gaps = view.compliance.filter((f) => !f.met).length;
  const lines = [
    ...(c.synthetic ? [BANNER] : []),
    `${c.title} — plan '${view.plan.name}'`,
    `${c.area.name} (${c.area.code}); ${view.stateLabel}; revision ${view.plan.revision}; ${view.versions.length} version(s)`,
    ...(c.area.footprint ? [`Footprint: ${c.area.footprint}`] : []),
    `SRO: ${c.sro ?? "(none)"}; EHIA: ${c.ehia ? c.ehia.date : "(none)"}; HWB statement: ${c.hwbStatement ? c.hwbStatement.board : "(none)"}`,
    "",
    ...c.sections.map((s) => {
      const st = view.sections.find((x) => x.id === s.id);
      const edited = st?.lastEdit
        ? `; last edited by ${st.lastEdit.by} ${formatTimestamp(st.lastEdit.at)}`
        : "";
      return `§ ${s.title}: ${s.figures.length} figures, ${s.tables.length} tables, ${s.objectives.length} objectives, ${s.risks.length} risks [${s.id}, token ${st?.token ?? "?"}${edited}]`;
    }),
    "",
    `Engagement: ${view.engagementSummary.records} records, ${view.engagementSummary.attendees} attendances (primary ${view.engagementSummary.bySetting.primary}, community ${view.engagementSummary.bySetting.community})`,
    `Evidence: ${view.evidence.length} items, ${stale.length} out of date${stale.length ? ` (${stale.map((s) => s.key).join(", ")}: \`icsplan plan refresh\`)` : ""}`,
    `Compliance: ${gaps} gap(s) (\`icsplan plan check ${view.plan.name}\`)`,
    `Next: ${view.nextSteps.map((s) => `${s.step} (${s.roles.join(" or ")})`).join("; ") || "(approved)"}`,
  ];
  return lines.join("\n");
}

function registerCore(plan: Command): void {
  plan
    .command("new")
    .description(
      "a new plan for an ICB, a place, a union of places or a set of local authorities, built from the data (every figure an evidence item)",
    )
    .option("--icb <code>", "an ICB by ODS code (e.g. QNC), ONS code or part of its name")
    .option("--sub-icb <code>", "a place (sub-ICB location) by ODS or ONS code")
    .option("--places <codes>", "a union of places: sub-ICB location codes, comma-separated (e.g. 70F,97R)")
    .option(
      "--local-authorities <codes>",
      "the practices whose site is in these local authority districts: ONS codes, comma-separated (e.g. E06000043,E07000223)",
    )
    .option(
      "--footprint <date>",
      "read the area in the ICB footprint in force on this date (e.g. --icb QNQ --footprint 2026-03-31: Frimley as it was)",
    )
    .option("--name <name>", "the plan's name (default: the area's code)")
    .option("--title <title>", "the plan's title")
    .option("--demo", "the synthetic demo instead of real data")
    .option("--json", "print the plan as JSON")
    .option("--as <name>", AS_HELP)
    .action(
      async (
        opts: {
          icb?: string;
          subIcb?: string;
          places?: string;
          localAuthorities?: string;
          footprint?: string;
          name?: string;
          title?: string;
          demo?: boolean;
          json?: boolean;
          as?: string;
        },
        command: Command,
      ) => {
        const { newPlan, planView } = await import("../../app/plan.ts");
        const { auditedChange, planPart } = await import("../../app/plan-audit.ts");
        const view = await withCommandStore(command, async (store) => {
          const p = await auditedChange(
            store,
            cliActor(opts.as),
            { action: "plan.create", target: (r) => `plan:${r.name}`, state: planPart("content") },
            () =>
              newPlan(store, {
                synthetic: opts.demo ?? false,
                icb: opts.icb,
                subIcb: opts.subIcb,
                places: opts.places === undefined ? undefined : list(opts.places),
                localAuthorities:
                  opts.localAuthorities === undefined ? undefined : list(opts.localAuthorities),
                footprint: opts.footprint,
                name: opts.name,
                title: opts.title,
              }),
          );
          return planView(store, p.name);
        });
        if (opts.json) json(view);
        else out(showText(view));
      },
    );

  plan
    .command("list")
    .description("the plans in the store")
    .option("--format <format>", "table, csv or json", "table")
    .action(async (opts: { format: string }, command: Command) => {
      const { parseFormat } = await import("../output.ts");
      const { allPlans } = await import("../../app/plan.ts");
      const { STATE_LABELS } = await import("../../model/plan.ts");
      const plans = await withCommandStore(command, (store) => allPlans(store));
      out(
        renderRecords(
          plans.map((p) => ({
            name: p.name,
            area: `${p.content.area.code} ${p.content.area.name}`,
            data: p.content.synthetic ? "SYNTHETIC demo" : "real",
            state: STATE_LABELS[p.state],
            revision: p.revision,
            updated: p.updatedAt.slice(0, 16).replace("T", " "),
          })),
          parseFormat(opts.format),
        ),
      );
    });

  plan
    .command("show <name>")
    .description(
      "a plan at a glance: state, sections, engagement, evidence freshness, compliance, next steps",
    )
    .option("--json", "the whole plan view as JSON")
    .action(async (name: string, opts: { json?: boolean }, command: Command) => {
      const { planView } = await import("../../app/plan.ts");
      const view = await withCommandStore(command, (store) => planView(store, name));
      if (opts.json) json(view);
      else out(showText(view));
    });

  plan
    .command("check <name>")
    .description("the compliance check: what is missing, each rule with its source")
    .option("--json", "as JSON")
    .action(async (name: string, opts: { json?: boolean }, command: Command) => {
      const { planView } = await import("../../app/plan.ts");
      const view = await withCommandStore(command, (store) => planView(store, name));
      if (opts.json) json(view.compliance);
      else {
        const gaps = view.compliance.filter((f) => !f.met).length;
        if (view.plan.content.synthetic) out(BANNER);
        out(
          `Compliance of '${view.plan.name}': ${gaps} gap(s) of ${view.compliance.length} rules\n${complianceText(view)}`,
        );
      }
    });
}

function registerEdits(plan: Command): void {
  plan
    .command("set <name>")
    .description("set the plan's title, senior responsible owner or EHIA (a draft only)")
    .option("--title <title>")
    .option("--sro <name>", "the named senior responsible owner")
    .option("--ehia <summary>", "the equality and health inequalities impact assessment: what it found")
    .option("--ehia-date <date>", "the EHIA's date (YYYY-MM-DD)")
    .option("--revision <n>", "the revision your edit starts from (refused if the plan has moved on)")
    .option("--as <name>", AS_HELP)
    .action(
      async (
        name: string,
        opts: {
          title?: string;
          sro?: string;
          ehia?: string;
          ehiaDate?: string;
          revision?: string;
          as?: string;
        },
        command: Command,
      ) => {
        const { editPlanFields } = await import("../../app/plan.ts");
        const { auditedPlanChange } = await import("../../app/plan-audit.ts");
        if (opts.ehia !== undefined && opts.ehiaDate === undefined)
          throw new UsageError("--ehia needs --ehia-date");
        const p = await withCommandStore(command, (s0) =>
          auditedPlanChange(
            s0,
            cliActor(opts.as),
            { action: "plan.edit", plan: name, part: "content" },
            (store) =>
              editPlanFields(
                store,
                name,
                {
                  title: opts.title,
                  sro: opts.sro,
                  ehia: opts.ehia === undefined ? undefined : { date: opts.ehiaDate!, summary: opts.ehia },
                },
                revision(opts.revision),
              ),
          ),
        );
        out(`Saved '${p.name}' at revision ${p.revision}.`);
      },
    );

  plan
    .command("objective <name>")
    .description("add an objective to a section, with a measure (baseline, target)")
    .requiredOption(
      "--section <id>",
      "population, networks, workforce, additional-roles, neighbourhoods, resilience, funding, aims, partners, risks or engagement",
    )
    .requiredOption("--text <text>", "the objective")
    .option("--aim <aims>", "comma-separated: health, inequalities, productivity, social", "")
    .option("--measure <name>", "a measure of the objective")
    .option("--unit <unit>", "the measure's unit")
    .option("--baseline <value>")
    .option("--baseline-date <date>")
    .option("--target <value>")
    .option("--target-date <date>")
    .option("--revision <n>")
    .option("--as <name>", AS_HELP)
    .action(async (name: string, o: Record<string, string | undefined>, command: Command) => {
      const { addPlanObjective } = await import("../../app/plan.ts");
      const { auditedPlanChange } = await import("../../app/plan-audit.ts");
      const baseline = number(o.baseline, "baseline");
      const target = number(o.target, "target");
      if (baseline !== undefined && !o.baselineDate) throw new UsageError("--baseline needs --baseline-date");
      if (target !== undefined && !o.targetDate) throw new UsageError("--target needs --target-date");
      if ((baseline !== undefined || target !== undefined) && !o.measure)
        throw new UsageError("--baseline and --target need --measure");
      const r = await withCommandStore(command, (s0) =>
        auditedPlanChange(
          s0,
          cliActor(o.as),
          { action: "plan.objective.add", plan: name, part: "content" },
          (store) =>
            addPlanObjective(
              store,
              name,
              {
                section: o.section!,
                text: o.text!,
                aims: list(o.aim ?? ""),
                measure: o.measure
                  ? {
                      name: o.measure,
                      unit: o.unit,
                      baseline:
                        baseline === undefined ? undefined : { value: baseline, date: o.baselineDate! },
                      target: target === undefined ? undefined : { value: target, date: o.targetDate! },
                    }
                  : undefined,
              },
              revision(o.revision),
            ),
        ),
      );
      out(`Added ${r.id} to '${r.plan.name}' (revision ${r.plan.revision}).`);
    });

  const action = plan.command("action").description("actions of an objective: add, status");
  action
    .command("add <name>")
    .requiredOption("--objective <id>")
    .requiredOption("--text <text>")
    .option("--owner <owner>")
    .option("--start <date>")
    .option("--due <date>")
    .option("--status <status>", "not-started, in-progress, done or blocked")
    .option("--revision <n>")
    .option("--as <name>", AS_HELP)
    .action(async (name: string, o: Record<string, string | undefined>, command: Command) => {
      const { addPlanAction } = await import("../../app/plan.ts");
      const { auditedPlanChange } = await import("../../app/plan-audit.ts");
      const r = await withCommandStore(command, (s0) =>
        auditedPlanChange(
          s0,
          cliActor(o.as),
          { action: "plan.action.add", plan: name, part: "content" },
          (store) =>
            addPlanAction(
              store,
              name,
              {
                objective: o.objective!,
                text: o.text!,
                owner: o.owner,
                start: o.start,
                due: o.due,
                status: o.status,
              },
              revision(o.revision),
            ),
        ),
      );
      out(`Added ${r.id} (revision ${r.plan.revision}).`);
    });
  action
    .command("status <name> <action> <status>")
    .description("set an action's status: not-started, in-progress, done or blocked")
    .option(
      "--token <token>",
      "its section's token as you read it (`plan show`); refused if the section changed since",
    )
    .option("--as <name>", AS_HELP)
    .action(
      async (
        name: string,
        id: string,
        status: string,
        o: { token?: string; as?: string },
        command: Command,
      ) => {
        const { editActionStatus, sectionTokenOfAction } = await import("../../app/plan-sections.ts");
        const { auditedPlanChange } = await import("../../app/plan-audit.ts");
        const actor = cliActor(o.as);
        const r = await withCommandStore(command, (s0) =>
          auditedPlanChange(
            s0,
            actor,
            { action: "plan.action.status", plan: name, part: "content" },
            async (store) =>
              editActionStatus(
                store,
                name,
                { action: id, status, token: o.token ?? (await sectionTokenOfAction(store, name, id)) },
                { by: actor.name },
              ),
          ),
        );
        out(`${id}: ${r.action.status} (revision ${r.plan.revision}; section token ${r.section.token}).`);
      },
    );

  plan
    .command("section <name> <section>")
    .description("replace a draft section's narrative (paragraphs separated by a blank line)")
    .option("--text <text>", "the narrative")
    .option("--file <path>", "read the narrative from a file (- for standard input)")
    .option(
      "--token <token>",
      "the section's token as you read it (`plan show`); refused if it changed since",
    )
    .option("--as <name>", AS_HELP)
    .action(
      async (
        name: string,
        section: string,
        o: { text?: string; file?: string; token?: string; as?: string },
        command: Command,
      ) => {
        const { editSectionNarrative, paragraphsOf, sectionTokenOf } =
          await import("../../app/plan-sections.ts");
        const { auditedPlanChange } = await import("../../app/plan-audit.ts");
        if ((o.text === undefined) === (o.file === undefined))
          throw new UsageError("give the narrative with --text or --file", { field: "text" });
        const { readFileSync } = await import("node:fs");
        const text = o.text ?? readFileSync(o.file === "-" ? 0 : o.file!, "utf8");
        const actor = cliActor(o.as);
        const r = await withCommandStore(command, (s0) =>
          auditedPlanChange(
            s0,
            actor,
            { action: "plan.section.edit", plan: name, part: "content" },
            async (store) =>
              editSectionNarrative(
                store,
                name,
                {
                  section,
                  narrative: paragraphsOf(text),
                  token: o.token ?? (await sectionTokenOf(store, name, section)),
                },
                { by: actor.name },
              ),
          ),
        );
        out(`Saved § ${r.section.title} (revision ${r.plan.revision}; section token ${r.section.token}).`);
      },
    );
}

function registerWorkflow(plan: Command): void {
  plan
    .command("step <name> <step>")
    .description(
      "a workflow step: submit-for-lmc-review, lmc-return, lmc-co-sign, cd-forum-endorse, hwb-statement, icb-approve",
    )
    .requiredOption("--by <person>", "who gives the step")
    .requiredOption(
      "--role <role>",
      "icb-planner, lmc-officer, pcn-clinical-director, hwb-chair or icb-board",
    )
    .option("--organisation <name>")
    .option("--note <note>")
    .option("--board <name>", "hwb-statement: the Health and Wellbeing Board")
    .option("--statement <text>", "hwb-statement: the board's statement")
    .option("--date <date>", "hwb-statement: its date (YYYY-MM-DD)")
    .option("--as <name>", AS_HELP)
    .action(async (name: string, step: string, o: Record<string, string | undefined>, command: Command) => {
      const { planStep } = await import("../../app/plan.ts");
      const { auditedPlanChange } = await import("../../app/plan-audit.ts");
      const { STATE_LABELS } = await import("../../model/plan.ts");
      const r = await withCommandStore(command, (s0) =>
        auditedPlanChange(
          s0,
          cliActor(o.as),
          { action: "plan.step", plan: name, part: "workflow" },
          (store) =>
            planStep(store, name, {
              step,
              by: o.by!,
              role: o.role!,
              organisation: o.organisation,
              note: o.note,
              statement:
                o.board !== undefined || o.statement !== undefined
                  ? {
                      board: o.board ?? "",
                      text: o.statement ?? "",
                      date: o.date ?? new Date().toISOString().slice(0, 10),
                    }
                  : undefined,
            }),
        ),
      );
      out(
        `${step} by ${r.signOff.by} (${r.signOff.role}) on version ${r.signOff.version}: the plan is now ${STATE_LABELS[r.plan.state].toLowerCase()}.`,
      );
    });

  plan
    .command("comment <name>")
    .description("comment on a section (in any state: the LMC and clinical directors comment in review)")
    .requiredOption("--section <id>")
    .requiredOption("--by <person>")
    .requiredOption("--role <role>")
    .requiredOption("--text <text>")
    .option("--as <name>", AS_HELP)
    .action(
      async (
        name: string,
        o: { section: string; by: string; role: string; text: string; as?: string },
        command: Command,
      ) => {
        const { addPlanComment } = await import("../../app/plan.ts");
        const { auditedPlanChange } = await import("../../app/plan-audit.ts");
        const r = await withCommandStore(command, (s0) =>
          auditedPlanChange(
            s0,
            cliActor(o.as),
            { action: "plan.comment", plan: name, part: "comments" },
            (store) => addPlanComment(store, name, o),
          ),
        );
        out(`Comment ${r.id} on § ${r.section} by ${r.by} (revision ${r.revision}).`);
      },
    );

  plan
    .command("versions <name>")
    .description("the plan's versions and sign-off history")
    .action(async (name: string, _o: unknown, command: Command) => {
      const { planView } = await import("../../app/plan.ts");
      const view = await withCommandStore(command, (store) => planView(store, name));
      out(
        renderRecords(
          view.versions.map((v) => ({
            version: v.number,
            taken: v.createdAt.slice(0, 16).replace("T", " "),
            by: v.createdBy,
            note: v.note,
          })),
          "table",
        ),
      );
      out("");
      out(
        renderRecords(
          view.signOffs.map((s) => ({
            at: s.at.slice(0, 16).replace("T", " "),
            step: s.step,
            version: s.version,
            by: s.by,
            role: s.role,
            to: s.to,
          })),
          "table",
        ),
      );
    });

  plan
    .command("diff <name> <from> <to>")
    .description("the readable difference between two versions (a number, or 'current')")
    .option("--json")
    .action(async (name: string, from: string, to: string, o: { json?: boolean }, command: Command) => {
      const { planDifference } = await import("../../app/plan.ts");
      const { differenceText } = await import("../../engines/plan/difference.ts");
      const lines = await withCommandStore(command, (store) => planDifference(store, name, from, to));
      if (o.json) json(lines);
      else out(differenceText(lines));
    });
}

function registerEngagement(plan: Command): void {
  const engage = plan
    .command("engage")
    .description("the engagement log: add a record; list with the summary");
  engage
    .command("add <name>")
    .requiredOption("--date <date>", "YYYY-MM-DD")
    .requiredOption("--kind <kind>", "meeting, workshop, survey, consultation or written-response")
    .requiredOption("--forum <forum>", "the meeting or forum")
    .requiredOption("--attendees <counts>", "staff group counts, e.g. gp-partner=3,community-nurse=4")
    .requiredOption("--setting <settings>", "primary, community or primary,community")
    .option("--org <keys>", "organisations present, by key (org:3, pcn:U99001), comma-separated")
    .option("--asked <text>", "what was asked")
    .option("--heard <text>", "what was heard")
    .option("--changed <section:we did>", "a section the engagement changed, and how (repeatable)", collect)
    .option("--as <name>", AS_HELP)
    .action(async (name: string, o: Record<string, string | string[] | undefined>, command: Command) => {
      const { addPlanEngagement } = await import("../../app/plan-engagement.ts");
      const { auditedPlanChange } = await import("../../app/plan-audit.ts");
      const changes = ((o.changed as string[] | undefined) ?? []).map((c) => {
        const i = c.indexOf(":");
        if (i <= 0) throw new UsageError(`--changed takes section:what we did; found '${c}'`);
        return { section: c.slice(0, i).trim(), weDid: c.slice(i + 1).trim() };
      });
      const r = await withCommandStore(command, (s0) =>
        auditedPlanChange(
          s0,
          cliActor(o.as as string | undefined),
          { action: "plan.engagement.add", plan: name, part: "engagement" },
          (store) =>
            addPlanEngagement(store, name, {
              date: o.date as string,
              kind: o.kind as string,
              forum: o.forum as string,
              attendees: parseAttendees(o.attendees as string),
              settings: list(o.setting as string),
              organisations: o.org ? list(o.org as string) : [],
              asked: o.asked as string | undefined,
              heard: o.heard as string | undefined,
              changes,
            }),
        ),
      );
      out(
        `Recorded engagement ${r.id}: ${r.date} ${r.forum} (${Object.values(r.attendees).reduce((a, b) => a + b, 0)} attendees).`,
      );
    });
  engage
    .command("list <name>")
    .description("the engagement log and its summary by staff group and setting")
    .option("--json")
    .action(async (name: string, o: { json?: boolean }, command: Command) => {
      const { planEngagement } = await import("../../app/plan-engagement.ts");
      const r = await withCommandStore(command, (store) => planEngagement(store, name));
      if (o.json) return json(r);
      const s = r.summary;
      out(
        `${s.records} records, ${s.attendees} attendances: primary care ${s.bySetting.primary}, community care ${s.bySetting.community}, other ${s.bySetting.other}`,
      );
      out(
        renderRecords(
          s.byStaffGroup.map((g) => ({
            staff_group: g.label,
            setting: g.setting,
            attendances: g.attendees,
            records: g.records,
          })),
          "table",
        ),
      );
      out("");
      out(
        renderRecords(
          r.records.map((e) => ({
            id: e.id,
            date: e.date,
            kind: e.kind,
            forum: e.forum,
            setting: e.settings.join("+"),
            changed: e.changes.map((c) => c.section).join(", "),
          })),
          "table",
        ),
      );
    });
}

function registerEvidence(plan: Command): void {
  plan
    .command("evidence <name>")
    .description("the plan's evidence: use case, datasets, and whether it is out of date after an import")
    .option("--json")
    .action(async (name: string, o: { json?: boolean }, command: Command) => {
      const { planView } = await import("../../app/plan.ts");
      const view = await withCommandStore(command, (store) => planView(store, name));
      if (o.json) return json({ evidence: view.evidence, freshness: view.freshness });
      for (const e of view.evidence) {
        const f = view.freshness.find((x) => x.key === e.key)!;
        out(
          `${f.fresh ? "up to date " : "OUT OF DATE"} ${e.key} — ${e.title} (${e.useCase}, ${e.createdAt.slice(0, 10)})`,
        );
        if (e.unavailable) out(`    not available: ${e.unavailable}`);
        else out(`    data: ${e.datasets.map((d) => `${d.source} ${d.period}`).join("; ") || "(none)"}`);
        for (const c of f.changes) out(`    changed: ${c}`);
      }
    });
  plan
    .command("refresh <name>")
    .description("run again the use cases of the out-of-date evidence (or --evidence keys)")
    .option("--evidence <keys>", "comma-separated evidence keys")
    .option("--as <name>", AS_HELP)
    .action(async (name: string, o: { evidence?: string; as?: string }, command: Command) => {
      const { refreshPlanEvidence } = await import("../../app/plan.ts");
      const { auditedChange, planPart } = await import("../../app/plan-audit.ts");
      const target = `plan:${name.trim()}`;
      const r = await withCommandStore(command, (store) =>
        auditedChange(
          store,
          cliActor(o.as),
          {
            action: "plan.evidence.refresh",
            before: target,
            target: () => target,
            state: planPart("evidence"),
          },
          () => refreshPlanEvidence(store, name, o.evidence ? list(o.evidence) : undefined),
        ),
      );
      out(r.refreshed.length ? `Refreshed: ${r.refreshed.join(", ")}.` : "All evidence is up to date.");
    });
  plan
    .command("export <name>")
    .description("export the plan as DOCX, HTML or PDF (the compliance gaps on its first page)")
    .requiredOption("--format <format>", "docx, html or pdf")
    .option("--out <path>", "the file to write (default: the plan's name and format)")
    .action(async (name: string, o: { format: string; out?: string }, command: Command) => {
      const { exportPlan } = await import("../../app/plan-export.ts");
      const r = await withCommandStore(command, (store) => exportPlan(store, name, o.format));
      const path = o.out ?? r.fileName;
      writeFileSync(path, r.bytes);
      out(
        `Wrote ${path} (${r.bytes.length.toLocaleString("en-GB")} bytes; ${r.document.gaps.length} compliance gap(s) listed on the cover).`,
      );
    });
}

function registerRegistry(plan: Command): void {
  const org = plan
    .command("org")
    .description("the system's organisations: list (from the data and added), add");
  org
    .command("list")
    .requiredOption("--icb <code>")
    .option("--kind <kind>")
    .option("--demo")
    .option("--format <format>", "table, csv or json", "table")
    .action(async (o: { icb: string; kind?: string; demo?: boolean; format: string }, command: Command) => {
      const { parseFormat } = await import("../output.ts");
      const { systemOrganisations } = await import("../../app/plan-organisations.ts");
      const orgs = await withCommandStore(command, (store) =>
        systemOrganisations(store, { synthetic: o.demo ?? false, icb: o.icb }),
      );
      out(
        renderRecords(
          orgs
            .filter((x) => !o.kind || x.kind === o.kind)
            .map((x) => ({
              key: x.key,
              kind: x.kind,
              name: x.name,
              code: x.code,
              within: x.parentKey,
              clinical_director: x.clinicalDirector,
            })),
          parseFormat(o.format),
        ),
      );
    });
  org
    .command("add")
    .requiredOption("--icb <code>")
    .requiredOption(
      "--kind <kind>",
      "lmc, federation, acute-trust, community-trust, mental-health-trust, local-authority, hwb, vcse, healthwatch or ppg",
    )
    .requiredOption("--name <name>")
    .option("--code <code>", "its ODS code")
    .option("--demo")
    .option("--as <name>", AS_HELP)
    .action(
      async (
        o: { icb: string; kind: string; name: string; code?: string; demo?: boolean; as?: string },
        command: Command,
      ) => {
        const { addSystemOrganisation } = await import("../../app/plan-organisations.ts");
        const { auditedChange } = await import("../../app/plan-audit.ts");
        const { as, ...request } = o;
        const r = await withCommandStore(command, (store) =>
          auditedChange(
            store,
            cliActor(as),
            // As the API's POST /api/organisations records it (route-access.ts).
            { action: "organisation.add", target: () => `organisation:${o.icb}:${o.kind}:${o.name}` },
            () => addSystemOrganisation(store, { ...request, synthetic: o.demo ?? false }),
          ),
        );
        out(`Added ${r.key}: ${r.name} (${r.kind}).`);
      },
    );
  const person = plan.command("person").description("people: add, list");
  person
    .command("add")
    .requiredOption("--name <name>")
    .requiredOption(
      "--staff-group <group>",
      "gp-partner, salaried-gp, practice-nurse, practice-manager, community-nurse, social-worker, pcn-clinical-director, lmc-officer, patient-representative, …",
    )
    .option("--organisation <key>", "org:3, pcn:U99001, …")
    .option(
      "--role <role>",
      "icb-planner, lmc-officer, pcn-clinical-director, hwb-chair, icb-board, practice-manager, viewer",
    )
    .option("--as <name>", AS_HELP)
    .action(
      async (
        o: { name: string; staffGroup: string; organisation?: string; role?: string; as?: string },
        command: Command,
      ) => {
        const { addSystemPerson } = await import("../../app/plan-organisations.ts");
        const { auditedChange } = await import("../../app/plan-audit.ts");
        const { as, ...request } = o;
        const r = await withCommandStore(command, (store) =>
          auditedChange(store, cliActor(as), { action: "person.add", target: (p) => `person:${p.id}` }, () =>
            addSystemPerson(store, request),
          ),
        );
        out(`Added person ${r.id}: ${r.name} (${r.staffGroup}).`);
      },
    );
  person.command("list").action(async (_o: unknown, command: Command) => {
    const { systemPeople } = await import("../../app/plan-organisations.ts");
    const people = await withCommandStore(command, (store) => systemPeople(store));
    out(
      renderRecords(
        people.map((p) => ({
          id: p.id,
          name: p.name,
          staff_group: p.staffGroup,
          organisation: p.organisationKey,
          role: p.role,
        })),
        "table",
      ),
    );
  });
  plan
    .command("demo")
    .description(
      "a sample plan in progress on the demo (engagement, a version in LMC review, compliance gaps)",
    )
    .action(async (_o: unknown, command: Command) => {
      const { createDemoPlan } = await import("../../app/plan-demo.ts");
      const { planView } = await import("../../app/plan.ts");
      const view = await withCommandStore(command, async (store) =>
        planView(store, (await createDemoPlan(store)).name),
      );
      out(showText(view));
    });
}

export function registerPlan(program: Command): void {
  const plan = program
    .command("plan")
    .description(
      "the ICS primary care plan: built from the data, developed with the LMC, signed off, exported",
    );
  registerCore(plan);
  registerEdits(plan);
  registerWorkflow(plan);
  registerEngagement(plan);
  registerEvidence(plan);
  registerRegistry(plan);
}
