// The plan as a Word document (docx package): cover with the compliance gaps, contents, one chapter per
// section with headings, tables and charts as PNG images (SVG drawn by engines/plan/chart-svg.ts, turned
// into PNG by resvg), the sign-off history and the evidence list. Editable in Word.
import { Resvg } from "@resvg/resvg-js";
import {
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageBreak,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
} from "docx";
import type { DocBlock, PlanDocument } from "../engines/plan/document.ts";
import { formatTimestamp } from "../model/format.ts";

/** An SVG chart as PNG bytes (the system's fonts; no network). */
export function svgToPng(svg: string, width: number): Buffer {
  const resvg = new Resvg(svg, {
    fitTo: { mode: "width", value: width * 2 },
    font: { loadSystemFonts: true, defaultFontFamily: "DejaVu Sans" },
  });
  return resvg.render().asPng();
}

const cell = (text: string, header: boolean) =>
  new TableCell({
    children: [new Paragraph({ children: [new TextRun({ text, bold: header, size: 16 })] })],
    ...(header ? { shading: { type: ShadingType.CLEAR, color: "auto", fill: "F0F4F5" } } : {}),
  });

function table(b: Extract<DocBlock, { kind: "table" }>): Table {
  return new Table({
    width: { size: 100, type: WidthType.PERCENTAGE },
    rows: [
      new TableRow({ tableHeader: true, children: b.columns.map((c) => cell(c, true)) }),
      ...b.rows.map((r) => new TableRow({ children: r.map((c) => cell(c, false)) })),
    ],
  });
}

function blocks(list: readonly DocBlock[]): (Paragraph | Table)[] {
  const out: (Paragraph | Table)[] = [];
  for (const b of list) {
    switch (b.kind) {
      case "paragraph":
        out.push(new Paragraph({ text: b.text, spacing: { after: 120 } }));
        break;
      case "heading":
        out.push(new Paragraph({ text: b.text, heading: HeadingLevel.HEADING_2 }));
        break;
      case "note":
        out.push(
          new Paragraph({ children: [new TextRun({ text: b.text, italics: true, color: "4C6272" })] }),
        );
        break;
      case "chart":
        out.push(
          new Paragraph({
            children: [
              new ImageRun({
                type: "png",
                data: svgToPng(b.svg, b.width),
                transformation: { width: b.width * 0.9, height: b.height * 0.9 },
                altText: { title: b.title, description: `${b.title} (evidence: ${b.source})`, name: b.title },
              }),
            ],
          }),
        );
        break;
      case "table":
        out.push(new Paragraph({ text: b.title, heading: HeadingLevel.HEADING_2 }), table(b));
        if (b.source)
          out.push(
            new Paragraph({
              children: [new TextRun({ text: `Evidence: ${b.source}`, size: 14, color: "4C6272" })],
            }),
          );
        break;
    }
  }
  return out;
}

export async function planDocx(doc: PlanDocument): Promise<Buffer> {
  const cover: (Paragraph | Table)[] = [
    ...(doc.synthetic
      ? [
          new Paragraph({
            children: [
              new TextRun({
                text: "SYNTHETIC DEMO DATA — not real practices or patients",
                bold: true,
                highlight: "yellow",
              }),
            ],
          }),
        ]
      : []),
    new Paragraph({ text: doc.title, heading: HeadingLevel.TITLE }),
    new Paragraph({ children: [new TextRun({ text: doc.subtitle, bold: true, size: 28 })] }),
    new Paragraph({
      text: `State: ${doc.state}. Generated ${formatTimestamp(doc.generatedAt)}.`,
    }),
    new Paragraph({
      text:
        doc.gaps.length > 0 ? `Compliance gaps (${doc.gaps.length})` : "The compliance check finds no gaps",
      heading: HeadingLevel.HEADING_2,
    }),
    ...doc.gaps.map((g) => new Paragraph({ text: g, bullet: { level: 0 } })),
    new Paragraph({ text: "Contents", heading: HeadingLevel.HEADING_2 }),
    ...doc.chapters.map((c, i) => new Paragraph({ text: `${i + 1}. ${c.title}` })),
  ];
  const body = doc.chapters.flatMap((c, i) => [
    new Paragraph({ children: [new PageBreak()] }),
    new Paragraph({ text: `${i + 1}. ${c.title}`, heading: HeadingLevel.HEADING_1 }),
    ...blocks(c.blocks),
  ]);
  const document = new Document({
    creator: "icsplan",
    title: doc.title,
    description: `${doc.subtitle}: ${doc.state}`,
    styles: { default: { document: { run: { font: "Arial", size: 20 } } } },
    sections: [{ properties: {}, children: [...cover, ...body] }],
  });
  return Packer.toBuffer(document);
}
