// Test helpers for `icsplan fetch`: a tiny ZIP writer, and a local HTTP server that mimics the official
// publication sites (landing pages, dated sub-pages, hashed file links) serving real files from
// ../shared/data. Run directly (`node --import tsx test/fetch/mirror.ts`), it starts the official mirror
// and prints its URL on the first line of stdout, so a CLI test can fetch from it in another process.
import { readFileSync } from "node:fs";
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { crc32, deflateRawSync, gzipSync } from "node:zlib";
import { shared } from "../helpers.ts";

// ---------------------------------------------------------------------------------------------------
// ZIP writer

export interface ZipInput {
  name: string;
  data: Buffer | string;
  /** 0 = stored, 8 = deflate (default), or any other number to write an unsupported method. */
  method?: number;
  /** General-purpose flags to add (e.g. 1 = encrypted). */
  flags?: number;
}

/** Builds a ZIP archive in memory; `zip64` writes ZIP64 records and extra fields as large archives do. */
export function makeZip(inputs: ZipInput[], options: { zip64?: boolean } = {}): Buffer {
  const zip64 = options.zip64 ?? false;
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const input of inputs) {
    const data = typeof input.data === "string" ? Buffer.from(input.data) : input.data;
    const method = input.method ?? 8;
    const packed = method === 8 ? deflateRawSync(data) : data;
    const name = Buffer.from(input.name, "utf8");
    const crc = crc32(data);
    const flags = 0x800 | (input.flags ?? 0);
    const version = zip64 ? 45 : 20;
    const localExtra = Buffer.alloc(zip64 ? 20 : 0);
    if (zip64) {
      localExtra.writeUInt16LE(1, 0);
      localExtra.writeUInt16LE(16, 2);
      localExtra.writeBigUInt64LE(BigInt(data.length), 4);
      localExtra.writeBigUInt64LE(BigInt(packed.length), 12);
    }
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(version, 4);
    local.writeUInt16LE(flags, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt16LE(0, 10);
    local.writeUInt16LE(0x21, 12);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(zip64 ? 0xffffffff : packed.length, 18);
    local.writeUInt32LE(zip64 ? 0xffffffff : data.length, 22);
    local.writeUInt16LE(name.length, 26);
    local.writeUInt16LE(localExtra.length, 28);
    locals.push(local, name, localExtra, packed);

    const centralExtra = Buffer.alloc(zip64 ? 28 : 0);
    if (zip64) {
      centralExtra.writeUInt16LE(1, 0);
      centralExtra.writeUInt16LE(24, 2);
      centralExtra.writeBigUInt64LE(BigInt(data.length), 4);
      centralExtra.writeBigUInt64LE(BigInt(packed.length), 12);
      centralExtra.writeBigUInt64LE(BigInt(offset), 20);
    }
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(version, 4);
    central.writeUInt16LE(version, 6);
    central.writeUInt16LE(flags, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt16LE(0, 12);
    central.writeUInt16LE(0x21, 14);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(zip64 ? 0xffffffff : packed.length, 20);
    central.writeUInt32LE(zip64 ? 0xffffffff : data.length, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt16LE(centralExtra.length, 30);
    central.writeUInt32LE(zip64 ? 0xffffffff : offset, 42);
    centrals.push(central, name, centralExtra);
    offset += local.length + name.length + localExtra.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const tail: Buffer[] = [];
  if (zip64) {
    const record = Buffer.alloc(56);
    record.writeUInt32LE(0x06064b50, 0);
    record.writeBigUInt64LE(44n, 4);
    record.writeUInt16LE(45, 12);
    record.writeUInt16LE(45, 14);
    record.writeBigUInt64LE(BigInt(inputs.length), 24);
    record.writeBigUInt64LE(BigInt(inputs.length), 32);
    record.writeBigUInt64LE(BigInt(cd.length), 40);
    record.writeBigUInt64LE(BigInt(offset), 48);
    const locator = Buffer.alloc(20);
    locator.writeUInt32LE(0x07064b50, 0);
    locator.writeBigUInt64LE(BigInt(offset + cd.length), 8);
    locator.writeUInt32LE(1, 16);
    tail.push(record, locator);
  }
  const eocd = Buffer.alloc(22);
  eocd.writeUInt32LE(0x06054b50, 0);
  eocd.writeUInt16LE(zip64 ? 0xffff : inputs.length, 8);
  eocd.writeUInt16LE(zip64 ? 0xffff : inputs.length, 10);
  eocd.writeUInt32LE(zip64 ? 0xffffffff : cd.length, 12);
  eocd.writeUInt32LE(zip64 ? 0xffffffff : offset, 16);
  return Buffer.concat([...locals, cd, ...tail, eocd]);
}

// ---------------------------------------------------------------------------------------------------
// HTTP mirror

export interface Route {
  status?: number;
  type?: string;
  body?: string | Buffer | (() => string | Buffer);
  /** Never answer (to test timeouts). */
  hang?: boolean;
  /** Send the body gzip-compressed (Content-Encoding: gzip), as CDNs do. */
  gzip?: boolean;
  /** Declare the full length but send only this many bytes, then drop the connection. */
  truncateAt?: number;
}

export interface Mirror {
  url: string;
  /** Request paths (with query) in the order they were asked for. */
  hits: string[];
  close(): Promise<void>;
}

/** Serves the routes (keyed by path + query) on 127.0.0.1 at a free port; anything else is a 404. */
export async function startMirror(routes: Map<string, Route>): Promise<Mirror> {
  const hits: string[] = [];
  const hanging = new Set<ServerResponse>();
  const server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const path = req.url ?? "/";
    hits.push(path);
    const route = routes.get(path);
    if (!route) {
      res.writeHead(404, { "content-type": "text/html" }).end("<html><body>Page not found</body></html>");
      return;
    }
    if (route.hang) {
      hanging.add(res);
      return;
    }
    const raw = typeof route.body === "function" ? route.body() : (route.body ?? "");
    const plain = typeof raw === "string" ? Buffer.from(raw) : raw;
    const body = route.gzip ? gzipSync(plain) : plain;
    res.writeHead(route.status ?? 200, {
      "content-type": route.type ?? "application/octet-stream",
      "content-length": body.length,
      ...(route.gzip ? { "content-encoding": "gzip" } : {}),
    });
    if (route.truncateAt !== undefined) {
      res.write(body.subarray(0, route.truncateAt), () => res.destroy());
      return;
    }
    res.end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    hits,
    close: async () => {
      for (const res of hanging) res.destroy();
      server.closeAllConnections();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

export const html = (title: string, links: [href: string, text: string][]) =>
  `<!DOCTYPE html><html lang="en"><head><title>${title}</title></head><body><main><h1>${title}</h1><ul>` +
  links.map(([href, text]) => `<li><a class="nhsd-a-link" href="${href}">${text}</a></li>`).join("") +
  `</ul></main></body></html>`;

const page = (title: string, links: [string, string][]): Route => ({
  type: "text/html; charset=utf-8",
  body: html(title, links),
});
const file = (path: string, type = "text/csv"): Route => ({ type, body: () => readFileSync(shared(path)) });
const zipped = (path: string, entry: string): Route => ({
  type: "application/zip",
  body: () => makeZip([{ name: entry, data: readFileSync(shared(path)) }]),
});

export const REGISTRATIONS =
  "/data-and-information/publications/statistical/patients-registered-at-a-gp-practice";
export const PAYMENTS = "/data-and-information/publications/statistical/nhs-payments-to-general-practice";
export const WORKFORCE =
  "/data-and-information/publications/statistical/general-and-personal-medical-services";
export const PCN_WORKFORCE = "/data-and-information/publications/statistical/primary-care-network-workforce";
const PCN_CSV =
  "/CA/12AB34/Primary%20Care%20Networks%20%E2%80%93%20September%202022%20Individual%20Level.csv";
export const MAP_ZIP = "/FB/6E37C6/gp-reg-pat-prac-map.zip";
export const ARCGIS = "/ESMARspQHYMw9BZ9/arcgis/rest/services";
const arcgis = (service: string) =>
  `${ARCGIS}/${service}/FeatureServer/0/query?where=1%3D1&outFields=*&outSR=4326&f=geojson`;

/**
 * The official sites as the built-in manifest expects them, serving real files from shared/data.
 * The registration landing page links its monthly pages both relatively and with absolute official
 * URLs (which --base-url must rewrite). The single-year-of-age and workforce files are not in
 * shared/data, so their pages lack the links.
 */
export function officialRoutes(): Map<string, Route> {
  const routes = new Map<string, Route>();
  routes.set(
    REGISTRATIONS,
    page("Patients Registered at a GP Practice", [
      [`${REGISTRATIONS}/january-2026`, "Patients Registered at a GP Practice, January 2026"],
      [`https://digital.nhs.uk${REGISTRATIONS}/december-2025`, "December 2025"],
      [`${REGISTRATIONS}/november-2025`, "November 2025"],
      [`${REGISTRATIONS}/october-2025`, "October 2025"],
      [`${REGISTRATIONS}/september-2025`, "September 2025"],
      ["/about-this-publication", "About this publication"],
    ]),
  );
  routes.set(
    `${REGISTRATIONS}/january-2026`,
    page("Patients Registered at a GP Practice, January 2026", [
      [
        `https://files.digital.nhs.uk${MAP_ZIP}`,
        "Mapping (practice to PCN, sub-ICB, ICB and region) [zip, 131 KB]",
      ],
      ["/10/0EC6AE/gp-reg-pat-prac-all.csv", "Totals (GP practice-all persons) [csv]"],
      ["/AA/000001/Pre-Release%20Access%20List.pdf", "Pre-release access list"],
    ]),
  );
  for (const month of ["december-2025", "november-2025", "september-2025"]) {
    routes.set(
      `${REGISTRATIONS}/${month}`,
      page(`Patients Registered at a GP Practice, ${month}`, [
        [`/99/${month}/gp-reg-pat-prac-map.zip`, "Mapping"],
      ]),
    );
  }
  routes.set(
    `${REGISTRATIONS}/october-2025`,
    page("Patients Registered at a GP Practice, October 2025", [
      ["/7E/26EB57/gp-reg-pat-prac-lsoa-all.zip", "LSOA (all persons) [zip]"],
    ]),
  );
  routes.set(MAP_ZIP, zipped("registrations/gp-reg-pat-prac-map_2026-01.csv", "gp-reg-pat-prac-map.csv"));
  routes.set("/10/0EC6AE/gp-reg-pat-prac-all.csv", file("registrations/gp-reg-pat-prac-all_2025-04.csv"));
  routes.set(
    "/7E/26EB57/gp-reg-pat-prac-lsoa-all.zip",
    zipped(
      "registrations/lsoa_subset_2025-10_staffs_stoke/gp-reg-pat-prac-lsoa-all_2025-10_QNC-staffordshire-stoke.csv",
      "gp-reg-pat-prac-lsoa-all.csv",
    ),
  );

  routes.set("/api/getReport?report=epraccur", file("practices/epraccur_2026-02.csv"));

  routes.set(
    PAYMENTS,
    page("NHS Payments to General Practice", [
      [`${PAYMENTS}/england-2020-21`, "NHS Payments to General Practice, England 2020-21"],
      [`${PAYMENTS}/england-2021-22`, "NHS Payments to General Practice, England 2021-22"],
    ]),
  );
  routes.set(
    `${PAYMENTS}/england-2021-22`,
    page("NHS Payments to General Practice, England 2021-22", [
      ["/5A/1B2C3D/nhspaymentsgp-21-22-prac-csv.csv", "Practice level data [csv]"],
      ["/5A/1B2C3E/nhspaymentsgp-21-22-pcn-csv.csv", "PCN level data [csv]"],
    ]),
  );
  routes.set("/5A/1B2C3D/nhspaymentsgp-21-22-prac-csv.csv", file("payments/nhs-payments-gp_2021-22.csv"));

  routes.set(
    WORKFORCE,
    page("General Practice Workforce", [[`${WORKFORCE}/31-january-2026`, "31 January 2026"]]),
  );
  routes.set(`${WORKFORCE}/31-january-2026`, page("General Practice Workforce, 31 January 2026", []));

  routes.set(
    PCN_WORKFORCE,
    page("Primary Care Network Workforce", [
      [`${PCN_WORKFORCE}/30-june-2022`, "30 June 2022"],
      [`${PCN_WORKFORCE}/30-september-2022`, "30 September 2022"],
    ]),
  );
  routes.set(
    `${PCN_WORKFORCE}/30-september-2022`,
    page("Primary Care Network Workforce, 30 September 2022", [
      [PCN_CSV, "Primary Care Networks – September 2022 Individual Level [csv]"],
      [
        "/CA/12AB35/Primary%20Care%20Networks%20%E2%80%93%20September%202022%20Practice%20Level.csv",
        "Practice",
      ],
    ]),
  );
  routes.set(PCN_CSV, file("workforce/pcn_individual_level/pcn-workforce-individual-level_2022-09.csv"));

  const geojson = "application/geo+json";
  routes.set(
    arcgis("Integrated_Care_Boards_April_2026_Boundaries_EN_BSC"),
    file("boundaries/icb_2023-04_en_bsc.geojson", geojson),
  );
  routes.set(
    arcgis("Sub_Integrated_Care_Board_Locations_April_2026_Boundaries_EN_BSC"),
    file("boundaries/sub_icb_2023-04_en_bsc.geojson", geojson),
  );
  routes.set(
    arcgis("NHS_England_Regions_January_2024_EN_BSC"),
    file("boundaries/nhs_england_regions_2024-01_en_bsc.geojson", geojson),
  );
  return routes;
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const mirror = await startMirror(officialRoutes());
  process.stdout.write(`${mirror.url}\n`);
  const stop = () => void mirror.close().then(() => process.exit(0));
  process.on("SIGTERM", stop);
  process.on("SIGINT", stop);
}
