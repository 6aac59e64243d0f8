// Exports of a plan: the DOCX is a ZIP whose word/document.xml is well-formed XML with the chapter
// headings, tables and the chart image; the HTML has the cover gaps and every chapter; the PDF (headless
// Chromium) has one cover page plus at least one page per chapter (pdfinfo).
import assert from "node:assert/strict";
import { execFileSync } from "node:child_process";
import { existsSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { after, before, describe, test } from "node:test";
import { newPlan } from "../../src/app/plan.ts";
import { exportPlan } from "../../src/app/plan-export.ts";
import { CHROMIUM } from "../../src/app/plan-export-pdf.ts";
import { readZipEntries, zipEntryStream } from "../../src/sources/zip.ts";
import { openStore, type Store } from "../../src/store/store.ts";
import { tempDir, useDemoStore } from "../helpers.ts";

let store: Store;
let dir: string;
before(async () => {
  dir = tempDir("icsplan-plan-export-");
  useDemoStore(join(dir, "store"));
  store = await openStore({ dataDir: join(dir, "store") });
  await newPlan(store, { synthetic: true, icb: "Q99", name: "Demo plan" });
});
after(async () => store?.close());

/** Checks that XML is well formed (every tag closed in order, attributes quoted); returns its elements. */
function parseXml(xml: string): { name: string; attrs: string; text: string }[] {
  const stack: string[] = [];
  const elements: { name: string; attrs: string; text: string }[] = [];
  const body = xml.replace(/^<\?xml[^>]*\?>/, "");
  const token =
    /<(\/?)([\w:.-]+)((?:\s+[\w:.-]+\s*=\s*(?:"[^"]*"|'[^']*'))*)\s*(\/?)>|<!--[\s\S]*?-->|<!\[CDATA\[[\s\S]*?\]\]>|([^<]+)|(<)/g;
  for (const m of body.matchAll(token)) {
    if (m[6]) throw new Error(`malformed markup at offset ${m.index}: ${body.slice(m.index, m.index + 40)}`);
    if (m[5] !== undefined) {
      if (/&(?!(amp|lt|gt|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(m[5]))
        throw new Error(`bad entity at ${m.index}`);
      const top = elements.at(-1);
      if (top && stack.length > 0) top.text += m[5];
      continue;
    }
    if (!m[2]) continue;
    if (m[1]) {
      const open = stack.pop();
      if (open !== m[2]) throw new Error(`</${m[2]}> closes <${open}> at offset ${m.index}`);
    } else {
      elements.push({ name: m[2], attrs: m[3] ?? "", text: "" });
      if (!m[4]) stack.push(m[2]);
    }
  }
  if (stack.length > 0) throw new Error(`unclosed: ${stack.join(", ")}`);
  return elements;
}

async function zipText(path: string, name: string): Promise<string> {
  const entry = (await readZipEntries(path)).find((e) => e.name === name);
  assert.ok(entry, `${name} in the archive`);
  const chunks: Buffer[] = [];
  for await (const c of await zipEntryStream(path, entry)) chunks.push(c as Buffer);
  return Buffer.concat(chunks).toString("utf8");
}

describe("plan export", () => {
  test("DOCX: a ZIP whose document.xml parses, with headings, tables and the chart", async () => {
    const out = await exportPlan(store, "Demo plan", "docx");
    const path = join(dir, out.fileName);
    writeFileSync(path, out.bytes);
    const names = (await readZipEntries(path)).map((e) => e.name);
    assert.ok(names.includes("word/document.xml") && names.includes("[Content_Types].xml"));
    assert.ok(
      names.some((n) => /^word\/media\/.+\.png$/.test(n)),
      `a PNG chart in ${names.join(", ")}`,
    );
    const xml = await zipText(path, "word/document.xml");
    const elements = parseXml(xml);
    // Heading 1 paragraphs: one per chapter, in order.
    const headings: string[] = [];
    const paragraphs = xml.split("</w:p>");
    for (const p of paragraphs)
      if (/<w:pStyle w:val="Heading1"\/>/.test(p))
        headings.push([...p.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/g)].map((m) => m[1]).join(""));
    assert.deepEqual(
      headings,
      out.document.chapters.map((c, i) => `${i + 1}. ${c.title}`),
    );
    const tables = elements.filter((e) => e.name === "w:tbl").length;
    const expected = out.document.chapters.flatMap((c) => c.blocks).filter((b) => b.kind === "table").length;
    assert.equal(tables, expected);
    assert.ok(tables >= 15);
    assert.match(xml, /Compliance gaps \(\d+\)/);
    assert.match(xml, /SYNTHETIC DEMO DATA/);
  });

  test("HTML: the cover lists the gaps, contents link every chapter", async () => {
    const out = await exportPlan(store, "Demo plan", "html");
    const html = out.bytes.toString("utf8");
    for (const gap of out.document.gaps)
      assert.ok(
        html.includes(
          gap
            .replaceAll("&", "&amp;")
            .replaceAll("<", "&lt;")
            .replaceAll(">", "&gt;")
            .replaceAll('"', "&quot;"),
        ),
        gap,
      );
    for (let i = 0; i < out.document.chapters.length; i++) assert.ok(html.includes(`id="ch-${i + 1}"`));
    assert.match(html, /<svg [^>]*>/);
    assert.doesNotMatch(html, /<script|(src|href)="https?:/);
  });

  test(
    "PDF: the cover and at least one page per chapter",
    { skip: !existsSync(CHROMIUM) && "no Chromium" },
    async () => {
      const out = await exportPlan(store, "Demo plan", "pdf");
      const path = join(dir, out.fileName);
      writeFileSync(path, out.bytes);
      assert.equal(out.bytes.subarray(0, 5).toString(), "%PDF-");
      const info = execFileSync("pdfinfo", [path], { encoding: "utf8" });
      const pages = Number(/Pages:\s+(\d+)/.exec(info)?.[1]);
      assert.ok(
        pages >= 1 + out.document.chapters.length,
        `${pages} pages for ${out.document.chapters.length} chapters`,
      );
      assert.ok(pages < 60, `${pages} pages`);
      const first = execFileSync("pdftotext", ["-f", "1", "-l", "1", path, "-"], { encoding: "utf8" });
      assert.match(first, /Compliance gaps/);
    },
  );

  // Word is not here; LibreOffice, where installed, is the independent check that the DOCX opens in an
  // office suite: converted headless to PDF, it has pages and the cover's compliance gaps.
  const office = ["/usr/bin/soffice", "/usr/bin/libreoffice"].find((p) => existsSync(p));
  test(
    "DOCX opens in LibreOffice: converted to PDF, with pages and the cover's gaps",
    { skip: !office && "LibreOffice is not installed" },
    async () => {
      const out = await exportPlan(store, "Demo plan", "docx");
      const path = join(dir, `office-${out.fileName}`);
      writeFileSync(path, out.bytes);
      const outDir = join(dir, "office");
      execFileSync(office!, ["--headless", "--convert-to", "pdf", "--outdir", outDir, path], {
        encoding: "utf8",
        timeout: 120_000,
        env: { ...process.env, HOME: dir },
      });
      const pdf = join(outDir, `office-${out.fileName.replace(/\.docx$/, ".pdf")}`);
      const info = execFileSync("pdfinfo", [pdf], { encoding: "utf8" });
      assert.ok(Number(/Pages:\s+(\d+)/.exec(info)?.[1]) >= 2, info);
      const first = execFileSync("pdftotext", ["-f", "1", "-l", "2", pdf, "-"], { encoding: "utf8" });
      assert.match(first, /Compliance gaps/);
    },
  );
});
