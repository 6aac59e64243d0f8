// The plan as PDF: headless Chromium (playwright-core, the system's /usr/bin/chromium, no network) prints
// the HTML export on A4 with page numbers.
import { existsSync } from "node:fs";
import { RequestError } from "../model/errors.ts";

export const CHROMIUM = process.env.ICSPLAN_CHROMIUM ?? "/usr/bin/chromium";

export async function htmlToPdf(html: string): Promise<Buffer> {
  if (!existsSync(CHROMIUM))
    throw new RequestError(
      `PDF export needs Chromium at ${CHROMIUM} (set ICSPLAN_CHROMIUM); export --format html or docx instead`,
      { kind: "unprocessable", field: "format" },
    );
  const { chromium } = await import("playwright-core");
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-background-networking",
      "--disable-component-update",
      "--no-first-run",
    ],
  });
  try {
    const page = await browser.newPage();
    // Block every request: the page is self-contained.
    await page.route("**/*", (route) => route.abort());
    await page.setContent(html, { waitUntil: "load" });
    return await page.pdf({
      format: "A4",
      printBackground: true,
      displayHeaderFooter: true,
      headerTemplate: "<span></span>",
      footerTemplate:
        '<div style="font-size:8px;width:100%;text-align:center;color:#4c6272">Page <span class="pageNumber"></span> of <span class="totalPages"></span></div>',
      margin: { top: "18mm", bottom: "18mm", left: "15mm", right: "15mm" },
    });
  } finally {
    await browser.close();
  }
}
