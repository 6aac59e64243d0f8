// Test fixture: opens the embedded store in the folder given as the first argument, says `ready` and holds
// it open until SIGTERM (then closes it cleanly). Used by lock.test.ts as "another process".
import { openStore } from "../../src/store/store.ts";

const store = await openStore({ dataDir: process.argv[2] });
process.on("SIGTERM", () => {
  void store.close().then(() => process.exit(0));
});
setInterval(() => {}, 60_000);
process.stdout.write(`ready ${process.pid}\n`);
