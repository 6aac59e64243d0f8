import { test } from "node:test";
import { openStore } from "../src/store/store.ts";
test("x", async () => { const s = await openStore({dataDir:"memory://"}); await s.close(); const t0=process.cpuUsage(); const s2 = await openStore({dataDir:"memory://"}); await s2.close(); console.log("second", process.cpuUsage(t0)); });
