// A small line or bar chart as SVG text, drawn here rather than with Observable Plot: Plot needs a DOM,
// and a chart of one series needs only axes, ticks and a path. Pure; the export turns it into PNG.

export interface ChartPoint {
  x: string;
  y: number;
}

const esc = (s: string) => s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;");

/** Round tick values covering [min, max]. */
export function ticks(min: number, max: number, count = 5): number[] {
  if (!(max > min)) return [min];
  const raw = (max - min) / count;
  const mag = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * mag).find((s) => s >= raw) ?? raw;
  const out: number[] = [];
  for (let v = Math.ceil(min / step) * step; v <= max + step * 1e-9; v += step)
    out.push(Number(v.toPrecision(12)));
  return out;
}

export function chartSvg(
  points: readonly ChartPoint[],
  options: { kind: "line" | "bar"; title: string; yLabel: string; width?: number; height?: number },
): string {
  const width = options.width ?? 640;
  const height = options.height ?? 320;
  const m = { top: 36, right: 20, bottom: 48, left: 64 };
  const w = width - m.left - m.right;
  const h = height - m.top - m.bottom;
  const ys = points.map((p) => p.y);
  const lo = options.kind === "bar" ? Math.min(0, ...ys) : Math.min(...ys);
  const hi = Math.max(...ys);
  const pad = options.kind === "bar" ? 0 : (hi - lo) * 0.1 || Math.abs(hi) * 0.1 || 1;
  const yt = ticks(lo - pad, hi + pad);
  const y0 = Math.min(yt[0]!, lo);
  const y1 = Math.max(yt.at(-1)!, hi);
  const sy = (v: number) => m.top + h - ((v - y0) / (y1 - y0 || 1)) * h;
  const band = w / Math.max(points.length, 1);
  const sx = (i: number) => m.left + band * (i + 0.5);
  const parts: string[] = [
    `<svg xmlns="http://www.w3.org/2000/svg" width="${width}" height="${height}" viewBox="0 0 ${width} ${height}" font-family="DejaVu Sans, Arial, sans-serif">`,
    `<rect width="100%" height="100%" fill="#ffffff"/>`,
    `<text x="${m.left}" y="22" font-size="15" font-weight="bold" fill="#212b32">${esc(options.title)}</text>`,
  ];
  for (const t of yt) {
    parts.push(
      `<line x1="${m.left}" x2="${m.left + w}" y1="${sy(t).toFixed(1)}" y2="${sy(t).toFixed(1)}" stroke="#d8dde0"/>`,
      `<text x="${m.left - 6}" y="${(sy(t) + 4).toFixed(1)}" font-size="11" text-anchor="end" fill="#425563">${t.toLocaleString("en-GB")}</text>`,
    );
  }
  parts.push(
    `<text x="14" y="${m.top + h / 2}" font-size="11" fill="#425563" transform="rotate(-90 14 ${m.top + h / 2})" text-anchor="middle">${esc(options.yLabel)}</text>`,
  );
  const every = Math.ceil(points.length / 10);
  points.forEach((p, i) => {
    if (i % every === 0)
      parts.push(
        `<text x="${sx(i).toFixed(1)}" y="${m.top + h + 18}" font-size="10" text-anchor="middle" fill="#425563">${esc(p.x)}</text>`,
      );
  });
  if (options.kind === "bar") {
    for (const [i, p] of points.entries()) {
      const top = sy(Math.max(p.y, 0));
      parts.push(
        `<rect x="${(sx(i) - band * 0.35).toFixed(1)}" y="${top.toFixed(1)}" width="${(band * 0.7).toFixed(1)}" height="${Math.abs(sy(p.y) - sy(0)).toFixed(1)}" fill="#005eb8"/>`,
      );
    }
  } else {
    const d = points
      .map((p, i) => `${i === 0 ? "M" : "L"}${sx(i).toFixed(1)},${sy(p.y).toFixed(1)}`)
      .join(" ");
    parts.push(`<path d="${d}" fill="none" stroke="#005eb8" stroke-width="2.5"/>`);
    for (const [i, p] of points.entries())
      parts.push(`<circle cx="${sx(i).toFixed(1)}" cy="${sy(p.y).toFixed(1)}" r="3" fill="#005eb8"/>`);
  }
  parts.push(
    `<line x1="${m.left}" x2="${m.left + w}" y1="${m.top + h}" y2="${m.top + h}" stroke="#425563"/>`,
    "</svg>",
  );
  return parts.join("\n");
}
