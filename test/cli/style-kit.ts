// The forms the one output style forbids (src/model/format.ts), for tests that scan what commands print.

/**
 * Forms the one style forbids (src/model/format.ts), found in a command's output: a U+2212 minus before a
 * figure; a negative zero (-£0, -£0.00, -0.0%, -0); "£-"; dates as "1 Jan 2026", "Mar 2026" or
 * "03/12/2026"; contract years as "2025/26". Text quoted from a publication (in single quotes) is left out.
 */
export function styleBreaks(text: string): string[] {
  const unquoted = text.replace(/(?<=[\s(:[])'[^'\n]*'(?=[\s),;.:\]]|$)/gm, "''");
  const MONTH = "January|February|March|April|May|June|July|August|September|October|November|December";
  const SHORT = "Jan|Feb|Mar|Apr|Jun|Jul|Aug|Sept?|Oct|Nov|Dec";
  const forbidden = [
    /\u2212[£\d]/g,
    /-£0(?:\.0+)?(?![.,\d])/g,
    /£-/g,
    /(?<![\w.-])-0(?:\.0+)?(?![\d.,])%?/g,
    new RegExp(`(?<![\\d-])\\d{1,2} (?:${MONTH}|${SHORT})\\.? \\d{4}\\b`, "g"),
    new RegExp(`(?<!\\d )\\b(?:${SHORT})\\.? \\d{4}\\b`, "g"),
    /(?<![\d/])\d{1,2}\/\d{1,2}\/\d{4}(?![\d/])/g,
    /\b20\d\d\/\d\d\b/g,
  ];
  return forbidden.flatMap((re) => [...unquoted.matchAll(re)].map((m) => m[0]));
}
