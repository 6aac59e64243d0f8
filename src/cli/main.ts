// The icsplan command line. Each command lives in its own file under commands/ and stays thin: it parses
// options, opens the store, calls a use case and prints.
import { setFlagsFromString } from "node:v8";
import { createProgram } from "./program.ts";
import { runMain } from "./run.ts";
import { liftoffOnly } from "./wasm-tier.ts";

// Before the store's WebAssembly is compiled (the first open), so it takes effect.
if (liftoffOnly(process.argv.slice(2))) setFlagsFromString("--liftoff-only");

await runMain(createProgram());
