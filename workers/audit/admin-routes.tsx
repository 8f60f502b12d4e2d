import { Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { renderAdmin } from "../platform/admin-render.tsx";
import { AuditPage } from "../../web/pages/admin/audit.tsx";
import { AuditQuery } from "./schemas.ts";
import { listAudit, verifyAudit } from "./service.ts";
import { verifyCursor } from "../ledger/verify-query.ts";

export const auditAdmin = new Hono<AppEnv>();

auditAdmin.get("/", requirePermission("audit.read"), async (c) => {
  const parsed = AuditQuery.safeParse({
    before: c.req.query("before") || undefined,
    action: c.req.query("action") || undefined,
    limit: 50,
  });
  const q = parsed.success ? parsed.data : { limit: 50 };
  const [page, chain] = await Promise.all([
    listAudit(c.var.ctx, q),
    c.req.query("verify") ? verifyAudit(c.var.ctx, verifyCursor(c.req.query("cursor"))) : Promise.resolve(undefined),
  ]);
  return renderAdmin(c, {
    title: "审计日志",
    nav: "audit",
    children: (
      <AuditPage
        base={`/t/${c.var.tenant.slug}/admin`}
        items={page.items}
        nextBefore={page.nextBefore}
        action={q.action}
        chain={chain}
      />
    ),
  });
});
