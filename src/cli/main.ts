// The icsplan command line. Each command lives in its own file under commands/ and stays thin: it parses
// options, opens the store, calls a use case and prints.
import { createProgram } from "./program.ts";
import { runMain } from "./run.ts";

await runMain(createProgram());
