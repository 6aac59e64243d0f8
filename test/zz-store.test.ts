import { test } from "node:test";
import { memoryStore } from "./helpers.ts";
test("x", async () => { const s = await memoryStore(); await s.close(); });
