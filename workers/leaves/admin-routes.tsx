import { Hono, type Context } from "hono";
import type { ZodType } from "zod";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import type { ServiceContext } from "../domain/service-context.ts";
import { can } from "../domain/permissions.ts";
import { scopeOf } from "../domain/scope.ts";
import { listTownships } from "../places/service.ts";
import { chinaDateOfUnix } from "../lib/dates.ts";
import { IdParam } from "../units/schemas.ts";
import { myActiveAssignments } from "../check-ins/service.ts";
import { LeaveDetailPage, LeaveListPage } from "../../web/pages/admin/leaves.tsx";
import { LeaveCreate, LeaveDecision, LeaveQuery, LeaveRejection, LeaveReturn } from "./schemas.ts";
import * as svc from "./service.ts";

export const leavesAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const q = (c: Context<AppEnv>, k: string) => c.req.query(k) || undefined;
const FLASH = {
  requested: "已提交请假，待乡镇审批",
  approved: "已批准",
  rejected: "已不批准",
  cancelled: "已撤回",
  returned: "已销假",
};

function idOf(c: Context<AppEnv>): number {
  const parsed = IdParam("请假").safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", "没有这条请假记录");
  return parsed.data.id;
}

async function list(
  c: Context<AppEnv>,
  state: { values?: TextValues; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const raw = { status: q(c, "status"), townshipCode: q(c, "townshipCode"), page: q(c, "page") };
  const parsed = LeaveQuery.safeParse(raw);
  const scope = scopeOf(c.var.user!);
  const [page, townships, own] = await Promise.all([
    svc.listLeaves(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 }),
    listTownships(c.var.ctx),
    myActiveAssignments(c.var.ctx),
  ]);
  return renderAdmin(c, {
    title: "请假",
    nav: "leaves",
    status: status === 200 && !parsed.success ? 400 : status,
    flash: flashFrom(c, FLASH),
    children: (
      <LeaveListPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        page={page}
        townships={scope.kind === "township" ? townships.filter((t) => t.code === scope.townshipCode) : townships}
        filter={raw}
        filterErrors={parsed.success ? undefined : fieldErrorsOf(parsed.error)}
        ownAssignments={own}
        canRequest={can(c.var.user!.role, "leaves.request")}
        {...state}
      />
    ),
  });
}

leavesAdmin.get("/", requirePermission("presence.read"), (c) => list(c));

const newPage: FormPage<TextValues> = (c, state, status) => list(c, state, status);
leavesAdmin.post("/", requirePermission("leaves.request"), formCsrf, formValidator(LeaveCreate, newPage), async (c) => {
  const { data, values } = c.req.valid("form");
  return submitForm(
    c,
    newPage,
    values,
    () => svc.requestLeave(c.var.ctx, data),
    (l) => `${base(c)}/leaves/${l.id}?done=requested`,
  );
});

type Form = "approve" | "reject" | "cancel" | "return";

async function detail(
  c: Context<AppEnv>,
  extra: { form?: Form; values?: TextValues; errors?: FieldError[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const l = await svc.getLeave(c.var.ctx, idOf(c));
  const role = c.var.user!.role;
  return renderAdmin(c, {
    title: `请假 ${l.id}`,
    nav: "leaves",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <LeaveDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        l={l}
        userId={c.var.user!.id}
        today={chinaDateOfUnix(c.var.ctx.now())}
        canApprove={can(role, "leaves.approve")}
        canRequest={can(role, "leaves.request")}
        canClose={can(role, "leaves.close")}
        {...extra}
      />
    ),
  });
}

leavesAdmin.get("/:id{[0-9]+}", requirePermission("presence.read"), (c) => detail(c));

/** The leave page's forms; 404s propagate, other refusals re-render the page with the message. */
for (const [form, schema, permission, run, done] of [
  [
    "approve",
    LeaveDecision,
    "leaves.approve",
    (ctx: ServiceContext, id: number, v: { note?: string }) => svc.decideLeave(ctx, id, "approved", v.note),
    "approved",
  ],
  [
    "reject",
    LeaveRejection,
    "leaves.approve",
    (ctx: ServiceContext, id: number, v: { note: string }) => svc.decideLeave(ctx, id, "rejected", v.note),
    "rejected",
  ],
  [
    "cancel",
    LeaveDecision,
    "leaves.request",
    (ctx: ServiceContext, id: number) => svc.cancelLeave(ctx, id),
    "cancelled",
  ],
  [
    "return",
    LeaveReturn,
    "leaves.close",
    (ctx: ServiceContext, id: number, v: { returnedOn: string }) => svc.returnFromLeave(ctx, id, v.returnedOn),
    "returned",
  ],
] as const) {
  const page: FormPage<TextValues> = (c, state, status) => detail(c, { form, ...state }, status);
  leavesAdmin.post(
    `/:id{[0-9]+}/${form}`,
    requirePermission(permission),
    formCsrf,
    formValidator(schema as ZodType, page),
    async (c) => {
      const { data, values } = c.req.valid("form");
      return submitForm(
        c,
        page,
        values,
        () => (run as (ctx: ServiceContext, id: number, v: unknown) => Promise<unknown>)(c.var.ctx, idOf(c), data),
        () => `${base(c)}/leaves/${idOf(c)}?done=${done}`,
        { propagate: ["not_found"] },
      );
    },
  );
}
