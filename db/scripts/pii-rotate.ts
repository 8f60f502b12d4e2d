/// <reference types="node" />
/**
 * 密钥轮换 job from the command line (docs/OPERATIONS.md, 密钥轮换):
 *
 *   npx tsx db/scripts/pii-rotate.ts --local [--persist-to dir] [--slug x]
 *     runs the re-encryption job on local databases with .dev.vars' PII_MASTER_KEY (writes) and
 *     PII_MASTER_KEY_PREVIOUS (reads), page by page until every active tenant is done.
 *   npx tsx db/scripts/pii-rotate.ts --url https://bangfu.example.cn --token <operator token> [--slug x]
 *     drives the deployed Worker through the operator API (the Worker holds the secrets; this
 *     script never sees a key), calling POST …/pii-rotation until it reports done.
 *
 * Safe to interrupt and run again: progress is stored per tenant, a finished tenant changes nothing.
 */
import { parseArgs } from "node:util";
import type { TenantRow } from "../schema/control/tenants.ts";
import { createServiceContext } from "../../workers/domain/service-context.ts";
import { listActiveTenants } from "../../workers/platform/tenancy/catalog.ts";
import { runRotation, type RotationProgress } from "../../workers/pii-rotation/service.ts";
import { openLocalD1 } from "./fleet/local-d1.ts";
import { controlDatabase, isMain, main, readDevVars, targetFrom, tenantDatabases, UsageError } from "./lib.ts";

const MAX_CALLS = 100_000;

function line(slug: string, p: RotationProgress): string {
  return `${slug}: ${p.status} → ${p.targetKid}; ${p.rewritten} rewritten, ${p.unreadable} unreadable, ${p.remainingRows} rows left${p.table ? ` (at ${p.table} #${p.cursor})` : ""}`;
}

async function rotateLocal(persistTo: string, only?: string): Promise<void> {
  const vars = readDevVars();
  if (!vars.PII_MASTER_KEY) throw new UsageError("PII_MASTER_KEY is not in .dev.vars");
  const control = await openLocalD1(persistTo, [controlDatabase()]);
  let tenants: TenantRow[];
  try {
    tenants = (await listActiveTenants(control.env.CONTROL!)).filter((t) => !only || t.slug === only);
  } finally {
    await control.dispose();
  }
  if (only && tenants.length === 0) throw new UsageError(`no active tenant ${only}`);
  for (const tenant of tenants) {
    const entry = tenantDatabases().find((d) => d.binding === tenant.binding);
    if (!entry) throw new UsageError(`${tenant.binding} is not in wrangler.toml`);
    const local = await openLocalD1(persistTo, [entry]);
    try {
      const ctx = createServiceContext({
        tenant,
        d1: local.env[entry.binding]!,
        piiMasterKey: vars.PII_MASTER_KEY,
        piiPreviousMasterKeys: vars.PII_MASTER_KEY_PREVIOUS,
      });
      const actor = { id: null, name: `平台运维:${process.env.USER ?? "operator"}`, role: "platform_operator" };
      let p = await runRotation(ctx, actor);
      for (let i = 0; i < MAX_CALLS && p.status === "running"; i++) {
        console.log(line(tenant.slug, p));
        p = await runRotation(ctx, actor);
      }
      console.log(line(tenant.slug, p));
    } finally {
      await local.dispose();
    }
  }
}

async function rotateRemote(url: string, token: string, only?: string): Promise<void> {
  const base = url.replace(/\/+$/, "");
  const headers = { authorization: `Bearer ${token}`, "content-type": "application/json" };
  const slugs: string[] = [];
  if (only) slugs.push(only);
  else
    for (let page = 1; ; page++) {
      const res = await fetch(`${base}/api/v1/platform/tenants?status=active&size=100&page=${page}`, { headers });
      if (!res.ok) throw new Error(`listing tenants: ${res.status} ${await res.text()}`);
      const body = (await res.json()) as { items: { slug: string }[]; total: number };
      slugs.push(...body.items.map((t) => t.slug));
      if (body.items.length === 0 || slugs.length >= body.total) break;
    }
  for (const slug of slugs) {
    for (let i = 0; i < MAX_CALLS; i++) {
      const res = await fetch(`${base}/api/v1/platform/tenants/${slug}/pii-rotation`, {
        method: "POST",
        headers,
        body: JSON.stringify({}),
      });
      if (!res.ok) throw new Error(`${slug}: ${res.status} ${await res.text()}`);
      const p = (await res.json()) as RotationProgress;
      console.log(line(slug, p));
      if (p.status !== "running") break;
    }
  }
}

if (isMain(import.meta.url)) {
  await main(async () => {
    const { values } = parseArgs({
      options: {
        local: { type: "boolean" },
        "persist-to": { type: "string" },
        url: { type: "string" },
        token: { type: "string" },
        slug: { type: "string" },
      },
      strict: true,
    });
    if (values.slug && !/^[a-z][a-z0-9-]{1,39}$/.test(values.slug)) throw new UsageError("--slug is malformed");
    if (values.url) {
      if (values.local) throw new UsageError("choose one of --local and --url");
      const token = values.token ?? process.env.BANGFU_OPERATOR_TOKEN;
      if (!token) throw new UsageError("--token (or BANGFU_OPERATOR_TOKEN) is needed with --url");
      await rotateRemote(values.url, token, values.slug);
      return;
    }
    const target = targetFrom({ local: true, "persist-to": values["persist-to"] });
    if (target.mode !== "local") throw new UsageError("use --url for a deployed Worker");
    await rotateLocal(target.persistTo, values.slug);
  });
}
