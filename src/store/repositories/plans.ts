// Storage of plans: user-added organisations and people, plans with their evidence, engagement records,
// versions and sign-offs. Storage only: what may change when is decided in src/engines/plan/. Every write
// that must be all-or-nothing is one transaction; an edit names the revision it started from and is
// refused (conflict) when another edit came first.
import { sql, type Kysely, type Transaction } from "kysely";
import type {
  EngagementRecord,
  EvidenceItem,
  Organisation,
  OrganisationKind,
  Person,
  Plan,
  PlanComment,
  PlanContent,
  PlanRole,
  PlanState,
  PlanVersion,
  SignOff,
  StaffGroup,
  WorkflowStep,
} from "../../model/plan.ts";
import { RequestError } from "../../model/errors.ts";
import type { Database } from "../schema.ts";

type Db = Kysely<Database> | Transaction<Database>;

const parsed = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;
// A timestamptz comes back as a Date (PGlite, pg) or a string: String(date) would drop its milliseconds,
// and evidence made in the same second as an import would then look made after it.
const iso = (value: unknown): string =>
  (value instanceof Date ? value : new Date(String(value))).toISOString();

export class PlanExistsError extends RequestError {
  override name = "PlanExistsError";
  constructor(name: string) {
    super(`a plan named '${name}' already exists; choose another name`, { kind: "conflict", field: "name" });
  }
}

/** Another edit was saved since the one this edit started from: nothing was written. */
export class PlanRevisionConflictError extends RequestError {
  override name = "PlanRevisionConflictError";
  constructor(
    readonly expected: number,
    readonly current: number,
    readonly currentContent: PlanContent,
  ) {
    super(
      `the plan was changed by someone else since revision ${expected} (it is now at revision ${current}); ` +
        "nothing was saved: reload it and apply your change again",
      { kind: "conflict", field: "revision" },
    );
  }
}

// ── Organisations and people ────────────────────────────────────────────────────────────────────────

