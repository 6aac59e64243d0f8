// The plan as one self-contained HTML page (no scripts, no web fonts, charts inline as SVG): read in a
// browser, printed to PDF by headless Chromium, or attached to a board paper.
import type { DocBlock, PlanDocument } from "../engines/plan/document.ts";
import { formatTimestamp } from "../model/format.ts";

const esc = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

const CSS = `
body { font-family: "DejaVu Sans", Arial, sans-serif; color: #212b32; margin: 0 auto; max-width: 60rem; padding: 1rem 2rem; font-size: 11pt; line-height: 1.45; }
h1 { font-size: 24pt; margin: 0.5em 0 0.2em; } h2 { font-size: 16pt; border-bottom: 2px solid #005eb8; padding-bottom: 0.2em; margin-top: 1.6em; }
h3 { font-size: 12pt; margin: 1.2em 0 0.4em; }
.cover { page-break-after: always; }
.banner { background: #ffeb3b; padding: 0.5em 1em; font-weight: bold; }
.gaps { border-left: 6px solid #d5281b; background: #fdf2f2; padding: 0.6em 1em; }
.note { color: #4c6272; font-style: italic; }
table { border-collapse: collapse; width: 100%; margin: 0.4em 0 1em; font-size: 9pt; page-break-inside: auto; }
th, td { border: 1px solid #d8dde0; padding: 3px 6px; text-align: left; vertical-align: top; }
th { background: #f0f4f5; } tr { page-break-inside: avoid; }
.source { font-size: 8pt; color: #4c6272; }
nav ol { columns: 2; }
section.chapter { page-break-before: always; }
@page { size: A4; margin: 18mm 15mm; }
`;

function block(b: DocBlock): string {
  switch (b.kind) {
    case "paragraph":
      return `<p>${esc(b.text)}</p>`;
    case "heading":
      return `<h3>${esc(b.text)}</h3>`;
    case "note":
      return `<p class="note">${esc(b.text)}</p>`;
    case "chart":
      return `<figure>${b.svg}<figcaption class="source">Evidence: ${esc(b.source)}</figcaption></figure>`;
    case "table":
      return (
        `<h3>${esc(b.title)}</h3><table><thead><tr>${b.columns.map((c) => `<th>${esc(c)}</th>`).join("")}</tr></thead><tbody>` +
        b.rows.map((r) => `<tr>${r.map((c) => `<td>${esc(c)}</td>`).join("")}</tr>`).join("") +
        `</tbody></table>${b.source ? `<p class="source">Evidence: ${esc(b.source)}</p>` : ""}`
      );
  }
}

export function planHtml(doc: PlanDocument): string {
  const anchor = (i: number) => `ch-${i + 1}`;
  return [
    "<!doctype html>",
    `<html lang="en-GB"><head><meta charset="utf-8"><title>${esc(doc.title)}</title><style>${CSS}</style></head><body>`,
    `<div class="cover">`,
    doc.synthetic ? `<p class="banner">SYNTHETIC DEMO DATA — not real practices or patients</p>` : "",
    `<h1>${esc(doc.title)}</h1>`,
    `<p><strong>${esc(doc.subtitle)}</strong></p>`,
    `<p>State: ${esc(doc.state)}. Generated ${esc(formatTimestamp(doc.generatedAt))}.</p>`,
    doc.gaps.length > 0
      ? `<div class="gaps"><h3>Compliance gaps (${doc.gaps.length})</h3><ul>${doc.gaps.map((g) => `<li>${esc(g)}</li>`).join("")}</ul></div>`
      : `<p>The compliance check finds no gaps.</p>`,
    `<nav><h2>Contents</h2><ol>${doc.chapters.map((c, i) => `<li><a href="#${anchor(i)}">${esc(c.title)}</a></li>`).join("")}</ol></nav>`,
    `</div>`,
    ...doc.chapters.map(
      (c, i) =>
        `<section class="chapter" id="${anchor(i)}"><h2>${i + 1}. ${esc(c.title)}</h2>${c.blocks.map(block).join("\n")}</section>`,
    ),
    "</body></html>",
  ].join("\n");
}
