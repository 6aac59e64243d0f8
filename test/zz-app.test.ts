import { test } from "node:test";
import "../src/cli/program.ts";
import "../src/api/app.ts";
test("x", () => {});
