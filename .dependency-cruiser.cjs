/**
 * Bangfu's layering, checked in CI (`npm run check:deps`). Dependencies run one way:
 *   workers/<resource>/{api,admin}-routes → services / rules → db/schema and workers/lib
 * web/ renders plain data; it may import workers/ and db/ for types only, and the pure functions
 * of workers/lib (the bottom layer of both: one FNV, one money formatter, never two copies).
 * @type {import('dependency-cruiser').IConfiguration}
 */
module.exports = {
  forbidden: [
    {
      name: "web-renders-plain-data",
      comment:
        "A page imports only web/ and the pure workers/lib at run time; the rest of workers/ and db/ only as types (import type).",
      severity: "error",
      from: { path: "^web/" },
      to: { path: "^(workers|db)/", pathNot: "^workers/lib/", dependencyTypesNot: ["type-only"] },
    },
    {
      name: "lib-is-pure",
      comment: "workers/lib holds pure functions: no schema, no Hono, no drizzle, no other workers/ folder.",
      severity: "error",
      from: { path: "^workers/lib/" },
      to: { pathNot: "^workers/lib/|^node_modules/(zod|uqr)/", dependencyTypesNot: ["core"] },
    },
    {
      name: "schema-only-drizzle",
      comment: "db/schema describes tables; it imports drizzle-orm and other schema files only.",
      severity: "error",
      from: { path: "^db/schema/" },
      to: { pathNot: "^db/schema/|^node_modules/drizzle-orm/" },
    },
    {
      name: "services-without-hono",
      comment:
        "Services and rules take a ServiceContext, never a Hono Context: only routes, platform and the public site's HTTP layer import hono.",
      severity: "error",
      from: {
        path: "^workers/",
        pathNot:
          "^workers/(app\\.tsx|[^/]+/schemas\\.ts$|index\\.ts|platform/|[^/]+/(api-routes|admin-routes|public-routes|operator-routes|routes)\\.tsx?$|public/(routes|rate-routes|open-data|cache)\\.tsx?$|auth/cookie\\.ts$)",
      },
      // @hono/zod-openapi is allowed: its `z` is the schema library (with OpenAPI descriptions) that
      // services share with their routes; what they never see is Hono itself (a request Context).
      to: { path: "^node_modules/hono/" },
    },
    {
      name: "no-circular",
      comment: "No module cycles.",
      severity: "error",
      from: {},
      to: { circular: true },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^(\\.wrangler|tests/output)" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default", "types"],
    },
  },
};
