// Serves the HTTP API (under /api/) and the web app (every other path, web-assets.ts) on a port: opens
// the store once and keeps it (and its warm pictures) open until SIGINT/SIGTERM, then closes it. With `demo`, loads the synthetic demo first when the store has none.
import { serve as serveNode } from "@hono/node-server";
import { listDatasets } from "../app/datasets.ts";
import { loadDemo } from "../app/load-demo.ts";
import { createDemoPlan } from "../app/plan-demo.ts";
import { usersExist } from "../app/accounts.ts";
import { openStore, type StoreOptions } from "../store/store.ts";
import { createApi } from "./app.ts";
import { JobRegistry } from "./jobs.ts";
import { createWebAssets, webAppBuilt, type WebAssetOptions } from "./web-assets.ts";

export interface ServeOptions {
  store: StoreOptions;
  port: number;
  host: string;
  demo: boolean;
  /** Require login (always with PostgreSQL): the users of `icsplan users`. */
  auth?: boolean;
  log: (line: string) => void;
  /** The web app beside the API (paths outside /api/); default: the built app in dist/web. */
  web?: WebAssetOptions;
}

export async function serveApi(options: ServeOptions): Promise<{ url: string; close: () => Promise<void> }> {
  const store = await openStore(options.store);
  try {
    if (options.demo && !(await listDatasets(store)).some((d) => d.synthetic)) {
      options.log("Loading the synthetic demo ICS…");
      await loadDemo(store);
    }
    // The demo shows a sample plan in progress (engagement, a version in LMC review, compliance gaps).
    if (options.demo) await createDemoPlan(store);
  } catch (error) {
    await store.close();
    throw error;
  }
  const jobs = new JobRegistry();
  // The embedded store serves one local user without login; PostgreSQL (or --auth) serves users who sign in.
  const login = options.auth === true || store.kind === "postgres";
  options.log(
    login
      ? "Login required (PostgreSQL or --auth): users sign in at POST /api/session."
      : "No login: the embedded store serves one local user (serve --auth to require login).",
  );
  if (login && !(await usersExist(store)))
    options.log(
      "Login is required and there are no users yet: add one with `icsplan users add NAME --role icb-planner:CODE --password-stdin`.",
    );
  const api = createApi(store, {
    jobs,
    auth: { login },
    onError: (error) => options.log(`error: ${(error as Error).stack ?? String(error)}`),
  });
  const web = createWebAssets(options.web);
  if (!webAppBuilt(options.web))
    options.log(
      "The web app is not built (dist/web): run `npm run build:web`, or `npm start`; the API is served.",
    );
  const fetch = (request: Request) => {
    const path = new URL(request.url).pathname;
    return path === "/api" || path.startsWith("/api/") ? api.fetch(request) : web(request);
  };
  const server = await new Promise<ReturnType<typeof serveNode>>((resolve, reject) => {
    const s = serveNode({ fetch, port: options.port, hostname: options.host }, () => resolve(s));
    s.once("error", reject);
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const address = server.address();
  const port = typeof address === "object" && address ? address.port : options.port;
  const url = `http://${options.host.includes(":") ? `[${options.host}]` : options.host}:${port}`;
  store.noteLock({ url });
  const close = async () => {
    jobs.cancelAll();
    await new Promise<void>((resolve) => server.close(() => resolve()));
    await store.close();
  };
  return { url, close };
}
