/**
 * Folder cycles, on run-time edges only. A page's `import type` of the view it shows is allowed
 * (web → workers, types only) while the route imports the page at run time; in folder scope
 * dependency-cruiser cannot tell the two apart, so this check reads the code as it runs
 * (tsPreCompilationDeps: false drops type-only imports). The other rules, which must see type
 * imports too (no Hono type in a service), live in .dependency-cruiser.cjs.
 * @type {import('dependency-cruiser').IConfiguration}
 */
const base = require("./.dependency-cruiser.cjs");

module.exports = {
  forbidden: [
    {
      name: "no-folder-cycles",
      comment: "No cycles between folders (e.g. audit ↔ ledger, batches ↔ imports): each folder sits in one layer.",
      severity: "error",
      scope: "folder",
      from: { path: "^(workers|web|db)/" },
      to: { circular: true },
    },
  ],
  options: { ...base.options, tsPreCompilationDeps: false },
};
