// Benchmark: a national-sized patients-per-practice-per-LSOA file (~1,000,000 rows in the official
// gp-reg-pat-prac-lsoa-all layout), made from the real Staffordshire & Stoke subset's shape: every practice
// of the January 2026 map gets the catchment profile (rows and patients per row) of a subset practice.
// The practice register is imported first so the strict practice join is exercised. Target: under 10 s.
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { once } from "node:events";
import { importFiles } from "../src/app/import-files.ts";
import { readCsv } from "../src/sources/csv.ts";
import { describeFile } from "../src/sources/file.ts";
import { openStore } from "../src/store/store.ts";
import { freshDir, peakRssMb, report, SHARED, timed } from "./common.ts";

const TARGET_ROWS = 1_000_000;

async function column(path: string, name: string): Promise<string[][]> {
  const rows: string[][] = [];
  let index = -1;
  for await (const r of readCsv(await describeFile(path))) {
    if (index === -1) index = r.fields.indexOf(name);
    else rows.push(r.fields);
  }
  return rows;
}

const { dir, cleanup } = freshDir("icsplan-bench-lsoa-");
try {
  const subset = await column(
    join(
      SHARED,
      "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
    ),
    "LSOA_CODE",
  );
  const profiles = new Map<string, number[]>();
  for (const f of subset) {
    const list = profiles.get(f[1]!) ?? [];
    list.push(Number(f[3]));
    profiles.set(f[1]!, list);
  }
  const shapes = [...profiles.values()];
  const practices = (
    await column(join(SHARED, "registrations/gp-reg-pat-prac-map_2026-01.csv"), "PRACTICE_CODE")
  ).map((f) => f[2]!);
  const path = join(dir, "gp-reg-pat-prac-lsoa-all.csv");
  const out = createWriteStream(path);
  out.write("PUBLICATION,EXTRACT_DATE,PRACTICE_CODE,PRACTICE_NAME,LSOA_CODE,SEX,NUMBER_OF_PATIENTS\n");
  let rows = 0;
  const perPractice = Math.ceil(TARGET_ROWS / practices.length);
  for (let p = 0; p < practices.length && rows < TARGET_ROWS; p++) {
    const shape = shapes[p % shapes.length]!;
    const lines: string[] = [];
    for (let k = 0; k < perPractice && rows < TARGET_ROWS; k++, rows++) {
      // Distinct LSOAs within a practice: the step 7,919 is coprime with 33,755.
      const lsoa = `E01${String(((p * 104729 + k * 7919) % 33755) + 1).padStart(6, "0")}`;
      lines.push(
        `GP_PRAC_PAT_LIST,01Oct2025,${practices[p]},PRACTICE ${p},${lsoa},ALL,${shape[k % shape.length]}`,
      );
    }
    if (!out.write(lines.join("\n") + "\n")) await once(out, "drain");
  }
  out.end();
  await once(out, "finish");

  const store = await openStore({ dataDir: join(dir, "store") });
  try {
    await importFiles(store, [join(SHARED, "practices/epraccur_2026-02.csv")]);
    const { value: outcomes, seconds } = await timed(() => importFiles(store, [path]));
    const o = outcomes[0]!;
    if (o.status !== "imported")
      throw new Error(
        `LSOA import failed: ${o.status === "rejected" ? o.error : o.status === "skipped" ? o.reason : o.status}`,
      );
    report("lsoa-national", {
      seconds,
      rows: o.result.rows,
      rows_per_second: o.result.rows / seconds,
      peak_rss_mb: peakRssMb(),
    });
  } finally {
    await store.close();
  }
} finally {
  cleanup();
}
