import { Hono } from "hono";
import { etag } from "hono/etag";
import { ADMIN_CSS } from "../../web/styles/admin.css.ts";
import type { AppEnv } from "./env.ts";

/** Stylesheets are versioned by content (FNV-1a) in their URL, so they can be cached for a year. */
function version(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(16);
}

export const ADMIN_CSS_VERSION = version(ADMIN_CSS);
export const adminCssHref = `/static/admin.css?v=${ADMIN_CSS_VERSION}`;

export const staticRoutes = new Hono<AppEnv>();
staticRoutes.use(etag());
staticRoutes.get("/admin.css", (c) => {
  c.header("Content-Type", "text/css; charset=utf-8");
  c.header("Cache-Control", "public, max-age=31536000, immutable");
  return c.body(ADMIN_CSS);
});
