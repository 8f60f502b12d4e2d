import type { OpenAPIHono } from "@hono/zod-openapi";
import type { AppEnv } from "./env.ts";

/** Generated from the same route definitions that validate requests: never written by hand. */
export function openApiDocument(app: OpenAPIHono<AppEnv>) {
  const doc = app.getOpenAPI31Document({
    openapi: "3.1.0",
    info: {
      title: "帮扶通 Bangfu API",
      version: "1.0.0",
      description:
        "党建帮扶结对、补贴发放公示与公开平台的 JSON 接口。每个地区（租户）的接口在 /t/{tenant}/api/v1 之下；" +
        "错误一律以 application/problem+json（RFC 9457）返回，带稳定的 code 和逐字段的错误信息。金额一律为整数“分”。",
    },
    servers: [{ url: "/", description: "本服务" }],
  });
  // Every tenant route shares the {tenant} path parameter that the mount point introduces.
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    if (!path.includes("{tenant}") || !item) continue;
    item.parameters = [
      {
        name: "tenant",
        in: "path",
        required: true,
        description: "地区（租户）标识，如 longquanyi",
        schema: { type: "string", pattern: "^[a-z][a-z0-9-]{1,39}$" },
      },
      ...(item.parameters ?? []),
    ];
  }
  doc.components = {
    ...doc.components,
    securitySchemes: {
      session: {
        type: "apiKey",
        in: "cookie",
        name: "bangfu_session",
        description: "登录后设置的会话 Cookie（仅限该地区路径）",
      },
      bearer: { type: "http", scheme: "bearer", description: "登录接口返回的 token" },
    },
  };
  tightenNumberRanges(doc);
  return doc;
}

/**
 * zod writes `.min(0).positive()` as both `minimum: 0` and `exclusiveMinimum: 0`; JSON Schema
 * allows it but linters and code generators read it as a contradiction. Keep only the bound
 * that actually constrains (the same values are accepted either way).
 */
function tightenNumberRanges(node: unknown): void {
  if (Array.isArray(node)) {
    for (const item of node) tightenNumberRanges(item);
    return;
  }
  if (!node || typeof node !== "object") return;
  const o = node as Record<string, unknown>;
  if (typeof o.minimum === "number" && typeof o.exclusiveMinimum === "number") {
    if (o.exclusiveMinimum >= o.minimum) delete o.minimum;
    else delete o.exclusiveMinimum;
  }
  if (typeof o.maximum === "number" && typeof o.exclusiveMaximum === "number") {
    if (o.exclusiveMaximum <= o.maximum) delete o.maximum;
    else delete o.exclusiveMaximum;
  }
  for (const value of Object.values(o)) tightenNumberRanges(value);
}
