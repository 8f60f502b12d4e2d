import { Hono } from "hono";
import { etag } from "hono/etag";
import { ADMIN_CSS } from "../../web/styles/admin.css.ts";
import type { AppEnv } from "./env.ts";
import { fnv1a } from "../lib/fnv.ts";

/** Stylesheets are versioned by content (FNV-1a) in their URL, so they can be cached for a year. */
export const ADMIN_CSS_VERSION = fnv1a(ADMIN_CSS);
export const adminCssHref = `/static/admin.css?v=${ADMIN_CSS_VERSION}`;

export const staticRoutes = new Hono<AppEnv>();
staticRoutes.use(etag());
staticRoutes.get("/admin.css", (c) => {
  c.header("Content-Type", "text/css; charset=utf-8");
  c.header("Cache-Control", "public, max-age=31536000, immutable");
  return c.body(ADMIN_CSS);
});
