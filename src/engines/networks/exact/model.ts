// The set-partitioning MIP in CPLEX LP format: one binary per candidate network, one equality per unit
// (each unit in exactly one chosen network), minimising the summed column costs.
import type { Columns } from "./columns.ts";

export function setPartitioningLp(unitCount: number, columns: Columns): string {
  const byUnit: number[][] = Array.from({ length: unitCount }, () => []);
  columns.units.forEach((us, j) => us.forEach((u) => byUnit[u]!.push(j)));
  const lines: string[] = ["Minimize", " obj:"];
  const terms: string[] = [];
  columns.cost.forEach((c, j) => terms.push(`${c >= 0 ? "+" : "-"} ${Math.abs(c).toPrecision(15)} y${j}`));
  for (let i = 0; i < terms.length; i += 8) lines.push(`  ${terms.slice(i, i + 8).join(" ")}`);
  lines.push("Subject To");
  byUnit.forEach((js, u) =>
    lines.push(` u${u}: ${js.length === 0 ? "0 y0" : js.map((j) => `y${j}`).join(" + ")} = 1`),
  );
  lines.push("Binary");
  for (let j = 0; j < columns.units.length; j += 20) {
    lines.push(
      `  ${Array.from({ length: Math.min(20, columns.units.length - j) }, (_, k) => `y${j + k}`).join(" ")}`,
    );
  }
  lines.push("End");
  return lines.join("\n");
}
