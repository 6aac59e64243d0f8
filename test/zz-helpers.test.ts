import { test } from "node:test";
import "./helpers.ts";
test("x", () => {});
