import { Document } from "../layouts/document.tsx";
import { adminCssHref } from "../styles/stylesheets.ts";
import type { openApiDocument } from "../../workers/platform/openapi.ts";

type Doc = ReturnType<typeof openApiDocument>;

/** One row of the error code table: the problem+json `code`, its HTTP status and its zh-CN title. */
export interface ErrorCodeRow {
  code: string;
  status: number;
  title: string;
}
const METHODS = ["get", "post", "put", "patch", "delete"] as const;

/** A readable, script-free rendering of the OpenAPI document (no CDN, works offline). */
export function ApiDocsPage(p: { doc: Doc; errorCodes: ErrorCodeRow[] }) {
  const groups = new Map<string, { method: string; path: string; summary: string; op: Record<string, unknown> }[]>();
  for (const [path, item] of Object.entries(p.doc.paths ?? {})) {
    for (const m of METHODS) {
      const op = (item as Record<string, unknown>)[m] as { tags?: string[]; summary?: string } | undefined;
      if (!op) continue;
      const tag = op.tags?.[0] ?? "其他";
      if (!groups.has(tag)) groups.set(tag, []);
      groups
        .get(tag)!
        .push({ method: m.toUpperCase(), path, summary: op.summary ?? "", op: op as Record<string, unknown> });
    }
  }
  return (
    <Document title="API 文档 · 帮扶通" css={adminCssHref}>
      <header class="top">
        <a class="brand" href="/">
          帮扶通<small>API 文档</small>
        </a>
      </header>
      <main id="content">
        <h1>
          {p.doc.info.title} <span class="badge">v{p.doc.info.version}</span>
        </h1>
        <p>{p.doc.info.description}</p>
        <p>
          机器可读文档：<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>（OpenAPI 3.1）
        </p>
        {[...groups.entries()].map(([tag, ops]) => (
          <section>
            <h2>{tag}</h2>
            <div class="table-wrap">
              <table>
                <thead>
                  <tr>
                    <th>方法</th>
                    <th>路径</th>
                    <th>说明</th>
                    <th>请求体</th>
                    <th>响应</th>
                  </tr>
                </thead>
                <tbody>
                  {ops.map((o) => (
                    <tr>
                      <td>
                        <span class="badge">{o.method}</span>
                      </td>
                      <td class="mono">{o.path}</td>
                      <td>{o.summary}</td>
                      <td class="mono">{schemaName(o.op)}</td>
                      <td class="mono">{Object.keys((o.op.responses as object) ?? {}).join(" ")}</td>
                    </tr>
                  ))}
                </tbody>
              </table>
            </div>
          </section>
        ))}
        <h2 id="problems">错误代码</h2>
        <div class="table-wrap">
          <table>
            <thead>
              <tr>
                <th>code</th>
                <th>HTTP</th>
                <th>含义</th>
              </tr>
            </thead>
            <tbody>
              {p.errorCodes.map((e) => (
                <tr id={e.code}>
                  <td class="mono">{e.code}</td>
                  <td>{e.status}</td>
                  <td>{e.title}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </main>
    </Document>
  );
}

function schemaName(op: Record<string, unknown>): string {
  const body = op.requestBody as { content?: Record<string, { schema?: { $ref?: string } }> } | undefined;
  const content = body?.content ? Object.values(body.content)[0] : undefined;
  return content?.schema?.$ref?.split("/").pop() ?? (body ? "（见 JSON）" : "");
}
