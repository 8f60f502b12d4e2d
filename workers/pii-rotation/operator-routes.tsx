/**
 * 密钥轮换 for platform operators: `GET|POST /api/v1/platform/tenants/{slug}/pii-rotation` (JSON,
 * Bearer token) and `/platform/tenants/{slug}/pii-rotation` (page with a button). The operator
 * never sees personal data: the job decrypts and re-encrypts inside the Worker and reports counts.
 * Each run is recorded in the control plane's operator log and, page by page, in the tenant's audit chain.
 */
import type { Context } from "hono";
import { getCookie } from "hono/cookie";
import { PiiRotationPage } from "../../web/pages/platform/pii-rotation.tsx";
import type { TenantRow } from "../../db/schema/control/tenants.ts";
import type { Actor } from "../domain/audited-write.ts";
import { createServiceContext, type ServiceContext } from "../domain/service-context.ts";
import { operatorOfToken, type Operator } from "../operators/service.ts";
import type { AppEnv } from "../platform/env.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { createRouter } from "../platform/router.ts";
import { findTenant } from "../platform/tenancy/catalog.ts";
import { TENANT_BINDINGS } from "../platform/tenancy/tenant-bindings.ts";
import { RotationRunBody } from "./schemas.ts";
import { rotationProgress, runRotation } from "./service.ts";

const SLUG = /^[a-z][a-z0-9-]{1,39}$/;
const allowlist: ReadonlySet<string> = new Set(TENANT_BINDINGS);

function tokenOf(c: Context<AppEnv>): string | undefined {
  const auth = c.req.header("authorization");
  if (auth?.startsWith("Bearer ")) return auth.slice(7).trim() || undefined;
  return getCookie(c, "bangfu_operator");
}

async function requireOperator(c: Context<AppEnv>): Promise<Operator> {
  const op = await operatorOfToken(c.env.CONTROL, tokenOf(c));
  if (!op) throw new AppError("unauthenticated", "请先以平台运维身份登录");
  return op;
}

/** A catalogued, not deleted tenant whose database is deployed, as a service context acting for `op`. */
async function tenantContext(
  c: Context<AppEnv>,
  op: Operator,
): Promise<{ ctx: ServiceContext; actor: Actor; tenant: TenantRow }> {
  const slug = c.req.param("slug") ?? "";
  const tenant = SLUG.test(slug) ? await findTenant(c.env.CONTROL, slug) : null;
  if (!tenant || tenant.status === "deleted") throw new AppError("not_found", "没有这个地区（租户）");
  const binding = allowlist.has(tenant.binding)
    ? (c.env as unknown as Record<string, unknown>)[tenant.binding]
    : undefined;
  if (typeof binding !== "object" || binding === null || typeof (binding as D1Database).batch !== "function")
    throw new AppError("tenant_unavailable", `“${tenant.name}”的数据库尚未接入，请联系平台运维人员。`);
  const ctx = createServiceContext({
    tenant,
    d1: binding as D1Database,
    piiMasterKey: c.env.PII_MASTER_KEY,
    piiPreviousMasterKeys: c.env.PII_MASTER_KEY_PREVIOUS,
    requestId: c.var.requestId,
  });
  return { ctx, actor: { id: null, name: `平台运维:${op.username}`, role: "platform_operator" }, tenant };
}

async function parseRun(c: Context<AppEnv>, form: boolean) {
  let body: unknown = {};
  if (form) body = Object.fromEntries(Object.entries(await c.req.parseBody()).filter(([k]) => k !== "_csrf"));
  else if (c.req.header("content-length") !== "0" && c.req.header("content-type")?.includes("json")) {
    try {
      body = await c.req.json();
    } catch {
      throw new AppError("bad_request", "请求体须为 JSON");
    }
  }
  const parsed = RotationRunBody.safeParse(body ?? {});
  if (!parsed.success) throw new AppError("validation_failed", parsed.error.issues[0]?.message ?? "参数有误");
  return parsed.data;
}

async function logEvent(c: Context<AppEnv>, op: Operator, slug: string, detail: unknown) {
  await c.env.CONTROL.prepare(
    "INSERT INTO operator_events (actor, action, tenant_slug, detail) VALUES (?, 'pii.rotate', ?, ?)",
  )
    .bind(op.username, slug, JSON.stringify(detail))
    .run();
}

export const piiRotationApi = createRouter();

piiRotationApi.get("/tenants/:slug/pii-rotation", async (c) => {
  const { ctx } = await tenantContext(c, await requireOperator(c));
  return c.json(await rotationProgress(ctx), 200);
});

piiRotationApi.post("/tenants/:slug/pii-rotation", async (c) => {
  const op = await requireOperator(c);
  const { ctx, actor, tenant } = await tenantContext(c, op);
  const progress = await runRotation(ctx, actor, await parseRun(c, false));
  await logEvent(c, op, tenant.slug, {
    targetKid: progress.targetKid,
    status: progress.status,
    rewritten: progress.rewritten,
  });
  return c.json(progress, 200);
});

export const piiRotationPages = createRouter();

piiRotationPages.get("/tenants/:slug/pii-rotation", async (c) => {
  const op = await operatorOfToken(c.env.CONTROL, tokenOf(c));
  if (!op) return c.redirect("/platform/login", 303);
  const { ctx, tenant } = await tenantContext(c, op);
  return c.html(
    <PiiRotationPage
      operator={op.username}
      tenantName={tenant.name}
      slug={tenant.slug}
      progress={await rotationProgress(ctx)}
    />,
  );
});

piiRotationPages.post("/tenants/:slug/pii-rotation", async (c) => {
  const op = await operatorOfToken(c.env.CONTROL, tokenOf(c));
  if (!op) return c.redirect("/platform/login", 303);
  const { ctx, actor, tenant } = await tenantContext(c, op);
  const render = (
    progress: Awaited<ReturnType<typeof rotationProgress>>,
    error?: string,
    status: 200 | 409 | 400 | 422 = 200,
  ) =>
    c.html(
      <PiiRotationPage
        operator={op.username}
        tenantName={tenant.name}
        slug={tenant.slug}
        progress={progress}
        error={error}
      />,
      status,
    );
  try {
    const progress = await runRotation(ctx, actor, await parseRun(c, true));
    await logEvent(c, op, tenant.slug, {
      targetKid: progress.targetKid,
      status: progress.status,
      rewritten: progress.rewritten,
    });
    return render(progress);
  } catch (err) {
    if (!(err instanceof AppError) || err.status >= 500) throw err;
    return render(await rotationProgress(ctx), err.message, err.status as 400 | 409 | 422);
  }
});
