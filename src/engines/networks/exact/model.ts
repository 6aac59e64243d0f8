// The set-partitioning model in CPLEX LP format: one variable per candidate network (binary, or in [0, 1]
// for the LP relaxation), one equality per unit (each unit in exactly one chosen network), minimising the
// summed column costs. `subset` restricts the model to some columns (column generation); variable yK is
// then the K-th column of the subset.
import type { Columns } from "./columns.ts";

export function setPartitioningLp(
  unitCount: number,
  columns: Columns,
  options: { subset?: readonly number[]; relax?: boolean } = {},
): string {
  const subset = options.subset ?? Array.from({ length: columns.units.length }, (_, j) => j);
  const byUnit: number[][] = Array.from({ length: unitCount }, () => []);
  subset.forEach((j, k) => columns.units[j]!.forEach((u) => byUnit[u]!.push(k)));
  const lines: string[] = ["Minimize", " obj:"];
  const terms: string[] = [];
  subset.forEach((j, k) => {
    const c = columns.cost[j]!;
    terms.push(`${c >= 0 ? "+" : "-"} ${Math.abs(c).toPrecision(15)} y${k}`);
  });
  for (let i = 0; i < terms.length; i += 8) lines.push(`  ${terms.slice(i, i + 8).join(" ")}`);
  lines.push("Subject To");
  byUnit.forEach((ks, u) =>
    lines.push(` u${u}: ${ks.length === 0 ? "0 y0" : ks.map((k) => `y${k}`).join(" + ")} = 1`),
  );
  const names = (from: number) =>
    `  ${Array.from({ length: Math.min(20, subset.length - from) }, (_, i) => `y${from + i}`).join(" ")}`;
  if (options.relax) {
    lines.push("Bounds");
    for (let k = 0; k < subset.length; k++) lines.push(` 0 <= y${k} <= 1`);
  } else {
    lines.push("Binary");
    for (let k = 0; k < subset.length; k += 20) lines.push(names(k));
  }
  lines.push("End");
  return lines.join("\n");
}
