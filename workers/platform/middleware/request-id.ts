import { createMiddleware } from "hono/factory";
import type { AppEnv } from "../env.ts";

/** Gives every request an id (echoed as `X-Request-Id`) that audit entries and problems carry. */
export const requestId = createMiddleware<AppEnv>(async (c, next) => {
  const incoming = c.req.header("cf-ray") ?? "";
  const id = /^[\w-]{8,64}$/.test(incoming) ? incoming : crypto.randomUUID();
  c.set("requestId", id);
  await next();
  c.header("X-Request-Id", id);
});
