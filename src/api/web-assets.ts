// Serves the web workspace beside the API: the built app (dist/web, made by `npm run build:web`), the
// NHS.UK frontend's styles and images from node_modules, with its web-font rules removed (they point at
// a CDN; the styles fall back to Arial), and index.html for every app path so a shared link opens its page
// (the app routes on the client). Nothing is fetched from another host.
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, extname, join, resolve, sep } from "node:path";
import { fileURLToPath } from "node:url";

const TYPES: Record<string, string> = {
  ".html": "text/html; charset=utf-8",
  ".js": "text/javascript; charset=utf-8",
  ".mjs": "text/javascript; charset=utf-8",
  ".css": "text/css; charset=utf-8",
  ".svg": "image/svg+xml",
  ".png": "image/png",
  ".ico": "image/x-icon",
  ".json": "application/json",
  ".map": "application/json",
  ".woff2": "font/woff2",
  ".txt": "text/plain; charset=utf-8",
};

/** The repository (or installed package) root: the nearest folder above this module with package.json. */
export function packageRoot(from = dirname(fileURLToPath(import.meta.url))): string {
  let dir = from;
  while (!existsSync(join(dir, "package.json"))) {
    const up = dirname(dir);
    if (up === dir) throw new Error(`no package.json above ${from}`);
    dir = up;
  }
  return dir;
}

export interface WebAssetOptions {
  /** The built app (default: dist/web under the package root). */
  webRoot?: string;
  /** node_modules holding nhsuk-frontend (default: under the package root). */
  nodeModules?: string;
}

/** The NHS.UK frontend CSS served locally: no @font-face (CDN fonts), image URLs under /vendor/nhsuk/. */
export function localNhsCss(css: string): string {
  return css
    .replace(/@font-face\s*\{[^}]*\}/g, "")
    .replace(/url\(\s*(["']?)\/assets\/images\//g, "url($1/vendor/nhsuk/images/");
}

const NOT_BUILT = `<!doctype html><html lang="en-GB"><head><meta charset="utf-8"><title>icsplan: the web app is not built</title></head>
<body><h1>The web app is not built</h1><p>Run <code>npm run build:web</code> (or <code>npm start</code>, which builds it
and serves the demo), then reload this page. The API is served at <a href="/api/docs">/api/docs</a>.</p></body></html>`;

const within = (root: string, path: string) => path === root || path.startsWith(root + sep);

const builtApp = (options: WebAssetOptions) => resolve(options.webRoot ?? join(packageRoot(), "dist", "web"));

/** Whether the web app has been built (its index.html is there). */
export function webAppBuilt(options: WebAssetOptions = {}): boolean {
  return existsSync(join(builtApp(options), "index.html"));
}

export function createWebAssets(options: WebAssetOptions = {}): (request: Request) => Response {
  const root = packageRoot();
  const webRoot = builtApp(options);
  const nhsuk = join(options.nodeModules ?? join(root, "node_modules"), "nhsuk-frontend", "dist", "nhsuk");
  let nhsCss: string | undefined;

  const file = (path: string, cache: string, status = 200): Response | undefined => {
    if (!existsSync(path) || !statSync(path).isFile()) return undefined;
    return new Response(readFileSync(path), {
      status,
      headers: {
        "content-type": TYPES[extname(path)] ?? "application/octet-stream",
        "cache-control": cache,
        "x-content-type-options": "nosniff",
      },
    });
  };
  const notFound = (what: string) =>
    new Response(`not found: ${what}\n`, {
      status: 404,
      headers: { "content-type": "text/plain; charset=utf-8" },
    });

  return (request) => {
    if (request.method !== "GET" && request.method !== "HEAD")
      return new Response("only GET and HEAD are served here\n", {
        status: 405,
        headers: { allow: "GET, HEAD" },
      });
    let path: string;
    try {
      path = decodeURIComponent(new URL(request.url).pathname);
    } catch {
      return notFound("a path that is not valid URL encoding");
    }
    if (path.includes("\0") || path.split("/").includes("..")) return notFound(path);

    if (path === "/vendor/nhsuk/nhsuk-frontend.css") {
      nhsCss ??= localNhsCss(readFileSync(join(nhsuk, "nhsuk-frontend.min.css"), "utf8"));
      return new Response(nhsCss, {
        headers: { "content-type": TYPES[".css"]!, "cache-control": "public, max-age=3600" },
      });
    }
    const image = /^\/vendor\/nhsuk\/images\/([\w.-]+)$/.exec(path);
    if (image)
      return file(join(nhsuk, "assets", "images", image[1]!), "public, max-age=86400") ?? notFound(path);

    const index = join(webRoot, "index.html");
    if (!existsSync(index))
      return new Response(NOT_BUILT, { status: 503, headers: { "content-type": TYPES[".html"]! } });
    if (path.startsWith("/assets/")) {
      const target = resolve(webRoot, `.${path}`);
      // Hashed file names: a build never changes a file in place.
      return (
        (within(webRoot, target) && file(target, "public, max-age=31536000, immutable")) || notFound(path)
      );
    }
    if (extname(path) !== "") {
      const target = resolve(webRoot, `.${path}`);
      return (within(webRoot, target) && file(target, "no-cache")) || notFound(path);
    }
    // An app path: the client routes it.
    return file(index, "no-cache")!;
  };
}
