import { pickCandidates, resolvePicks } from "../lookup/resolve.ts";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import type { ServiceContext } from "../domain/service-context.ts";
import type { ZodType } from "zod";
import { can } from "../domain/permissions.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { monthOf, todayInChina } from "../lib/dates.ts";
import { listTownships } from "../places/service.ts";
import { scopeOf } from "../domain/scope.ts";
import { IdParam } from "../units/schemas.ts";
import {
  AssignmentDetailPage,
  AssignmentListPage,
  AssignmentNewPage,
  LowAttendancePage,
} from "../../web/pages/admin/assignments.tsx";
import {
  AssignmentCreate,
  AssignmentEnd,
  AssignmentQuery,
  AssignmentReplace,
  AttendanceBody,
  LowAttendanceQuery,
  Month,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { confirmAttendance, listAttendance, lowAttendance, recordAttendance } from "./attendance.ts";

export const assignmentsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const apiBase = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/api/v1`;
const FLASH = {
  created: "已派驻",
  ended: "驻村任务已结束",
  replaced: "已调整更换，接替干部已到岗",
  attendance: "驻村天数已填报（待乡镇或县级确认后计发）",
  confirmed: "驻村天数已确认",
};

function idOf(c: Context<AppEnv>): number {
  const parsed = IdParam("驻村任务").safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", "没有这个驻村任务");
  return parsed.data.id;
}

const q = (c: Context<AppEnv>, k: string) => c.req.query(k) || undefined;

assignmentsAdmin.get("/", requirePermission("registry.read"), async (c) => {
  const raw = {
    townshipCode: q(c, "townshipCode"),
    villageCode: q(c, "villageCode"),
    role: q(c, "role"),
    status: q(c, "status"),
    cadreId: q(c, "cadreId"),
    page: q(c, "page"),
  };
  const parsed = AssignmentQuery.safeParse(raw);
  const [page, townships] = await Promise.all([
    svc.listAssignments(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 }),
    listTownships(c.var.ctx),
  ]);
  return renderAdmin(c, {
    title: "驻村任务",
    nav: "assignments",
    flash: flashFrom(c, FLASH),
    children: (
      <AssignmentListPage
        base={base(c)}
        apiBase={apiBase(c)}
        page={page}
        townships={townships}
        filter={raw}
        canManage={can(c.var.user!.role, "assignments.manage")}
      />
    ),
  });
});

assignmentsAdmin.get("/low-attendance", requirePermission("registry.read"), async (c) => {
  // Default: last month, the one whose days should all be in by now.
  const today = todayInChina();
  const [y, m] = [Number(today.slice(0, 4)), Number(today.slice(5, 7))];
  const lastMonth = m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
  const raw = { month: q(c, "month"), below: q(c, "below"), townshipCode: q(c, "townshipCode"), page: q(c, "page") };
  const parsed = LowAttendanceQuery.safeParse({ ...raw, month: raw.month ?? lastMonth });
  const errors = parsed.success ? undefined : fieldErrorsOf(parsed.error);
  const query = parsed.success ? parsed.data : { month: lastMonth, below: 10, page: 1, size: 50 };
  const [data, townships] = await Promise.all([lowAttendance(c.var.ctx, query), listTownships(c.var.ctx)]);
  return renderAdmin(c, {
    title: "驻村天数偏少",
    nav: "assignments",
    status: errors ? 400 : 200,
    children: (
      <LowAttendancePage
        base={base(c)}
        apiBase={apiBase(c)}
        data={data}
        townships={townships}
        filter={raw}
        errors={errors}
      />
    ),
  });
});

assignmentsAdmin.get("/new", requirePermission("assignments.manage"), async (c) =>
  renderAdmin(c, {
    title: "派驻干部",
    nav: "assignments",
    children: (
      <AssignmentNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        cadres={await svc.cadreOptions(c.var.ctx)}
        values={{ cadreId: q(c, "cadreId"), villageCode: q(c, "villageCode"), startDate: todayInChina() }}
      />
    ),
  }),
);

// The new-record form answers 400 to every refusal, a conflict included (as it always has).
const newPage: FormPage<TextValues> = async (c, state) =>
  renderAdmin(c, {
    title: "派驻干部",
    nav: "assignments",
    status: 400,
    children: (
      <AssignmentNewPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        cadres={await svc.cadreOptions(c.var.ctx)}
        candidates={await pickCandidates(c.var.ctx, "villages", state.values.villageCode)}
        {...state}
      />
    ),
  });

assignmentsAdmin.post(
  "/",
  requirePermission("assignments.manage"),
  formCsrf,
  formValidator(AssignmentCreate, newPage, { input: resolvePicks([{ field: "villageCode", entity: "villages" }]) }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createAssignment(c.var.ctx, data),
      (a) => `${base(c)}/assignments/${a.id}?done=created`,
      { propagate: ["not_found"] },
    );
  },
);

type Extra = {
  form?: "end" | "replace" | "attendance";
  values?: Record<string, string>;
  errors?: FieldError[];
  message?: string;
};

async function detail(c: Context<AppEnv>, extra: Extra = {}, status: 200 | 400 | 409 = 200) {
  const a = await svc.getAssignment(c.var.ctx, idOf(c));
  const role = c.var.user!.role;
  const canManage = can(role, "assignments.manage");
  const [attendance, cadres, successor] = await Promise.all([
    listAttendance(c.var.ctx, a.id),
    canManage && a.status === "active" ? svc.cadreOptions(c.var.ctx) : Promise.resolve([]),
    svc.successorOf(c.var.ctx, a),
  ]);
  const canRecord = can(role, "attendance.record") && (scopeOf(c.var.user!).kind !== "cadre" || a.status === "active");
  const today = todayInChina();
  return renderAdmin(c, {
    title: `驻村任务 ${a.id}`,
    nav: "assignments",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <AssignmentDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        a={a}
        successor={successor}
        attendance={attendance.items}
        cadres={cadres}
        canManage={canManage}
        canRecord={canRecord}
        canConfirm={can(role, "attendance.confirm")}
        userId={c.var.user!.id}
        defaultMonth={monthOf(today)}
        today={today}
        {...extra}
      />
    ),
  });
}

assignmentsAdmin.get("/:id{[0-9]+}", requirePermission("registry.read"), (c) => detail(c));

/** A form of the assignment page; 404s propagate, other domain errors re-render the form. */
for (const [path, form, schema, permission, run, done] of [
  ["end", "end", AssignmentEnd, "assignments.manage", svc.endAssignment, "ended"],
  ["replace", "replace", AssignmentReplace, "assignments.manage", svc.replaceAssignment, "replaced"],
  [
    "attendance",
    "attendance",
    AttendanceBody.extend({ month: Month }),
    "attendance.record",
    (ctx: ServiceContext, id: number, v: { month: string; days: number }) => recordAttendance(ctx, id, v.month, v.days),
    "attendance",
  ],
] as const) {
  const page: FormPage<TextValues> = (c, state, status) => detail(c, { form, ...state }, status);
  assignmentsAdmin.post(
    `/:id{[0-9]+}/${path}`,
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
        () => `${base(c)}/assignments/${idOf(c)}?done=${done}`,
        { propagate: ["not_found"] },
      );
    },
  );
}

assignmentsAdmin.post(
  "/:id{[0-9]+}/attendance/:month{[0-9]{4}-[0-9]{2}}/confirm",
  requirePermission("attendance.confirm"),
  formCsrf,
  formValidator(AttendanceBody, (c, state, status) => detail(c, { form: "attendance", ...state }, status)),
  async (c) => {
    const { data, values } = c.req.valid("form");
    const month = Month.safeParse(c.req.param("month"));
    if (!month.success) throw new AppError("not_found", "没有这个月份");
    return submitForm(
      c,
      (cc, state, status) => detail(cc, { form: "attendance", ...state }, status),
      values,
      () => confirmAttendance(c.var.ctx, idOf(c), month.data, data.days),
      () => `${base(c)}/assignments/${idOf(c)}?done=confirmed`,
      { propagate: ["not_found"] },
    );
  },
);
