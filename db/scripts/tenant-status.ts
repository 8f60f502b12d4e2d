/// <reference types="node" />
/**
 * `npm run tenant:suspend -- --slug X [--local|--remote] [--persist-to <dir>]`
 * `npm run tenant:activate -- --slug X [--local|--remote]`
 *
 * The platform operator's switch: a suspended tenant answers 404 everywhere (public pages, admin,
 * API) within the catalog cache's lifetime (15 s per isolate), and its data stays untouched.
 * The operator changes only the catalog row; no tenant data is read.
 */
import { parseArgs } from "node:util";
import { controlDatabase, d1Query, describeTarget, isMain, main, sqlLiteral, targetFrom, UsageError } from "./lib.ts";

export async function setTenantStatus(argv: string[], status: "active" | "suspended"): Promise<void> {
  const { values } = parseArgs({
    args: argv,
    options: {
      slug: { type: "string" },
      local: { type: "boolean" },
      remote: { type: "boolean" },
      "persist-to": { type: "string" },
    },
  });
  const slug = values.slug ?? "";
  if (!/^[a-z][a-z0-9-]{1,39}$/.test(slug)) throw new UsageError("--slug is required (lower-case letters, digits, -)");
  const target = targetFrom(values);
  const control = controlDatabase().database_name;
  const [rows] = await d1Query<{ slug: string; status: string }>(
    control,
    `SELECT slug, status FROM tenants WHERE slug = ${sqlLiteral(slug)}`,
    target,
  );
  if (!rows?.length) throw new UsageError(`no tenant ${slug} in the catalog (${describeTarget(target)})`);
  await d1Query(control, `UPDATE tenants SET status = ${sqlLiteral(status)} WHERE slug = ${sqlLiteral(slug)}`, target);
  console.log(`${slug}: ${rows[0]!.status} → ${status} (${describeTarget(target)})`);
}

if (isMain(import.meta.url)) {
  const [mode, ...rest] = process.argv.slice(2);
  void main(() => setTenantStatus(rest, mode === "activate" ? "active" : "suspended"));
}
