import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { can } from "../domain/permissions.ts";
import { chinaDateOfUnix } from "../lib/dates.ts";
import { IdParam } from "../units/schemas.ts";
import { pickCandidates, resolvePicks } from "../lookup/resolve.ts";
import { PlanDetailPage, RetrainPage, SessionDetailPage, TrainingListPage } from "../../web/pages/admin/training.tsx";
import { AttendanceCreate, PlanCreate, SessionCreate } from "./schemas.ts";
import * as plans from "./plans.ts";
import { isVillageAudience, planCoverage, retrainList } from "./coverage.ts";

export const trainingAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const pickCadre = resolvePicks([{ field: "takerId", entity: "cadres" }]);
const FLASH = { created: "已创建培训计划", session: "已新增一期培训", recorded: "已登记参训" };
type State = { values?: TextValues; errors?: FieldError[]; message?: string };

function idOf(c: Context<AppEnv>, what: string): number {
  const parsed = IdParam(what).safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", `没有这个${what}`);
  return parsed.data.id;
}

async function list(c: Context<AppEnv>, state: State = {}, status: 200 | 400 | 409 = 200) {
  const { items } = await plans.listPlans(c.var.ctx);
  return renderAdmin(c, {
    title: "培训",
    nav: "trainings",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <TrainingListPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        plans={items}
        canPlan={can(c.var.user!.role, "training.plan")}
        thisYear={Number(chinaDateOfUnix(c.var.ctx.now()).slice(0, 4))}
        {...state}
      />
    ),
  });
}
trainingAdmin.get("/", requirePermission("training.read"), (c) => list(c));
const listPage: FormPage<TextValues> = (c, state, status) => list(c, state, status);
trainingAdmin.post("/", requirePermission("training.plan"), formCsrf, formValidator(PlanCreate, listPage), (c) => {
  const { data, values } = c.req.valid("form");
  return submitForm(
    c,
    listPage,
    values,
    () => plans.createPlan(c.var.ctx, data),
    (p) => `${base(c)}/trainings/${p.id}?done=created`,
  );
});

trainingAdmin.get("/retrain", requirePermission("exams.read"), async (c) => {
  const { items } = await retrainList(c.var.ctx);
  return renderAdmin(c, {
    title: "回炉名单",
    nav: "trainings",
    children: <RetrainPage base={base(c)} items={items} />,
  });
});

async function plan(c: Context<AppEnv>, state: State = {}, status: 200 | 400 | 409 = 200) {
  const id = idOf(c, "培训计划");
  const [p, coverage] = await Promise.all([plans.getPlan(c.var.ctx, id), planCoverage(c.var.ctx, id)]);
  const u = c.var.user!;
  return renderAdmin(c, {
    title: p.title,
    nav: "trainings",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <PlanDetailPage
        base={base(c)}
        csrf={u.csrfToken}
        plan={p}
        coverage={coverage}
        canRecord={can(u.role, "training.record")}
        ownTownship={u.role === "township_officer" ? u.townshipCode : null}
        today={chinaDateOfUnix(c.var.ctx.now())}
        {...state}
      />
    ),
  });
}
trainingAdmin.get("/:id{[0-9]+}", requirePermission("training.read"), (c) => plan(c));
const planPage: FormPage<TextValues> = (c, state, status) => plan(c, state, status);
trainingAdmin.post(
  "/:id{[0-9]+}/sessions",
  requirePermission("training.record"),
  formCsrf,
  formValidator(SessionCreate, planPage),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      planPage,
      values,
      () => plans.createSession(c.var.ctx, idOf(c, "培训计划"), data),
      (s) => `${base(c)}/trainings/sessions/${s.id}?done=session`,
      { propagate: ["not_found"] },
    );
  },
);

async function session(c: Context<AppEnv>, state: State = {}, status: 200 | 400 | 409 = 200) {
  const s = await plans.getSession(c.var.ctx, idOf(c, "培训"));
  const villageCadres = isVillageAudience(s.planAudience);
  const canRecord = can(c.var.user!.role, "training.record");
  // A village-cadre plan's session lists who still has to be trained, each recorded with one tap.
  const untrained = villageCadres && canRecord ? (await planCoverage(c.var.ctx, s.planId)).untrained : undefined;
  return renderAdmin(c, {
    title: s.title,
    nav: "trainings",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <SessionDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        session={s}
        canRecord={canRecord}
        villageCadres={villageCadres}
        untrained={untrained}
        candidates={
          state.values && !villageCadres ? await pickCandidates(c.var.ctx, "cadres", state.values.takerId) : undefined
        }
        {...state}
      />
    ),
  });
}
trainingAdmin.get("/sessions/:id{[0-9]+}", requirePermission("training.read"), (c) => session(c));
const sessionPage: FormPage<TextValues> = (c, state, status) => session(c, state, status);
trainingAdmin.post(
  "/sessions/:id{[0-9]+}/attendance",
  requirePermission("training.record"),
  formCsrf,
  formValidator(AttendanceCreate, sessionPage, {
    // A cadre is picked by name or number; a village cadre comes by roster number (the session lists them).
    input: (v, fail, more) => (v.takerKind === "village_cadre" ? v : pickCadre(v, fail, more)),
  }),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      sessionPage,
      values,
      () => plans.recordAttendance(c.var.ctx, idOf(c, "培训"), data),
      (s) => `${base(c)}/trainings/sessions/${s.id}?done=recorded`,
    );
  },
);
