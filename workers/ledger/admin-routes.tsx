import { Hono } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { renderAdmin } from "../platform/admin-render.tsx";
import { LedgerPage } from "../../web/pages/admin/ledger.tsx";
import { ledgerHead, recentLedgerEntries } from "./service.ts";
import { verifyTenantLedger } from "./verify.ts";
import { verifyCursor } from "./verify-query.ts";

export const ledgerAdmin = new Hono<AppEnv>();

ledgerAdmin.get("/", requirePermission("registry.read"), async (c) => {
  const slug = c.var.tenant.slug;
  const [head, recent, verification] = await Promise.all([
    ledgerHead(c.var.ctx),
    recentLedgerEntries(c.var.ctx),
    c.req.query("verify")
      ? verifyTenantLedger(c.var.ctx, verifyCursor(c.req.query("cursor")))
      : Promise.resolve(undefined),
  ]);
  return renderAdmin(c, {
    title: "公开账本",
    nav: "ledger",
    children: (
      <LedgerPage
        base={`/t/${slug}/admin`}
        apiBase={`/t/${slug}/api/v1`}
        head={head}
        recent={recent}
        verification={verification}
      />
    ),
  });
});