export async function addOrganisation(
  db: Db,
  org: {
    kind: OrganisationKind;
    name: string;
    code: string | null;
    icbCode: string | null;
    parentKey: string | null;
  },
): Promise<Organisation> {
  const existing = await db
    .selectFrom("plan_organisation")
    .select("id")
    .where("kind", "=", org.kind)
    .where("name", "=", org.name)
    .where((eb) => (org.icbCode === null ? eb("icb_code", "is", null) : eb("icb_code", "=", org.icbCode)))
    .executeTakeFirst();
  if (existing)
    throw new RequestError(`there is already a ${org.kind} named '${org.name}' (org:${existing.id})`, {
      kind: "conflict",
      field: "name",
    });
  const row = await db
    .insertInto("plan_organisation")
    .values({
      kind: org.kind,
      name: org.name,
      code: org.code,
      icb_code: org.icbCode,
      parent_key: org.parentKey,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { key: `org:${row.id}`, ...org, clinicalDirector: null, fromData: false };
}

export async function listOrganisations(db: Db, icbCode?: string): Promise<Organisation[]> {
  let q = db.selectFrom("plan_organisation").selectAll();
  if (icbCode !== undefined)
    q = q.where((eb) => eb.or([eb("icb_code", "=", icbCode), eb("icb_code", "is", null)]));
  const rows = await q.orderBy("kind").orderBy("name").execute();
  return rows.map((r) => ({
    key: `org:${r.id}`,
    kind: r.kind as OrganisationKind,
    name: r.name,
    code: r.code,
    icbCode: r.icb_code,
    parentKey: r.parent_key,
    clinicalDirector: null,
    fromData: false,
  }));
}

export async function addPerson(
  db: Db,
  person: { name: string; organisationKey: string | null; staffGroup: StaffGroup; role: PlanRole | null },
): Promise<Person> {
  const row = await db
    .insertInto("plan_person")
    .values({
      name: person.name,
      organisation_key: person.organisationKey,
      staff_group: person.staffGroup,
      role: person.role,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, ...person };
}

export async function listPeople(db: Db): Promise<Person[]> {
  const rows = await db.selectFrom("plan_person").selectAll().orderBy("name").execute();
  return rows.map((r) => ({
    id: r.id,
    name: r.name,
    organisationKey: r.organisation_key,
    staffGroup: r.staff_group as StaffGroup,
    role: r.role as PlanRole | null,
  }));
}

// ── Plans ───────────────────────────────────────────────────────────────────────────────────────────

const toPlan = (r: {
  id: number;
  name: string;
  state: string;
  revision: number;
  content: unknown;
  created_at: string;
  updated_at: string;
}): Plan => ({
  id: r.id,
  name: r.name,
  state: r.state as PlanState,
  revision: r.revision,
  content: parsed<PlanContent>(r.content),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
});

const evidenceValues = (planId: number, e: EvidenceItem) => ({
  plan_id: planId,
  key: e.key,
  title: e.title,
  use_case: e.useCase,
  request: JSON.stringify(e.request),
  summary: JSON.stringify(e.summary),
  datasets: JSON.stringify(e.datasets),
  unavailable: e.unavailable ?? null,
  created_at: e.createdAt,
});

/** A new plan with its evidence, in one transaction; PlanExistsError when the name is taken. */
export async function createPlan(
  db: Kysely<Database>,
  plan: { name: string; content: PlanContent; evidence: EvidenceItem[] },
): Promise<Plan> {
  return db.transaction().execute(async (tx) => {
    const existing = await tx
      .selectFrom("plan")
      .select("id")
      .where("name", "=", plan.name)
      .executeTakeFirst();
    if (existing) throw new PlanExistsError(plan.name);
    const row = await tx
      .insertInto("plan")
      .values({ name: plan.name, state: "draft", content: JSON.stringify(plan.content) })
      .returningAll()
      .executeTakeFirstOrThrow();
    if (plan.evidence.length > 0)
      await tx
        .insertInto("plan_evidence")
        .values(plan.evidence.map((e) => evidenceValues(row.id, e)))
        .execute();
    return toPlan(row);
  });
}

export async function getPlan(db: Db, name: string): Promise<Plan | null> {
  const row = await db.selectFrom("plan").selectAll().where("name", "=", name).executeTakeFirst();
  return row ? toPlan(row) : null;
}

/** Deletes a plan with its evidence, engagement, comments, versions and sign-offs (ON DELETE CASCADE). */
export async function deletePlan(db: Db, planId: number): Promise<void> {
  await db.deleteFrom("plan").where("id", "=", planId).execute();
}

export async function listPlans(db: Db): Promise<Plan[]> {
  const rows = await db.selectFrom("plan").selectAll().orderBy("name").execute();
  return rows.map(toPlan);
}

/**
 * Saves new content when the plan is still at `expectedRevision` (one conditional UPDATE), raising the
 * revision; else PlanRevisionConflictError with the content saved by the other edit.
 */
export async function updatePlanContent(
  db: Db,
  planId: number,
  expectedRevision: number,
  content: PlanContent,
): Promise<Plan> {
  const row = await db
    .updateTable("plan")
    .set({
      content: JSON.stringify(content),
      revision: sql<number>`revision + 1`,
      updated_at: new Date().toISOString(),
    })
    .where("id", "=", planId)
    .where("revision", "=", expectedRevision)
    .returningAll()
    .executeTakeFirst();
  if (row) return toPlan(row);
  const current = await db.selectFrom("plan").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
  const plan = toPlan(current);
  throw new PlanRevisionConflictError(expectedRevision, plan.revision, plan.content);
}

// ── Evidence ────────────────────────────────────────────────────────────────────────────────────────

export async function listEvidence(db: Db, planId: number): Promise<EvidenceItem[]> {
  const rows = await db
    .selectFrom("plan_evidence")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("key")
    .execute();
  return rows.map((r) => ({
    key: r.key,
    title: r.title,
    useCase: r.use_case,
    request: parsed<Record<string, unknown>>(r.request),
    summary: parsed<Record<string, unknown>>(r.summary),
    datasets: parsed<EvidenceItem["datasets"]>(r.datasets),
    createdAt: iso(r.created_at),
    ...(r.unavailable === null ? {} : { unavailable: r.unavailable }),
  }));
}

/**
 * Replaces the given evidence items of a plan (by key) and raises its revision (its figures changed), in
 * one transaction, while the plan is still at `expectedRevision` (else PlanRevisionConflictError).
 */
export async function replaceEvidence(
  db: Kysely<Database>,
  planId: number,
  expectedRevision: number,
  items: EvidenceItem[],
): Promise<void> {
  if (items.length === 0) return;
  await db.transaction().execute(async (tx) => {
    const plan = await tx.selectFrom("plan").selectAll().where("id", "=", planId).executeTakeFirstOrThrow();
    await updatePlanContent(tx, planId, expectedRevision, toPlan(plan).content);
    await tx
      .deleteFrom("plan_evidence")
      .where("plan_id", "=", planId)
      .where(
        "key",
        "in",
        items.map((e) => e.key),
      )
      .execute();
    await tx
      .insertInto("plan_evidence")
      .values(items.map((e) => evidenceValues(planId, e)))
      .execute();
  });
}

/** The datasets of the store, with their files' fingerprints and when they were imported. */
export async function datasetFingerprints(
  db: Db,
  synthetic: boolean,
): Promise<
  { id: number; source: string; period: string; referenceDate: string; sha256: string; importedAt: string }[]
> {
  const rows = await db
    .selectFrom("dataset")
    .select(["id", "source", "period", "reference_date", "file_sha256", "imported_at"])
    .where("synthetic", "=", synthetic)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    source: r.source,
    period: r.period,
    referenceDate: String(r.reference_date).slice(0, 10),
    sha256: r.file_sha256,
    importedAt: iso(r.imported_at),
  }));
}

