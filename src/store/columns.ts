// Rows of one shape held by column: one array per key. Postgres builds query results this way
// (json-rows.ts), and the derived cache stores large row lists this way (far smaller JSON than row objects).

/** Rows of one shape as one array per key (the first row's keys): far smaller JSON than row objects. */
export interface Columns {
  keys: string[];
  values: unknown[][];
}

export function toColumns<T extends object>(rows: readonly T[]): Columns {
  const keys = rows.length > 0 ? Object.keys(rows[0]!) : [];
  return {
    keys,
    values: keys.map((k) => rows.map((r) => (r as Record<string, unknown>)[k])),
  };
}

export function fromColumns<T>(columns: Columns): T[] {
  const { keys, values } = columns;
  const n = values[0]?.length ?? 0;
  const rows = new Array<T>(n);
  for (let i = 0; i < n; i++) {
    const row: Record<string, unknown> = {};
    for (let k = 0; k < keys.length; k++) row[keys[k]!] = values[k]![i];
    rows[i] = row as T;
  }
  return rows;
}
