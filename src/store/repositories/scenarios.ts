// Saved scenarios: named network designs, closures, mergers and allocations, with the request that made
// them, their result, and the practice → network configuration they leave behind. Saving is one statement
// (one transaction): a scenario is either wholly saved or not at all.
import { RequestError } from "../../model/errors.ts";
import type { Kysely } from "kysely";
import type { ScenarioConfiguration } from "../../model/scenario.ts";
import type { Database } from "../schema.ts";

export type { ScenarioConfiguration, ScenarioPractice } from "../../model/scenario.ts";

type Db = Kysely<Database>;

export const SCENARIO_KINDS = ["network-design", "closure", "merger", "allocation"] as const;
export type ScenarioKind = (typeof SCENARIO_KINDS)[number];

export type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

export interface ScenarioSummary {
  id: number;
  name: string;
  kind: ScenarioKind;
  synthetic: boolean;
  /** ICB or sub-ICB code. */
  area: string;
  /** Date of the PCN map the scenario starts from. */
  mapDate: string;
  createdAt: string;
  description: string;
}

export interface ScenarioRecord extends ScenarioSummary {
  request: Json;
  result: Json;
  configuration: ScenarioConfiguration | null;
}

export class ScenarioExistsError extends RequestError {
  constructor(name: string) {
    super(`a scenario named '${name}' already exists; choose another name, or replace it with --replace`, {
      kind: "conflict",
      field: "name",
    });
    this.name = "ScenarioExistsError";
  }
}

export class ScenarioNameError extends RequestError {
  override name = "ScenarioNameError";
  constructor(message: string) {
    super(message, { field: "name" });
  }
}

/** Names are what users type: 1–80 characters of letters, digits, space, . _ - ( ) and /. */
export function checkScenarioName(name: string): string {
  const trimmed = name.trim();
  if (!/^[\p{L}\p{N}][\p{L}\p{N} ._\-()/]{0,79}$/u.test(trimmed))
    throw new ScenarioNameError(
      `a scenario name must be 1–80 letters, digits, spaces or . _ - ( ) /, starting with a letter or digit; found '${name}'`,
    );
  return trimmed;
}

const SUMMARY = ["id", "name", "kind", "synthetic", "area", "map_date", "created_at", "description"] as const;

const toSummary = (r: {
  id: number;
  name: string;
  kind: string;
  synthetic: boolean;
  area: string;
  map_date: string;
  created_at: string;
  description: string;
}): ScenarioSummary => ({
  id: r.id,
  name: r.name,
  kind: r.kind as ScenarioKind,
  synthetic: r.synthetic,
  area: r.area,
  mapDate: r.map_date,
  createdAt: new Date(r.created_at).toISOString(),
  description: r.description,
});

const parsed = <T>(value: unknown): T => (typeof value === "string" ? JSON.parse(value) : value) as T;

/**
 * Saves a scenario. With `replace`, a scenario of the same name is replaced in the same transaction;
 * without it, an existing name is a ScenarioExistsError and nothing is written.
 */
/**
 * Checks, before any work is done, that a scenario can be saved under `name`: a valid name, and free
 * unless it is to be replaced (saveScenario checks again when it saves). Returns the name as it is saved.
 */
export async function checkScenarioSave(db: Db, name: string, replace = false): Promise<string> {
  const trimmed = checkScenarioName(name);
  if (replace) return trimmed;
  const existing = await db
    .selectFrom("scenario")
    .select("id")
    .where("name", "=", trimmed)
    .executeTakeFirst();
  if (existing) throw new ScenarioExistsError(trimmed);
  return trimmed;
}

export async function saveScenario(
  db: Db,
  record: Omit<ScenarioRecord, "id" | "createdAt">,
  options: { replace?: boolean } = {},
): Promise<ScenarioRecord> {
  const name = checkScenarioName(record.name);
  if (!SCENARIO_KINDS.includes(record.kind))
    throw new RangeError(`unknown scenario kind '${record.kind}' (expected ${SCENARIO_KINDS.join(", ")})`);
  return db.transaction().execute(async (tx) => {
    const existing = await tx.selectFrom("scenario").select("id").where("name", "=", name).executeTakeFirst();
    if (existing && !options.replace) throw new ScenarioExistsError(name);
    if (existing) await tx.deleteFrom("scenario").where("id", "=", existing.id).execute();
    const row = await tx
      .insertInto("scenario")
      .values({
        name,
        kind: record.kind,
        synthetic: record.synthetic,
        area: record.area,
        map_date: record.mapDate,
        description: record.description,
        request: JSON.stringify(record.request),
        result: JSON.stringify(record.result),
        configuration: record.configuration === null ? null : JSON.stringify(record.configuration),
      })
      .returning(SUMMARY)
      .executeTakeFirstOrThrow();
    return {
      ...toSummary(row),
      request: record.request,
      result: record.result,
      configuration: record.configuration,
    };
  });
}

/** Saved scenarios, newest first, without their contents. */
export async function listScenarios(
  db: Db,
  filter: { synthetic?: boolean; kind?: ScenarioKind } = {},
): Promise<ScenarioSummary[]> {
  let q = db.selectFrom("scenario").select(SUMMARY);
  if (filter.synthetic !== undefined) q = q.where("synthetic", "=", filter.synthetic);
  if (filter.kind !== undefined) q = q.where("kind", "=", filter.kind);
  const rows = await q.orderBy("created_at", "desc").orderBy("id", "desc").execute();
  return rows.map(toSummary);
}

export async function getScenario(db: Db, name: string): Promise<ScenarioRecord | null> {
  const row = await db
    .selectFrom("scenario")
    .select([...SUMMARY, "request", "result", "configuration"])
    .where("name", "=", name.trim())
    .executeTakeFirst();
  if (!row) return null;
  return {
    ...toSummary(row),
    request: parsed<Json>(row.request),
    result: parsed<Json>(row.result),
    configuration: parsed<ScenarioConfiguration | null>(row.configuration),
  };
}

export async function deleteScenario(db: Db, name: string): Promise<boolean> {
  const result = await db.deleteFrom("scenario").where("name", "=", name.trim()).executeTakeFirst();
  return Number(result.numDeletedRows) > 0;
}
