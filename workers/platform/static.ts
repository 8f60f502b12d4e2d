import { Hono } from "hono";
import { etag } from "hono/etag";
import { ADMIN_CSS } from "../../web/styles/admin.css.ts";
import { PICKER_JS } from "../../web/scripts/picker.js.ts";
import type { AppEnv } from "./env.ts";
import { CHECK_IN_JS } from "../../web/scripts/check-in.ts";

export const staticRoutes = new Hono<AppEnv>();
staticRoutes.use(etag());
staticRoutes.get("/admin.css", (c) => {
  c.header("Content-Type", "text/css; charset=utf-8");
  c.header("Cache-Control", "public, max-age=31536000, immutable");
  return c.body(ADMIN_CSS);
});
staticRoutes.get("/picker.js", (c) => {
  c.header("Content-Type", "text/javascript; charset=utf-8");
  c.header("Cache-Control", "public, max-age=31536000, immutable");
  return c.body(PICKER_JS);
});

staticRoutes.get("/check-in.js", (c) => {
  c.header("Content-Type", "text/javascript; charset=utf-8");
  // Not immutable: the URL carries no fingerprint; the ETag makes a revalidation cheap.
  c.header("Cache-Control", "public, max-age=3600");
  return c.body(CHECK_IN_JS);
});
