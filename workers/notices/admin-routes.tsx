import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { can } from "../domain/permissions.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { NoticeDetailPage, NoticeListPage } from "../../web/pages/admin/notices.tsx";
import type { AnswerFormState } from "../../web/pages/admin/objections.tsx";
import { NoticeQuery } from "./schemas.ts";
import { getNoticeDetail, listNotices } from "./service.ts";

export const noticesAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { answered: "已答复，答复已公开并记入公开账本", withdrawn: "异议成立：公示已撤回" };

noticesAdmin.get("/", requirePermission("registry.read"), async (c) => {
  const raw = {
    kind: c.req.query("kind") || undefined,
    status: c.req.query("status") || undefined,
    openNow: c.req.query("openNow") || undefined,
    villageId: c.req.query("villageId") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = NoticeQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : { page: 1, size: 50 };
  const role = c.var.user!.role;
  return renderAdmin(c, {
    title: "公示与异议",
    nav: "notices",
    flash: flashFrom(c, FLASH),
    children: (
      <NoticeListPage
        base={base(c)}
        page={await listNotices(c.var.ctx, q)}
        filter={raw}
        canAnswer={can(role, "notices.answer")}
        canDecide={can(role, "households.manage")}
      />
    ),
  });
});

/** The notice page; also re-rendered by a failed answer form (see objections/admin-routes.tsx). */
export async function noticeDetailPage(
  c: Context<AppEnv>,
  id: number,
  state?: AnswerFormState,
  status: 200 | 400 | 409 = 200,
) {
  const notice = await getNoticeDetail(c.var.ctx, id);
  return renderAdmin(c, {
    title: notice.title,
    nav: "notices",
    status,
    // A conflict (already answered, notice changed) may leave no form to show the message next to.
    flash: status === 409 && state?.message ? { kind: "err", text: state.message } : flashFrom(c, FLASH),
    children: (
      <NoticeDetailPage
        base={base(c)}
        tenantSlug={c.var.tenant.slug}
        csrf={c.var.user!.csrfToken}
        notice={notice}
        canAnswer={can(c.var.user!.role, "notices.answer")}
        state={state}
      />
    ),
  });
}

noticesAdmin.get("/:id", requirePermission("registry.read"), (c) => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", "没有这个公示");
  return noticeDetailPage(c, id);
});
