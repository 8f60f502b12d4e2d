import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin, tryAction } from "../platform/admin-render.tsx";
import type { FieldError } from "../platform/errors/app-error.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { todayInChina } from "../lib/dates.ts";
import { DecisionsPage } from "../../web/pages/admin/decisions.tsx";
import { DecisionCreate, DecisionQuery } from "./schemas.ts";
import { createDecision, finalizeDecision, listDecisions, proposeStatusChange, publishDecision } from "./service.ts";
import { StatusChangeInput } from "../households/schemas.ts";

export const decisionsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = {
  created: "已提交并开始公示；公示期满且无异议成立后可点击“生效”",
  published: "已发布公示；公示期满且无异议成立后可点击“生效”",
  effective: "认定已生效，户状态已变更并记入公开账本",
};

async function page(
  c: Context<AppEnv>,
  extra: { errors?: FieldError[]; message?: string; values?: Record<string, string>; flashErr?: string } = {},
  status: 200 | 400 | 404 | 409 = 200,
) {
  const raw = { status: c.req.query("status") || undefined, page: c.req.query("page") || undefined };
  const parsed = DecisionQuery.safeParse(raw);
  const q = parsed.success ? parsed.data : { page: 1, size: 50 };
  return renderAdmin(c, {
    title: "户认定公示",
    nav: "notices",
    status,
    flash: extra.flashErr ? { kind: "err", text: extra.flashErr } : flashFrom(c, FLASH),
    children: (
      <DecisionsPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        today={todayInChina()}
        page={await listDecisions(c.var.ctx, q)}
        status={raw.status}
        errors={extra.errors}
        message={extra.message}
        values={extra.values}
      />
    ),
  });
}

decisionsAdmin.get("/decisions", requirePermission("households.manage"), (c) => page(c));

decisionsAdmin.post("/decisions", requirePermission("households.manage"), formCsrf, async (c) => {
  const body = await c.req.parseBody();
  const values: Record<string, string> = {};
  for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") values[k] = v;
  const errors: FieldError[] = [];
  const householdId = Number(values.householdId);
  if (!/^\d+$/.test(values.householdId ?? "") || !Number.isSafeInteger(householdId) || householdId <= 0)
    errors.push({ field: "householdId", message: "请填写户编号（正整数）" });
  const parsed = DecisionCreate.safeParse(values);
  if (!parsed.success) errors.push(...fieldErrorsOf(parsed.error));
  if (errors.length || !parsed.success) return page(c, { errors, values }, 400);
  const done = await tryAction(() => createDecision(c.var.ctx, householdId, parsed.data));
  if (!done.ok) {
    const fields =
      done.error.code === "not_found" ? [{ field: "householdId", message: done.error.message }] : done.error.fields;
    return page(c, { errors: fields, message: done.error.message, values }, done.error.status === 409 ? 409 : 400);
  }
  return c.redirect(`${base(c)}/decisions?done=created`, 303);
});

decisionsAdmin.post("/decisions/:id/finalize", requirePermission("households.manage"), formCsrf, async (c) => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", "没有这项认定");
  const done = await tryAction(() => finalizeDecision(c.var.ctx, id));
  if (!done.ok) {
    if (done.error.code === "not_found") throw done.error;
    return page(c, { flashErr: done.error.message }, 409);
  }
  return c.redirect(`${base(c)}/decisions?done=effective`, 303);
});

decisionsAdmin.post("/decisions/:id/publish", requirePermission("households.manage"), formCsrf, async (c) => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", "没有这项认定");
  const done = await tryAction(() => publishDecision(c.var.ctx, id, {}));
  if (!done.ok) {
    if (done.error.code === "not_found") throw done.error;
    return page(c, { flashErr: done.error.message }, 409);
  }
  return c.redirect(`${base(c)}/decisions?done=published`, 303);
});

// The household page's status form: a status change is a decision shown publicly first, never an edit.
decisionsAdmin.post(
  "/households/:id{[0-9]+}/status-changes",
  requirePermission("households.manage"),
  formCsrf,
  async (c) => {
    const id = Number(c.req.param("id"));
    const body = await c.req.parseBody();
    const values: Record<string, string> = {};
    for (const [k, v] of Object.entries(body)) if (typeof v === "string" && k !== "_csrf") values[k] = v;
    const parsed = StatusChangeInput.safeParse(values);
    if (!parsed.success)
      return page(
        c,
        {
          flashErr: fieldErrorsOf(parsed.error)
            .map((e) => e.message)
            .join("；"),
        },
        400,
      );
    const { fromStatus, ...change } = parsed.data;
    const done = await tryAction(() => proposeStatusChange(c.var.ctx, id, change, fromStatus));
    if (!done.ok) {
      if (done.error.code === "not_found") throw done.error;
      return page(c, { flashErr: done.error.message }, done.error.code === "conflict" ? 409 : 400);
    }
    return c.redirect(`${base(c)}/decisions?done=created`, 303);
  },
);
