import { openStore } from "./src/store/store.ts";
import { describeFile } from "./src/sources/file.ts";
import { practiceLsoa } from "./src/sources/registrations/practice-lsoa.ts";
const store = process.env.STORE ? await openStore({ dataDir: "memory://" }) : undefined;
const file = await describeFile("/tmp/icsbench/t300.csv");
const t = performance.now();
const r = await practiceLsoa.import({ file, datasetId: 1, strictJoins: false, practiceRegister: async () => undefined, progress: () => {}, write: async () => {} });
console.log(r.rows, ((performance.now() - t) / 1000).toFixed(2));
await store?.close();
