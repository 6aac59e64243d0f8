// Reads a query's rows as one JSON document built by Postgres, then JSON.parse. PGlite decodes result rows
// field by field in JavaScript (~3 µs a field); one text field is about four times faster for the thousands
// of rows a picture of England needs. The document is columnar — one json_agg per column, in one pass, so
// every column's array is in the same row order — because turning each row into a JSON object (json_agg(t))
// costs Postgres three times as much (org_map, 6,600 rows × 16 columns: 20 ms against 63 ms) and repeats
// every key in every row. A first query of one row names the columns. Dates come back as ISO strings,
// numbers as numbers.
import { CompiledQuery, type Compilable, type Kysely } from "kysely";
import { fromColumns } from "./columns.ts";

/** json_build_array takes at most 100 arguments: wider selections are built in chunks. */
const CHUNK = 90;

const quoteIdent = (name: string) => `"${name.replaceAll('"', '""')}"`;

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export async function selectJsonRows<R>(db: Kysely<any>, query: Compilable<R>): Promise<R[]> {
  const compiled = query.compile();
  const parameters = [...compiled.parameters];
  const probe = await db.executeQuery<{ row: string | null }>(
    CompiledQuery.raw(`select row_to_json(t)::text as row from (${compiled.sql}) t limit 1`, parameters),
  );
  const first = probe.rows[0]?.row;
  if (first == null) return [];
  const columns = Object.keys(JSON.parse(first) as Record<string, unknown>);
  const chunks: string[] = [];
  for (let i = 0; i < columns.length; i += CHUNK)
    chunks.push(
      `json_build_array(${columns
        .slice(i, i + CHUNK)
        .map((c) => `json_agg(t.${quoteIdent(c)})`)
        .join(", ")})`,
    );
  const result = await db.executeQuery<{ rows: string }>(
    CompiledQuery.raw(
      `select json_build_array(${chunks.join(", ")})::text as rows from (${compiled.sql}) t`,
      parameters,
    ),
  );
  const values = (JSON.parse(result.rows[0]!.rows) as unknown[][][]).flat() as unknown[][];
  return fromColumns<R>({ keys: columns, values });
}
