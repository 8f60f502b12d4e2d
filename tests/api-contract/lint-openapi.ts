/// <reference types="node" />
/**
 * `npm run api:lint` — lints tests/output/api/openapi.json (written by `npm run api:export`)
 * with Redocly's `recommended` ruleset, the one a county's integrator would run first.
 * Prints every problem and the totals; exits 1 on any error, and on any warning with --strict.
 */
import { readFileSync } from "node:fs";
import { createConfig, lintFromString, type NormalizedProblem } from "@redocly/openapi-core";
import { OPENAPI_FILE } from "./export-openapi.ts";

function where(p: NormalizedProblem) {
  return p.location[0]?.pointer?.replace(/^#/, "") ?? "";
}

const strict = process.argv.includes("--strict");
const source = readFileSync(OPENAPI_FILE, "utf8");
// One rule off, on purpose: `info-license` asks the document to name a licence, and this
// project has none to name yet; inventing one in the API description would be worse than none.
const config = await createConfig({ extends: ["recommended"], rules: { "info-license": "off" } });
const problems = await lintFromString({ source, absoluteRef: OPENAPI_FILE, config });

const errors = problems.filter((p) => p.severity === "error");
const warnings = problems.filter((p) => p.severity === "warn");
for (const p of [...errors, ...warnings]) {
  console.log(`${p.severity === "error" ? "error" : "warn "} ${p.ruleId}  ${where(p)}\n      ${p.message}`);
}
const byRule = new Map<string, number>();
for (const p of problems) byRule.set(`${p.severity} ${p.ruleId}`, (byRule.get(`${p.severity} ${p.ruleId}`) ?? 0) + 1);
for (const [rule, n] of [...byRule].sort()) console.log(`  ${String(n).padStart(4)}  ${rule}`);
console.log(`OpenAPI lint (Redocly recommended): ${errors.length} errors, ${warnings.length} warnings`);
if (errors.length > 0 || (strict && warnings.length > 0)) process.exit(1);
