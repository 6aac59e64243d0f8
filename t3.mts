import { openStore } from "./src/store/store.ts";
import { importFiles } from "./src/app/import-files.ts";
const s = await openStore({ dataDir: "/tmp/t3store" });
for (const f of ["payments/nhs-payments-gp_2021-22.csv","payments/nhs-payments-gp_2021-22.csv","workforce/heec_practice_workforce_fy2016-2024_gp_admin.csv"]) {
  const t = performance.now();
  const o = await importFiles(s, ["../shared/data/"+f]);
  console.log(f, "import", (performance.now() - t).toFixed(0), o[0]!.status);
}
await s.close();
