// Preloaded into every process of the everyday tier (`npm test`, through NODE_OPTIONS, so the CLI's child
// processes get it too). Most of its ~90 files are short processes that open an embedded store once: V8's
// tier-up of PGlite's WebAssembly (PostgreSQL compiled to wasm, optimised again by TurboFan in background
// threads as functions get hot) then costs more CPU than the faster code gives back before the process
// ends. Liftoff, V8's baseline compiler, alone: about 1–1.5 s less CPU a file (measured on
// test/sources/errors.test.ts 6.7 → 5.0 s and test/api/api.test.ts 10.2 → 8.7 s). The heavy tier, whose
// imports and solves run long, keeps V8's default. Results do not depend on the tier: WebAssembly is
// deterministic.
import { setFlagsFromString } from "node:v8";

setFlagsFromString("--liftoff-only");
