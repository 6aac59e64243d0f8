// The browsable API reference at /api/docs: the OpenAPI document rendered as one plain HTML page, served
// from this process (no CDN, no scripts): each route with its parameters, body and answers.
interface Doc {
  info: { title: string; version: string; description?: string };
  paths?: Record<string, Record<string, Operation>>;
}
interface Operation {
  summary?: string;
  tags?: string[];
  parameters?: { name: string; in: string; required?: boolean; description?: string; schema?: unknown }[];
  requestBody?: { content?: Record<string, { schema?: unknown }> };
  responses?: Record<string, { description?: string; content?: Record<string, unknown> }>;
}

const esc = (t: string) =>
  t.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

const typeOf = (schema: unknown): string => {
  const s = (schema ?? {}) as { type?: string; enum?: unknown[]; $ref?: string };
  if (s.enum) return s.enum.map(String).join(" | ");
  if (s.$ref) return s.$ref.replace("#/components/schemas/", "");
  return s.type ?? "value";
};

export function referencePage(doc: unknown): string {
  const d = doc as Doc;
  const sections: string[] = [];
  for (const [path, methods] of Object.entries(d.paths ?? {}))
    for (const [method, op] of Object.entries(methods)) {
      const params = (op.parameters ?? [])
        .map(
          (p) =>
            `<tr><td><code>${esc(p.name)}</code></td><td>${esc(p.in)}</td><td>${esc(typeOf(p.schema))}</td><td>${p.required ? "yes" : "no"}</td><td>${esc(p.description ?? "")}</td></tr>`,
        )
        .join("");
      const body = op.requestBody?.content?.["application/json"]?.schema;
      const answers = Object.entries(op.responses ?? {})
        .map(
          ([status, r]) =>
            `<li><strong>${esc(status)}</strong> ${esc(r.description ?? "")} <small>${esc(Object.keys(r.content ?? {}).join(", "))}</small></li>`,
        )
        .join("");
      sections.push(
        `<section id="${esc(`${method}-${path}`)}"><h2><code>${esc(method.toUpperCase())} ${esc(path)}</code></h2>` +
          `<p>${esc(op.summary ?? "")}</p>` +
          (params
            ? `<table><thead><tr><th>Parameter</th><th>In</th><th>Type</th><th>Required</th><th>Meaning</th></tr></thead><tbody>${params}</tbody></table>`
            : "") +
          (body
            ? `<p>Body: JSON, schema <code>${esc(typeOf(body))}</code> (see <a href="/api/openapi.json">the OpenAPI document</a>).</p>`
            : "") +
          `<ul>${answers}</ul></section>`,
      );
    }
  return `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>${esc(d.info.title)} reference</title>
<style>body{font-family:Arial,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#212b32}code{background:#f0f4f5;padding:0 .2rem}table{border-collapse:collapse;margin:.5rem 0}td,th{border-bottom:1px solid #d8dde0;padding:.3rem .6rem;text-align:left;vertical-align:top}section{border-top:4px solid #005eb8;margin-top:1.5rem}</style></head>
<body><h1>${esc(d.info.title)} ${esc(d.info.version)}</h1><p>${esc(d.info.description ?? "")}</p>
<p>The machine-readable document: <a href="/api/openapi.json">/api/openapi.json</a> (OpenAPI 3.1). Errors are <code>application/problem+json</code> (RFC 9457) naming the <code>field</code>.</p>
${sections.join("\n")}</body></html>`;
}
