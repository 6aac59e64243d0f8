// `icsplan serve [--port 8080] [--host 127.0.0.1] [--demo]`: the web app at / and the HTTP API (routes under
// /api/, the OpenAPI document at /api/openapi.json, a reference at /api/docs), with the store held open
// until Ctrl-C.
import type { Command } from "commander";
import { storeOptions, UsageError } from "../run.ts";

export function registerServe(program: Command): void {
  program
    .command("serve")
    .description("serve the web app and the HTTP API (and keep the store open) until Ctrl-C")
    .option("--port <n>", "TCP port (0: any free port)", "8080")
    .option("--host <host>", "address to listen on", "127.0.0.1")
    .option("--demo", "load the synthetic demo first if the store has none")
    .option("--auth", "require login (users of `icsplan users`); always on with PostgreSQL")
    .action(
      async (opts: { port: string; host: string; demo?: boolean; auth?: boolean }, command: Command) => {
        const port = Number(opts.port);
        if (!Number.isInteger(port) || port < 0 || port > 65535)
          throw new UsageError(`--port must be a whole number from 0 to 65535; found '${opts.port}'`, {
            field: "port",
          });
        const { serveApi } = await import("../../api/serve.ts");
        const log = (line: string) => process.stderr.write(`${line}\n`);
        let served;
        try {
          served = await serveApi({
            store: storeOptions(command),
            port,
            host: opts.host,
            demo: opts.demo ?? false,
            auth: opts.auth ?? false,
            log,
          });
        } catch (error) {
          const code = (error as NodeJS.ErrnoException).code;
          if (code === "EADDRINUSE")
            throw new UsageError(`port ${port} on ${opts.host} is in use; choose another with --port`, {
              field: "port",
            });
          if (code === "EADDRNOTAVAIL" || code === "ENOTFOUND")
            throw new UsageError(
              `cannot listen on '${opts.host}'; use an address of this machine, e.g. 127.0.0.1`,
              { field: "host" },
            );
          throw error;
        }
        process.stdout.write(
          `icsplan at ${served.url}/ (the web app; the API at ${served.url}/api/, reference ${served.url}/api/docs); Ctrl-C to stop\n`,
        );
        await new Promise<void>((resolve) => {
          const stop = () => resolve();
          process.once("SIGINT", stop);
          process.once("SIGTERM", stop);
        });
        await served.close();
        process.stdout.write("Stopped; the store is closed.\n");
      },
    );
}
