// An NHS table whose column headers sort it (a button in each header; aria-sort says the order), with a
// caption and, when the API serves the same rows as CSV, a download link.
import type { ComponentChildren } from "preact";
import { useState } from "preact/hooks";
import { sortRows, type Cell, type SortDirection } from "../sort.ts";

export interface Column<R> {
  key: string;
  label: string;
  numeric?: boolean;
  value: (row: R) => Cell;
  render?: (row: R) => ComponentChildren;
}

export function SortableTable<R>({
  id,
  caption,
  columns,
  rows,
  rowKey,
  csv,
  initial,
}: {
  id: string;
  caption: string;
  columns: Column<R>[];
  rows: readonly R[];
  rowKey: (row: R) => string;
  csv?: { href: string; label: string } | undefined;
  initial?: { key: string; direction: SortDirection };
}) {
  const [order, setOrder] = useState<{ key: string; direction: SortDirection } | undefined>(initial);
  const column = columns.find((c) => c.key === order?.key);
  const shown = column && order ? sortRows(rows, column.value, order.direction) : rows;
  const toggle = (c: Column<R>) =>
    setOrder((o) => ({
      key: c.key,
      direction:
        o?.key === c.key
          ? o.direction === "ascending"
            ? "descending"
            : "ascending"
          : c.numeric
            ? "descending"
            : "ascending",
    }));
  return (
    <div class="icsplan-table" id={id}>
      <div class="nhsuk-table-container" role="region" aria-labelledby={`${id}-caption`} tabIndex={0}>
        <table class="nhsuk-table nhsuk-table--sortable">
          <caption class="nhsuk-table__caption nhsuk-table__caption--m" id={`${id}-caption`}>
            {caption}
            <span class="nhsuk-u-visually-hidden"> (Column headers are sortable)</span>
          </caption>
          <thead class="nhsuk-table__head">
            <tr class="nhsuk-table__row">
              {columns.map((c) => (
                <th
                  key={c.key}
                  class={`nhsuk-table__header${c.numeric ? " nhsuk-table__header--numeric" : ""}`}
                  scope="col"
                  aria-sort={order?.key === c.key ? order.direction : "none"}
                >
                  <button type="button" class="icsplan-sort" onClick={() => toggle(c)} data-column={c.key}>
                    {c.label}
                  </button>
                </th>
              ))}
            </tr>
          </thead>
          <tbody class="nhsuk-table__body">
            {shown.map((r) => (
              <tr class="nhsuk-table__row" key={rowKey(r)}>
                {columns.map((c) => (
                  <td
                    key={c.key}
                    class={`nhsuk-table__cell${c.numeric ? " nhsuk-table__cell--numeric" : ""}`}
                    data-column={c.key}
                  >
                    {c.render ? c.render(r) : (c.value(r) ?? "–")}
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      {csv ? (
        <p class="nhsuk-body-s">
          <a href={csv.href} download>
            {csv.label}
          </a>
        </p>
      ) : null}
    </div>
  );
}
