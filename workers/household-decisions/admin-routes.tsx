import { pickCandidates, resolvePicks } from "../lookup/resolve.ts";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, type FormState, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { z } from "zod";
import { AppError } from "../platform/errors/app-error.ts";
import { todayInChina } from "../lib/dates.ts";
import { DecisionsPage } from "../../web/pages/admin/decisions.tsx";
import { DecisionCreate, DecisionQuery } from "./schemas.ts";
import { createDecision, finalizeDecision, listDecisions, proposeStatusChange, publishDecision } from "./service.ts";
import { StatusChangeInput } from "../households/schemas.ts";

export const decisionsAdmin = new Hono<AppEnv>();
export const householdDecisionsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = {
  created: "已提交并开始公示；公示期满且无异议成立后可点击“生效”",
  published: "已发布公示；公示期满且无异议成立后可点击“生效”",
  effective: "认定已生效，户状态已变更并记入公开账本",
};

async function page(
  c: Context<AppEnv>,
  extra: Partial<FormState<TextValues>> & { flashErr?: string | undefined } = {},
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
        candidates={await pickCandidates(c.var.ctx, "households", extra.values?.householdId)}
      />
    ),
  });
}

decisionsAdmin.get("/", requirePermission("households.manage"), (c) => page(c));

const DecisionForm = DecisionCreate.and(
  z.object({
    householdId: z
      .string({ error: "请填写户编号（正整数）" })
      .regex(/^\d{1,15}$/, "请填写户编号（正整数）")
      .transform(Number)
      .refine((n) => Number.isSafeInteger(n) && n > 0, "请填写户编号（正整数）"),
  }),
);

decisionsAdmin.post(
  "/",
  requirePermission("households.manage"),
  formCsrf,
  formValidator(DecisionForm, page, { input: resolvePicks([{ field: "householdId", entity: "households" }]) }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const { householdId, ...decision } = data;
    return submitForm(
      c,
      page,
      values,
      () => createDecision(c.var.ctx, householdId, decision),
      () => `${base(c)}/decisions?done=created`,
      // "No such household" belongs next to the household number.
      {
        errors: (err) => (err.code === "not_found" ? [{ field: "householdId", message: err.message }] : err.fields),
      },
    );
  },
);

decisionsAdmin.post("/:id/finalize", requirePermission("households.manage"), formCsrf, async (c) => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", "没有这项认定");
  return submitForm(
    c,
    (c, state) => page(c, { flashErr: state.message }, 409),
    {},
    () => finalizeDecision(c.var.ctx, id),
    () => `${base(c)}/decisions?done=effective`,
    { propagate: ["not_found"] },
  );
});

decisionsAdmin.post("/:id/publish", requirePermission("households.manage"), formCsrf, async (c) => {
  const id = Number(c.req.param("id"));
  if (!Number.isSafeInteger(id) || id <= 0) throw new AppError("not_found", "没有这项认定");
  return submitForm(
    c,
    (c, state) => page(c, { flashErr: state.message }, 409),
    {},
    () => publishDecision(c.var.ctx, id, {}),
    () => `${base(c)}/decisions?done=published`,
    { propagate: ["not_found"] },
  );
});

// The household page's status form: a status change is a decision shown publicly first, never an edit.
const statusPage: FormPage<TextValues> = (c, state, status) =>
  page(c, { flashErr: [state.message, ...state.errors.map((e) => e.message)].filter(Boolean).join("；") }, status);
householdDecisionsAdmin.post(
  "/:id{[0-9]+}/status-changes",
  requirePermission("households.manage"),
  formCsrf,
  formValidator(StatusChangeInput, statusPage),
  async (c) => {
    const id = Number(c.req.param("id"));
    const { data, values } = c.req.valid("form");
    const { fromStatus, ...change } = data;
    return submitForm(
      c,
      statusPage,
      values,
      () => proposeStatusChange(c.var.ctx, id, change, fromStatus),
      () => `${base(c)}/decisions?done=created`,
      { propagate: ["not_found"] },
    );
  },
);
