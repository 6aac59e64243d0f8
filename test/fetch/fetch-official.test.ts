import assert from "node:assert/strict";
import { createHash } from "node:crypto";
import { existsSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import {
  extractLinks,
  fetchOfficial,
  linkDate,
  readFetchManifest,
  rewriteUrl,
  type FetchOutcome,
} from "../../src/app/fetch-official.ts";
import { recogniseFile } from "../../src/app/import-files.ts";
import { describeFile } from "../../src/sources/file.ts";
import { FETCH_SOURCES, fetchSourceById, type FetchSource } from "../../src/sources/fetch/manifest.ts";
import { formatById } from "../../src/sources/registry.ts";
import { shared, tempDir } from "../helpers.ts";
import {
  html,
  makeZip,
  MAP_ZIP,
  officialRoutes,
  REGISTRATIONS,
  startMirror,
  type Mirror,
  type Route,
} from "./mirror.ts";

const MAP_CSV = shared("registrations/gp-reg-pat-prac-map_2026-01.csv");
const sha256 = (path: string) => createHash("sha256").update(readFileSync(path)).digest("hex");

const byId = (outcomes: FetchOutcome[], id: string) => {
  const o = outcomes.find((x) => x.source.id === id);
  assert.ok(o, `no outcome for ${id}`);
  return o;
};
const fetched = (o: FetchOutcome) => {
  assert.equal(o.status, "fetched", o.status === "failed" ? o.error : o.status);
  if (o.status !== "fetched") throw new Error("unreachable");
  return o;
};
const failed = (o: FetchOutcome) => {
  assert.equal(o.status, "failed", `expected ${o.source.id} to fail, got ${o.status}`);
  if (o.status !== "failed") throw new Error("unreachable");
  return o;
};

/** Runs a mirror with the official routes, changed by `edit`, for one test. */
async function withMirror<T>(edit: (routes: Map<string, Route>) => void, work: (m: Mirror) => Promise<T>) {
  const routes = officialRoutes();
  edit(routes);
  const mirror = await startMirror(routes);
  try {
    return await work(mirror);
  } finally {
    await mirror.close();
  }
}

describe("icsplan fetch: link finding", () => {
  test("extractLinks resolves relative hrefs and decodes entities and nested tags", () => {
    const links = extractLinks(
      `<a href="/a/b.zip">Mapping <span>[zip]</span></a> <A HREF='x.csv?y=1&amp;z=2'>X&nbsp;file</A>
       <a name="top">no href</a> <a href="#main">skip</a> <a href="mailto:x@y">mail</a>`,
      "https://digital.nhs.uk/pub/page",
    );
    assert.deepEqual(links, [
      { href: "https://digital.nhs.uk/a/b.zip", text: "Mapping [zip]" },
      { href: "https://digital.nhs.uk/pub/x.csv?y=1&z=2", text: "X file" },
    ]);
  });

  test("linkDate reads monthly, day-month-year, fiscal-year and year links", () => {
    const d = (href: string, text = "") => linkDate({ href, text });
    assert.equal(d("https://x/patients-registered-at-a-gp-practice/january-2026"), 20260101);
    assert.equal(d("https://x/general-and-personal-medical-services/31-december-2025"), 20251231);
    assert.equal(d("https://x/nhs-payments-to-general-practice/england-2024-25"), 20240401);
    assert.equal(d("https://x/latest", "Patients Registered at a GP Practice, March 2025"), 20250301);
    assert.equal(d("https://x/about"), undefined);
    assert.ok(d("https://x/pub/december-2025")! < d("https://x/pub/january-2026")!);
  });

  test("rewriteUrl replaces the origin and keeps a base path prefix", () => {
    assert.equal(
      rewriteUrl("https://files.digital.nhs.uk/AB/12/x.zip?a=1", "http://127.0.0.1:9/mirror/"),
      "http://127.0.0.1:9/mirror/AB/12/x.zip?a=1",
    );
    assert.equal(
      rewriteUrl("http://127.0.0.1:9/mirror/AB", "http://127.0.0.1:9/mirror"),
      "http://127.0.0.1:9/mirror/AB",
    );
    assert.equal(rewriteUrl("https://a/b", undefined), "https://a/b");
  });

  test("every manifest entry has a unique id and output file, and an importer format id", () => {
    assert.equal(new Set(FETCH_SOURCES.map((s) => s.id)).size, FETCH_SOURCES.length);
    assert.equal(new Set(FETCH_SOURCES.map((s) => s.saveAs)).size, FETCH_SOURCES.length);
    for (const s of FETCH_SOURCES) assert.match(s.format, /^[a-z0-9-]+$/);
  });

  test("the manifest names the format that recognises the files it serves in the mirror", async () => {
    // Each served shared/data file must be recognised as the manifest's format, if any importer knows it.
    const served: [string, string][] = [
      ["gp-reg-pat-prac-map", "registrations/gp-reg-pat-prac-map_2026-01.csv"],
      ["gp-reg-pat-prac-all", "registrations/gp-reg-pat-prac-all_2025-04.csv"],
      [
        "gp-reg-pat-prac-lsoa-all",
        "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
      ],
      ["epraccur", "practices/epraccur_2026-02.csv"],
      ["nhs-payments", "payments/nhs-payments-gp_2021-22.csv"],
      [
        "pcn-workforce-individual",
        "workforce/pcn_individual_level/pcn-workforce-individual-level_2022-09.csv",
      ],
      ["icb-boundaries", "boundaries/icb_2023-04_en_bsc.geojson"],
      ["sub-icb-boundaries", "boundaries/sub_icb_2023-04_en_bsc.geojson"],
      ["nhs-region-boundaries", "boundaries/nhs_england_regions_2024-01_en_bsc.geojson"],
    ];
    for (const [id, path] of served) {
      const recognised = await recogniseFile(await describeFile(shared(path)));
      if (recognised) assert.equal(fetchSourceById(id)?.format, recognised.id, `${id}: ${path}`);
    }
  });
});

describe("icsplan fetch from a mirror of the official sites", () => {
  let mirror: Mirror;
  before(async () => (mirror = await startMirror(officialRoutes())));
  after(async () => mirror.close());

  test("map: newest monthly page → hashed zip link → unzip → recognised → fetch-manifest.json", async () => {
    const out = tempDir();
    const outcomes = await fetchOfficial({ outDir: out, baseUrl: mirror.url, only: ["gp-reg-pat-prac-map"] });
    const o = fetched(byId(outcomes, "gp-reg-pat-prac-map"));
    assert.equal(
      o.file.url,
      `${mirror.url}${MAP_ZIP}`,
      "the absolute files.digital.nhs.uk link is rewritten",
    );
    assert.equal(o.file.page, `${mirror.url}${REGISTRATIONS}/january-2026`, "the newest month is chosen");
    assert.equal(o.file.format, "gp-reg-pat-prac-map");
    assert.equal(o.file.archive?.entry, "gp-reg-pat-prac-map.csv");
    const saved = join(out, "gp-reg-pat-prac-map.csv");
    assert.equal(sha256(saved), sha256(MAP_CSV), "the CSV is byte-for-byte the published one");
    assert.equal(o.file.sha256, sha256(MAP_CSV));
    assert.equal(o.file.bytes, readFileSync(MAP_CSV).length);
    assert.deepEqual(readdirSync(out).sort(), ["fetch-manifest.json", "gp-reg-pat-prac-map.csv"]);
    const manifest = readFetchManifest(out);
    assert.ok(manifest);
    assert.equal(manifest.manifest_version, 1);
    assert.equal(manifest.base_url, mirror.url);
    assert.equal(manifest.files.length, 1);
    const entry = manifest.files[0]!;
    assert.equal(entry.url, o.file.url);
    assert.equal(entry.sha256, o.file.sha256);
    assert.equal(entry.bytes, o.file.bytes);
    assert.match(entry.fetched_at, /^\d{4}-\d{2}-\d{2}T/);
    assert.equal(entry.publication, fetchSourceById("gp-reg-pat-prac-map")!.publication);
    const zipSize = makeZip([{ name: "gp-reg-pat-prac-map.csv", data: readFileSync(MAP_CSV) }]).length;
    assert.equal(entry.archive?.bytes, zipSize);
  });

  test("all sources: served files are fetched, missing links fail clearly, manual ones are skipped", async () => {
    const out = tempDir();
    const outcomes = await fetchOfficial({ outDir: out, baseUrl: mirror.url });
    assert.deepEqual(
      outcomes.map((o) => o.source.id),
      FETCH_SOURCES.map((s) => s.id),
    );
    for (const id of [
      "gp-reg-pat-prac-map",
      "gp-reg-pat-prac-all",
      "gp-reg-pat-prac-lsoa-all",
      "epraccur",
      "nhs-payments",
      "pcn-workforce-individual",
      "icb-boundaries",
      "sub-icb-boundaries",
      "nhs-region-boundaries",
    ]) {
      const o = fetched(byId(outcomes, id));
      assert.ok(existsSync(join(out, o.file.file)));
      if (formatById(o.source.format)) assert.equal(o.file.format, o.source.format);
      else assert.match(o.notes.join(" "), /not checked: this version of icsplan has no importer/);
    }
    // The LSOA file is quarterly: the newest monthly pages lack it, so older ones are tried.
    const lsoa = fetched(byId(outcomes, "gp-reg-pat-prac-lsoa-all"));
    assert.equal(lsoa.file.page, `${mirror.url}${REGISTRATIONS}/october-2025`);
    assert.match(lsoa.notes.join(" "), /newer pages .*january-2026.*december-2025.*november-2025.*had no/);
    // A percent-encoded link (spaces, an en dash) matched on its decoded address.
    assert.match(fetched(byId(outcomes, "pcn-workforce-individual")).file.url, /Individual%20Level\.csv$/);
    // The payments page is the newest year (2021-22 listed after 2020-21).
    assert.match(fetched(byId(outcomes, "nhs-payments")).file.url, /nhspaymentsgp-21-22-prac-csv\.csv$/);

    const singAge = failed(byId(outcomes, "gp-reg-pat-prac-sing-age-regions"));
    assert.match(singAge.error, /^gp-reg-pat-prac-sing-age-regions: no link to the single-year-of-age file/);
    assert.match(
      singAge.error,
      new RegExp(`on ${mirror.url}${REGISTRATIONS}/january-2026: expected a link with`),
    );
    assert.match(singAge.error, /found 3 links, none matching \(e\.g\. .*gp-reg-pat-prac-map\.zip/);
    const workforce = failed(byId(outcomes, "gp-workforce-practice"));
    assert.match(
      workforce.error,
      /31-january-2026: expected a link with an address matching .*GPWPracticeCSV.*found no links at all/,
    );

    for (const id of ["epcn", "iod2025-file1"]) {
      const o = byId(outcomes, id);
      assert.equal(o.status, "manual");
      if (o.status === "manual") assert.match(o.reason, /Excel workbook.*CSV/);
    }
    const manifest = readFetchManifest(out)!;
    assert.deepEqual(
      manifest.files.map((f) => f.id),
      outcomes.filter((o) => o.status === "fetched").map((o) => o.source.id),
    );
    assert.ok(!readdirSync(out).some((f) => f.startsWith(".")), "no partial downloads are left behind");
  });

  test("dry run lists the plan without any request", async () => {
    const before = mirror.hits.length;
    const out = join(tempDir(), "never-created");
    const outcomes = await fetchOfficial({ outDir: out, baseUrl: mirror.url, dryRun: true });
    assert.equal(mirror.hits.length, before);
    assert.equal(existsSync(out), false);
    const map = byId(outcomes, "gp-reg-pat-prac-map");
    assert.equal(map.status, "planned");
    if (map.status === "planned") {
      assert.match(map.plan[0]!, new RegExp(`^open ${mirror.url}${REGISTRATIONS}$`));
      assert.match(map.plan.join("\n"), /newest link to the monthly publication page/);
    }
    assert.equal(byId(outcomes, "iod2025-file1").status, "manual");
  });

  test("unknown --only ids are refused, naming the known ones", async () => {
    await assert.rejects(
      fetchOfficial({ outDir: tempDir(), only: ["gp-reg-pat-prac-map", "nope"] }),
      /Unknown source 'nope'\. Known sources: gp-reg-pat-prac-map, /,
    );
  });
});

describe("icsplan fetch failures", () => {
  const only = ["gp-reg-pat-prac-map", "epraccur"];

  test("a page without the expected link: a clear error, and the other sources are still fetched", async () => {
    await withMirror(
      (routes) =>
        routes.set(`${REGISTRATIONS}/january-2026`, {
          type: "text/html",
          body: html("January 2026", [["/x/gp-reg-pat-prac-all.zip", "Totals"]]),
        }),
      async (m) => {
        const out = tempDir();
        const outcomes = await fetchOfficial({ outDir: out, baseUrl: m.url, only });
        const o = failed(byId(outcomes, "gp-reg-pat-prac-map"));
        assert.equal(
          o.error,
          `gp-reg-pat-prac-map: no link to the mapping file gp-reg-pat-prac-map.zip (or .csv) on ` +
            `${m.url}${REGISTRATIONS}/january-2026: expected a link with an address matching ` +
            `/\\/gp-reg-pat-prac-map\\.(zip|csv)$/i; found 1 link, none matching (e.g. ${m.url}/x/gp-reg-pat-prac-all.zip)`,
        );
        fetched(byId(outcomes, "epraccur"));
        assert.deepEqual(
          readFetchManifest(out)!.files.map((f) => f.id),
          ["epraccur"],
        );
      },
    );
  });

  test("a landing page without any dated sub-page link", async () => {
    await withMirror(
      (routes) =>
        routes.set(REGISTRATIONS, { type: "text/html", body: html("Moved", [["/elsewhere", "Elsewhere"]]) }),
      async (m) => {
        const o = failed(
          byId(await fetchOfficial({ outDir: tempDir(), baseUrl: m.url, only }), "gp-reg-pat-prac-map"),
        );
        assert.match(
          o.error,
          /no link to the monthly publication page .* on http:\/\/127\.0\.0\.1:\d+\/data-and-information/,
        );
      },
    );
  });

  test("a 404 for the file names the URL and what was expected", async () => {
    await withMirror(
      (routes) => routes.delete(MAP_ZIP),
      async (m) => {
        const outcomes = await fetchOfficial({ outDir: tempDir(), baseUrl: m.url, only });
        const o = failed(byId(outcomes, "gp-reg-pat-prac-map"));
        assert.equal(
          o.error,
          `gp-reg-pat-prac-map: GET ${m.url}${MAP_ZIP} (expected the mapping file gp-reg-pat-prac-map.zip (or .csv)) ` +
            `answered HTTP 404 Not Found`,
        );
        assert.equal(o.url, `${m.url}${MAP_ZIP}`);
        fetched(byId(outcomes, "epraccur"));
      },
    );
  });

  test("a 404 for the landing page", async () => {
    await withMirror(
      (routes) => routes.delete(REGISTRATIONS),
      async (m) => {
        const o = failed(
          byId(await fetchOfficial({ outDir: tempDir(), baseUrl: m.url, only }), "gp-reg-pat-prac-map"),
        );
        assert.match(
          o.error,
          /GET .*patients-registered-at-a-gp-practice \(expected the publication page of .*\) answered HTTP 404/,
        );
      },
    );
  });

  test("a corrupt zip is reported and leaves no file behind", async () => {
    await withMirror(
      (routes) => {
        const zip = makeZip([{ name: "gp-reg-pat-prac-map.csv", data: readFileSync(MAP_CSV) }]);
        routes.set(MAP_ZIP, { type: "application/zip", body: zip.subarray(0, zip.length - 100) });
      },
      async (m) => {
        const out = tempDir();
        const o = failed(
          byId(await fetchOfficial({ outDir: out, baseUrl: m.url, only }), "gp-reg-pat-prac-map"),
        );
        assert.match(
          o.error,
          new RegExp(
            `^gp-reg-pat-prac-map: ${m.url}${MAP_ZIP}: 'gp-reg-pat-prac-map\\.zip' is not a readable ZIP archive: ` +
              `no end-of-central-directory record`,
          ),
        );
        assert.deepEqual(readdirSync(out).sort(), ["epraccur.csv", "fetch-manifest.json"]);
      },
    );
  });

  test("a zip without the expected entry lists what it holds", async () => {
    await withMirror(
      (routes) =>
        routes.set(MAP_ZIP, {
          body: makeZip([
            { name: "readme.txt", data: "x" },
            { name: "a.pdf", data: "y" },
          ]),
        }),
      async (m) => {
        const o = failed(
          byId(await fetchOfficial({ outDir: tempDir(), baseUrl: m.url, only }), "gp-reg-pat-prac-map"),
        );
        assert.match(
          o.error,
          /has no entry matching .*gp-reg-pat-prac-map.*; it holds 'readme\.txt', 'a\.pdf'/,
        );
      },
    );
  });

  test("a file that is not the expected format is refused and does not replace the earlier copy", async () => {
    const out = tempDir();
    writeFileSync(join(out, "gp-reg-pat-prac-map.csv"), "earlier copy");
    await withMirror(
      (routes) =>
        routes.set(MAP_ZIP, {
          body: makeZip([{ name: "gp-reg-pat-prac-map.csv", data: "CODE,NAME\nA81001,A SURGERY\n" }]),
        }),
      async (m) => {
        const o = failed(
          byId(await fetchOfficial({ outDir: out, baseUrl: m.url, only }), "gp-reg-pat-prac-map"),
        );
        assert.match(
          o.error,
          /expected a file icsplan recognises as gp-reg-pat-prac-map, found a file no importer recognises \(first line: 'CODE,NAME'\)/,
        );
        assert.equal(readFileSync(join(out, "gp-reg-pat-prac-map.csv"), "utf8"), "earlier copy");
      },
    );
  });

  test("an HTML page instead of the file", async () => {
    await withMirror(
      (routes) =>
        routes.set("/api/getReport?report=epraccur", { type: "text/html", body: html("Sign in", []) }),
      async (m) => {
        const o = failed(byId(await fetchOfficial({ outDir: tempDir(), baseUrl: m.url, only }), "epraccur"));
        assert.match(
          o.error,
          /^epraccur: http:.*report=epraccur: expected the epraccur extract .*, found an HTML page/,
        );
      },
    );
  });

  test("an ArcGIS error reply instead of GeoJSON", async () => {
    await withMirror(
      (routes) => {
        for (const [path] of routes) {
          if (path.includes("Integrated_Care_Boards_April_2026")) {
            routes.set(path, {
              body: '{"error":{"code":400,"message":"Invalid or missing input parameters.","details":[]}}',
            });
          }
        }
      },
      async (m) => {
        const o = failed(
          byId(
            await fetchOfficial({ outDir: tempDir(), baseUrl: m.url, only: ["icb-boundaries"] }),
            "icb-boundaries",
          ),
        );
        assert.match(o.error, /found an error reply: Invalid or missing input parameters\./);
      },
    );
  });

  test("a gzip-encoded response is decoded, and the saved file is the published one", async () => {
    await withMirror(
      (routes) => {
        const path = "/api/getReport?report=epraccur";
        routes.set(path, { ...routes.get(path)!, gzip: true });
      },
      async (m) => {
        const out = tempDir();
        const o = fetched(byId(await fetchOfficial({ outDir: out, baseUrl: m.url, only }), "epraccur"));
        assert.equal(o.file.sha256, sha256(shared("practices/epraccur_2026-02.csv")));
        assert.equal(sha256(join(out, "epraccur.csv")), o.file.sha256);
      },
    );
  });

  test("a download cut short is reported with the bytes received", async () => {
    await withMirror(
      (routes) => routes.set(MAP_ZIP, { body: Buffer.alloc(200_000, 1), truncateAt: 50_000 }),
      async (m) => {
        const o = failed(
          byId(await fetchOfficial({ outDir: tempDir(), baseUrl: m.url, only }), "gp-reg-pat-prac-map"),
        );
        assert.match(
          o.error,
          new RegExp(`^gp-reg-pat-prac-map: downloading ${m.url}${MAP_ZIP} .* stopped after \\d+ bytes`),
        );
      },
    );
  });

  test("an empty file is reported as empty", async () => {
    await withMirror(
      (routes) => routes.set("/api/getReport?report=epraccur", { body: "" }),
      async (m) => {
        const o = failed(byId(await fetchOfficial({ outDir: tempDir(), baseUrl: m.url, only }), "epraccur"));
        assert.match(
          o.error,
          /^epraccur: .*report=epraccur: expected the epraccur extract .*, found an empty file$/,
        );
      },
    );
  });

  test("offline: a connection refused names the source and URL; the run goes on", async () => {
    const m = await startMirror(new Map());
    const url = m.url;
    await m.close();
    const outcomes = await fetchOfficial({ outDir: tempDir(), baseUrl: url, only });
    assert.equal(outcomes.length, 2);
    for (const o of outcomes) {
      const f = failed(o);
      assert.match(
        f.error,
        new RegExp(`^${f.source.id}: GET ${url}/.* could not connect \\(ECONNREFUSED\\)`),
      );
    }
  });

  test("a page that never answers times out", async () => {
    await withMirror(
      (routes) => routes.set(REGISTRATIONS, { hang: true }),
      async (m) => {
        const started = performance.now();
        const outcomes = await fetchOfficial({ outDir: tempDir(), baseUrl: m.url, only, pageTimeoutMs: 300 });
        assert.ok(performance.now() - started < 5000);
        const o = failed(byId(outcomes, "gp-reg-pat-prac-map"));
        assert.match(o.error, /no complete response within 0\.3 s$/);
        fetched(byId(outcomes, "epraccur"));
      },
    );
  });

  test("--only refreshes some sources and keeps the others in fetch-manifest.json", async () => {
    await withMirror(
      () => {},
      async (m) => {
        const out = tempDir();
        await fetchOfficial({ outDir: out, baseUrl: m.url, only });
        const first = readFetchManifest(out)!;
        await fetchOfficial({ outDir: out, baseUrl: m.url, only: ["epraccur"] });
        const second = readFetchManifest(out)!;
        assert.deepEqual(
          second.files.map((f) => f.id),
          ["gp-reg-pat-prac-map", "epraccur"],
        );
        assert.deepEqual(second.files[0], first.files[0]);
        assert.notEqual(second.files[1]!.fetched_at, first.files[1]!.fetched_at);
      },
    );
  });

  test("a custom source list: a direct URL with a stored (uncompressed) zip", async () => {
    const source: FetchSource = {
      ...fetchSourceById("gp-reg-pat-prac-map")!,
      id: "custom-map",
      pages: [],
      file: { describe: "a stored zip", url: "https://example.org/files/map.zip" },
      saveAs: "custom-map.csv",
    };
    await withMirror(
      (routes) =>
        routes.set("/files/map.zip", {
          body: makeZip([{ name: "data/gp-reg-pat-prac-map.csv", data: readFileSync(MAP_CSV), method: 0 }]),
        }),
      async (m) => {
        const out = tempDir();
        const o = fetched(
          byId(await fetchOfficial({ outDir: out, baseUrl: m.url, sources: [source] }), "custom-map"),
        );
        assert.equal(o.file.url, `${m.url}/files/map.zip`);
        assert.equal(o.file.page, null);
        assert.equal(sha256(join(out, "custom-map.csv")), sha256(MAP_CSV));
      },
    );
  });
});