// ── Engagement ──────────────────────────────────────────────────────────────────────────────────────

export async function addEngagement(
  db: Db,
  planId: number,
  record: Omit<EngagementRecord, "id">,
): Promise<EngagementRecord> {
  const row = await db
    .insertInto("plan_engagement")
    .values({
      plan_id: planId,
      date: record.date,
      kind: record.kind,
      forum: record.forum,
      organisations: JSON.stringify(record.organisations),
      attendees: JSON.stringify(record.attendees),
      settings: JSON.stringify(record.settings),
      asked: record.asked,
      heard: record.heard,
      changes: JSON.stringify(record.changes),
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return { id: row.id, ...record };
}

export async function listEngagement(db: Db, planId: number): Promise<EngagementRecord[]> {
  const rows = await db
    .selectFrom("plan_engagement")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("date")
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    date: String(r.date).slice(0, 10),
    kind: r.kind as EngagementRecord["kind"],
    forum: r.forum,
    organisations: parsed<string[]>(r.organisations),
    attendees: parsed<EngagementRecord["attendees"]>(r.attendees),
    settings: parsed<EngagementRecord["settings"]>(r.settings),
    asked: r.asked,
    heard: r.heard,
    changes: parsed<EngagementRecord["changes"]>(r.changes),
  }));
}

// ── Comments ────────────────────────────────────────────────────────────────────────────────────────

export async function addComment(
  db: Db,
  planId: number,
  comment: Omit<PlanComment, "id" | "at">,
): Promise<PlanComment> {
  const row = await db
    .insertInto("plan_comment")
    .values({
      plan_id: planId,
      section: comment.section,
      by_name: comment.by,
      role: comment.role,
      text: comment.text,
      revision: comment.revision,
    })
    .returning(["id", "at"])
    .executeTakeFirstOrThrow();
  return { ...comment, id: row.id, at: iso(row.at) };
}

export async function listComments(db: Db, planId: number): Promise<PlanComment[]> {
  const rows = await db
    .selectFrom("plan_comment")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    id: r.id,
    section: r.section as PlanComment["section"],
    by: r.by_name,
    role: r.role as PlanRole,
    text: r.text,
    revision: r.revision,
    at: iso(r.at),
  }));
}

// ── Versions and sign-offs ──────────────────────────────────────────────────────────────────────────

const toVersion = (r: {
  number: number;
  revision: number;
  created_by: string;
  note: string;
  snapshot: unknown;
  created_at: string;
}): PlanVersion => {
  const snapshot = parsed<{ content: PlanContent; evidence: EvidenceItem[] }>(r.snapshot);
  return {
    number: r.number,
    revision: r.revision,
    createdBy: r.created_by,
    note: r.note,
    createdAt: iso(r.created_at),
    content: snapshot.content,
    evidence: snapshot.evidence,
  };
};

export async function listVersions(db: Db, planId: number): Promise<PlanVersion[]> {
  const rows = await db
    .selectFrom("plan_version")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("number")
    .execute();
  return rows.map(toVersion);
}

export async function listSignOffs(db: Db, planId: number): Promise<SignOff[]> {
  const rows = await db
    .selectFrom("plan_signoff")
    .selectAll()
    .where("plan_id", "=", planId)
    .orderBy("id")
    .execute();
  return rows.map((r) => ({
    step: r.step as WorkflowStep,
    version: r.version,
    by: r.by_name,
    role: r.role as PlanRole,
    organisation: r.organisation,
    note: r.note,
    from: r.from_state as PlanState,
    to: r.to_state as PlanState,
    at: iso(r.at),
  }));
}

/** A version snapshot of the plan as it stands now (content and evidence); its number is the next one. */
export async function addVersion(
  db: Db,
  plan: Plan,
  evidence: EvidenceItem[],
  by: string,
  note: string,
): Promise<PlanVersion> {
  const last = await db
    .selectFrom("plan_version")
    .select((eb) => eb.fn.max("number").as("n"))
    .where("plan_id", "=", plan.id)
    .executeTakeFirst();
  const number = Number(last?.n ?? 0) + 1;
  const row = await db
    .insertInto("plan_version")
    .values({
      plan_id: plan.id,
      number,
      revision: plan.revision,
      created_by: by,
      note,
      snapshot: JSON.stringify({ content: plan.content, evidence }),
    })
    .returningAll()
    .executeTakeFirstOrThrow();
  return toVersion(row);
}

