import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { fieldErrorsOf } from "../platform/errors/problem.ts";
import { can } from "../domain/permissions.ts";
import { scopeOf } from "../domain/scope.ts";
import { listTownships } from "../places/service.ts";
import { chinaDateOfUnix, monthOf } from "../lib/dates.ts";
import { CheckInListPage, CheckInPhonePage, PresencePage } from "../../web/pages/admin/check-in.tsx";
import { CheckInCreate, CheckInQuery, PresenceQuery } from "./schemas.ts";
import { checkIn, listCheckIns, myActiveAssignments, presenceReport } from "./service.ts";

export const checkInsAdmin = new Hono<AppEnv>();
export const checkInAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const q = (c: Context<AppEnv>, k: string) => c.req.query(k) || undefined;

/** Township officers see only their own township in the filter. */
async function townshipsFor(c: Context<AppEnv>) {
  const all = await listTownships(c.var.ctx);
  const scope = scopeOf(c.var.user!);
  return scope.kind === "township" ? all.filter((t) => t.code === scope.townshipCode) : all;
}

const phonePage: FormPage<TextValues> = async (c, state, status) => renderPhone(c, state, status);

async function renderPhone(
  c: Context<AppEnv>,
  state: { values?: TextValues; errors?: { field: string; message: string }[]; message?: string } = {},
  status: 200 | 400 | 409 = 200,
) {
  const ctx = c.var.ctx;
  const today = chinaDateOfUnix(ctx.now());
  const mine = await myActiveAssignments(ctx);
  const todays = mine.length ? (await listCheckIns(ctx, { from: today, to: today, page: 1, size: 20 })).items : [];
  const resultId = Number(c.req.query("id"));
  const result = status === 200 ? todays.find((t) => t.id === resultId) : undefined;
  return renderAdmin(c, {
    title: "签到",
    nav: "check-in",
    status,
    children: (
      <CheckInPhonePage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        today={today}
        assignments={mine.map((a) => ({
          id: a.id,
          role: a.role,
          villageName: a.villageName,
          located: a.latitude != null,
        }))}
        todays={todays}
        result={result}
        {...state}
      />
    ),
  });
}

checkInAdmin.get("/", requirePermission("checkins.record"), (c) => renderPhone(c));

checkInAdmin.post(
  "/",
  requirePermission("checkins.record"),
  formCsrf,
  formValidator(CheckInCreate, phonePage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      phonePage,
      values,
      () => checkIn(c.var.ctx, data),
      (r) => `${base(c)}/check-in?done=ok&id=${r.id}`,
    );
  },
);

checkInsAdmin.get("/", requirePermission("presence.read"), async (c) => {
  const raw = {
    assignmentId: q(c, "assignmentId"),
    townshipCode: q(c, "townshipCode"),
    from: q(c, "from"),
    to: q(c, "to"),
    flag: q(c, "flag"),
    page: q(c, "page"),
  };
  const parsed = CheckInQuery.safeParse(raw);
  const [page, townships] = await Promise.all([
    listCheckIns(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 }),
    townshipsFor(c),
  ]);
  return renderAdmin(c, {
    title: "签到记录",
    nav: "check-ins",
    status: parsed.success ? 200 : 400,
    children: (
      <CheckInListPage
        base={base(c)}
        page={page}
        townships={townships}
        filter={raw}
        errors={parsed.success ? undefined : fieldErrorsOf(parsed.error)}
        canCheckIn={can(c.var.user!.role, "checkins.record")}
      />
    ),
  });
});

checkInsAdmin.get("/summary", requirePermission("presence.read"), async (c) => {
  const current = monthOf(chinaDateOfUnix(c.var.ctx.now()));
  const raw = { month: q(c, "month") ?? current, townshipCode: q(c, "townshipCode"), page: q(c, "page") };
  const parsed = PresenceQuery.safeParse(raw);
  const [data, townships] = await Promise.all([
    presenceReport(c.var.ctx, parsed.success ? parsed.data : { month: current, page: 1, size: 50 }),
    townshipsFor(c),
  ]);
  return renderAdmin(c, {
    title: "在岗情况",
    nav: "check-ins",
    status: parsed.success ? 200 : 400,
    children: (
      <PresencePage
        base={base(c)}
        data={data}
        townships={townships}
        filter={raw}
        errors={parsed.success ? undefined : fieldErrorsOf(parsed.error)}
      />
    ),
  });
});
