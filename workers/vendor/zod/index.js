// `zod` for the Worker bundle (wrangler.toml [alias]): zod's own entry without its 64 locales.
// `@hono/zod-openapi` re-exports the whole `z` namespace, so esbuild cannot drop the
// `locales` (and `core.locales`) namespaces it carries: 340 KB of messages in languages we never
// show. Everything else is zod's own code, unchanged; zh-CN is imported on its own
// (workers/lib/zod-locale.ts). Tests and Node scripts use the real package.
import * as z from "./classic.js";
export * from "./classic.js";
export { z, z as default };