/**
 * Records a sign-off and moves the plan to its new state, in one transaction, only while the plan is
 * still in the state and revision the step was decided on (else conflict, nothing written).
 */
export async function recordSignOff(
  db: Db,
  plan: Plan,
  signOff: Omit<SignOff, "at" | "version">,
  version: { create: true; evidence: EvidenceItem[] } | { create: false; number: number },
  /** New content saved with the step (the HWB statement), in the same transaction. */
  content?: PlanContent,
): Promise<{ signOff: SignOff; version: number }> {
  return inTransaction(db, async (tx) => {
    const moved = await tx
      .updateTable("plan")
      .set({
        state: signOff.to,
        updated_at: new Date().toISOString(),
        ...(content ? { content: JSON.stringify(content), revision: plan.revision + 1 } : {}),
      })
      .where("id", "=", plan.id)
      .where("state", "=", plan.state)
      .where("revision", "=", plan.revision)
      .returning("id")
      .executeTakeFirst();
    if (!moved)
      throw new RequestError(
        "the plan changed while the step was being recorded; nothing was saved: try again",
        {
          kind: "conflict",
          field: "step",
        },
      );
    const saved = content ? { ...plan, content, revision: plan.revision + 1 } : plan;
    const number = version.create
      ? (await addVersion(tx, saved, version.evidence, signOff.by, `${signOff.step}: ${signOff.note}`)).number
      : version.number;
    const row = await tx
      .insertInto("plan_signoff")
      .values({
        plan_id: plan.id,
        step: signOff.step,
        version: number,
        by_name: signOff.by,
        role: signOff.role,
        organisation: signOff.organisation,
        note: signOff.note,
        from_state: signOff.from,
        to_state: signOff.to,
      })
      .returning("at")
      .executeTakeFirstOrThrow();
    return { signOff: { ...signOff, version: number, at: iso(row.at) }, version: number };
  });
}

// ── Section edits ───────────────────────────────────────────────────────────────────────────────────

/** Runs `work` in a transaction: a new one, or the caller's when `db` is one already. */
export function inTransaction<T>(db: Db, work: (tx: Transaction<Database>) => Promise<T>): Promise<T> {
  return db.isTransaction ? work(db as Transaction<Database>) : db.transaction().execute(work);
}

/** Who changed a section of a plan, how, and the plan revision the change made. */
export interface SectionEdit {
  section: string;
  change: string;
  by: string;
  revision: number;
  at: string;
}

/** The last edit of each section of a plan (sections never edited are absent). */
export async function lastSectionEdits(db: Db, planId: number): Promise<SectionEdit[]> {
  const rows = await db
    .selectFrom("plan_section_edit")
    .select(["section", "change", "by_name", "revision", "at"])
    .distinctOn("section")
    .where("plan_id", "=", planId)
    .orderBy("section")
    .orderBy("id", "desc")
    .execute();
  return rows.map((r) => ({
    section: r.section,
    change: r.change,
    by: r.by_name,
    revision: r.revision,
    at: iso(r.at),
  }));
}

/**
 * Saves an edit of one section in one transaction: the plan row is locked (FOR UPDATE), `decide` is given
 * the plan as it stands now and the section's last edit (it throws to refuse, e.g. a stale section token,
 * and nothing is written), the content it returns is saved with the revision raised, and who changed the
 * section is appended (in the caller's transaction when `db` is one).
 */
export async function saveSectionEdit(
  db: Db,
  planId: number,
  edit: { section: string; change: string; by: string },
  decide: (plan: Plan, last: SectionEdit | null) => PlanContent,
): Promise<Plan> {
  return inTransaction(db, async (tx) => {
    const row = await tx
      .selectFrom("plan")
      .selectAll()
      .where("id", "=", planId)
      .forUpdate()
      .executeTakeFirstOrThrow();
    const last = (await lastSectionEdits(tx, planId)).find((e) => e.section === edit.section) ?? null;
    const content = decide(toPlan(row), last);
    const saved = await tx
      .updateTable("plan")
      .set({
        content: JSON.stringify(content),
        revision: sql<number>`revision + 1`,
        updated_at: new Date().toISOString(),
      })
      .where("id", "=", planId)
      .returningAll()
      .executeTakeFirstOrThrow();
    const after = toPlan(saved);
    await tx
      .insertInto("plan_section_edit")
      .values({
        plan_id: planId,
        section: edit.section,
        change: edit.change,
        by_name: edit.by,
        revision: after.revision,
      })
      .execute();
    return after;
  });
}
