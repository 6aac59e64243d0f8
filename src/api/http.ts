// What every route module shares: CSV answers, problem answers, the picture of a query, and the OpenAPI
// response shapes (JSON, JSON-or-CSV, the problem documents).
import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { PictureRequest } from "../app/picture.ts";
import { RequestError } from "../model/errors.ts";
import { problem, type Problem } from "./problem.ts";
import * as s from "./schemas.ts";

const csvCell = (v: unknown) => {
  if (v === null || v === undefined) return "";
  const text = String(v);
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
};

/** Rows as CSV with a header (also when there are no rows); columns default to the first row's keys. */
export function toCsv(rows: readonly object[], columns?: readonly string[]): string {
  const header = columns ?? (rows[0] ? Object.keys(rows[0]) : []);
  return [
    header.join(","),
    ...rows.map((r) => header.map((c) => csvCell((r as Record<string, unknown>)[c])).join(",")),
  ].join("\n");
}

export const wantsCsv = (c: Context, format: string | undefined) =>
  format === "csv" || (format === undefined && (c.req.header("accept") ?? "").includes("text/csv"));

export const csvResponse = (c: Context, text: string) =>
  c.body(`${text}\n`, 200, { "content-type": "text/csv; charset=utf-8" });

export const problemJson = (c: Context, p: Problem) =>
  c.body(JSON.stringify(p), p.status as 400, { "content-type": "application/problem+json" });

export { problem };

/** The picture a query or body asks for: real or demo, the date, the lists. */
export const pictureOf = (q: {
  demo?: boolean | undefined;
  date?: string | undefined;
  lists?: string | undefined;
}): PictureRequest & { synthetic: boolean } => ({
  synthetic: q.demo ?? false,
  date: q.date,
  lists: q.lists,
});

export const jsonContent = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema } },
  description,
});

export const csvAlso = <T extends z.ZodType>(schema: T, description: string) => ({
  content: { "application/json": { schema }, "text/csv": { schema: z.string() } },
  description,
});

const problemContent = (description: string) => ({
  content: { "application/problem+json": { schema: s.Problem } },
  description,
});

export const errors = {
  400: problemContent("A field is not valid"),
  404: problemContent("An area, scenario or dataset is not there"),
} as const;

export const conflicts = {
  409: problemContent("The store holds something of that name already"),
  422: problemContent("The request is valid but cannot be done on this data"),
} as const;

/** A JSON request body of this schema. */
export const jsonBody = <T extends z.ZodType>(schema: T) => ({
  body: { content: { "application/json": { schema } }, required: true },
});

/** Names `field` in an invalid-request error thrown by a parser that knows no field names. */
const named = (field: string) => (error: unknown) => {
  if (error instanceof RequestError && error.field === undefined && error.kind === "invalid")
    return new RequestError(error.message, { kind: error.kind, field });
  return error;
};

export function asField<T>(field: string, parse: () => T): T {
  try {
    const result = parse();
    if (result instanceof Promise)
      return result.catch((error: unknown) => {
        throw named(field)(error);
      }) as T;
    return result;
  } catch (error) {
    throw named(field)(error);
  }
}

const camel = (flag: string) => flag.replace(/-([a-z])/g, (_, ch: string) => ch.toUpperCase());

/**
 * Use cases shared with the CLI word some messages by their flag (`--fund must be …`): an error without a
 * field gets the field its first flag names (`fund`), so the problem document points at the body property.
 */
export async function withFlagFields<T>(work: Promise<T> | (() => Promise<T>)): Promise<T> {
  try {
    return await (typeof work === "function" ? work() : work);
  } catch (error) {
    if (error instanceof RequestError && error.field === undefined) {
      const flag = /--([a-z][a-z-]*)/.exec(error.message)?.[1];
      // "--icb: no ICB has…" reads "no ICB has…" with the field named beside it.
      const message = error.message.replace(/^--[a-z][a-z-]*: /, "");
      if (flag) throw new RequestError(message, { kind: error.kind, field: camel(flag), cause: error.cause });
    }
    throw error;
  }
}
