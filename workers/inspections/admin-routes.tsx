import { Hono, type Context } from "hono";
import type { ZodType } from "zod";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can, type Permission } from "../domain/permissions.ts";
import { AppError } from "../platform/errors/app-error.ts";
import type { FailedForm } from "../../web/pages/admin/letters.tsx";
import {
  InspectionDetailPage,
  InspectionListPage,
  InspectionNewPage,
  ProblemListPage,
} from "../../web/pages/admin/inspections.tsx";
import { unitOptions } from "../units/service.ts";
import {
  InspectionCreate,
  InspectionQuery,
  ProblemCreate,
  ProblemDecision,
  ProblemQuery,
  Rectification,
  SignOff,
} from "./schemas.ts";
import * as svc from "./service.ts";

export const inspectionsAdmin = new Hono<AppEnv>();
export const problemsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "督查已登记", problem: "问题已添加", saved: "已保存" };
const idOf = (c: Context<AppEnv>) => {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1 || id > 2 ** 31) throw new AppError("not_found", "没有这条记录");
  return id;
};

inspectionsAdmin.get("/", requirePermission("supervision.read"), async (c) => {
  const raw = {
    kind: c.req.query("kind") || undefined,
    targetKind: c.req.query("targetKind") || undefined,
    year: c.req.query("year") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = InspectionQuery.safeParse(raw);
  const page = await svc.listInspections(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  return renderAdmin(c, {
    title: "督查整改",
    nav: "inspections",
    flash: flashFrom(c, FLASH),
    children: (
      <InspectionListPage
        base={base(c)}
        page={page}
        filter={raw}
        canManage={can(c.var.user!.role, "inspections.manage")}
      />
    ),
  });
});

problemsAdmin.get("/", requirePermission("supervision.read"), async (c) => {
  const raw = {
    status: c.req.query("status") || undefined,
    overdue: c.req.query("overdue") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = ProblemQuery.safeParse(raw);
  const page = await svc.listProblems(c.var.ctx, parsed.success ? parsed.data : { page: 1, size: 50 });
  return renderAdmin(c, {
    title: "整改台账",
    nav: "inspections",
    children: <ProblemListPage base={base(c)} page={page} filter={raw} />,
  });
});

const newPage: FormPage<TextValues> = async (c, state, status) =>
  renderAdmin(c, {
    title: "登记督查",
    nav: "inspections",
    status,
    children: (
      <InspectionNewPage base={base(c)} csrf={c.var.user!.csrfToken} units={await unitOptions(c.var.ctx)} {...state} />
    ),
  });
inspectionsAdmin.get("/new", requirePermission("inspections.manage"), (c) =>
  newPage(c, { values: {}, errors: [] }, 200 as 400),
);

/** The form carries at most one problem; more are added on the inspection's page. */
const inspectionInput = (v: TextValues) => ({
  ...v,
  problems: v.problem?.trim() ? [{ description: v.problem, deadline: v.deadline ?? "" }] : [],
});
inspectionsAdmin.post(
  "/",
  requirePermission("inspections.manage"),
  formCsrf,
  formValidator(InspectionCreate, newPage, {
    input: inspectionInput,
    fields: (f) => (f === "problems.0.description" ? "problem" : f === "problems.0.deadline" ? "deadline" : f),
  }),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createInspection(c.var.ctx, data),
      (i) => `${base(c)}/inspections/${i.id}?done=created`,
    );
  },
);

async function detail(c: Context<AppEnv>, id: number, failed?: FailedForm, status: 200 | 400 | 409 = 200) {
  const inspection = await svc.getInspection(c.var.ctx, id);
  const role = c.var.user!.role;
  return renderAdmin(c, {
    title: `督查 ${inspection.date}`,
    nav: "inspections",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <InspectionDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        inspection={inspection}
        can={{
          manage: can(role, "inspections.manage"),
          rectify: can(role, "rectifications.submit"),
          escalate: can(role, "escalations.manage"),
        }}
        userId={c.var.user!.id}
        failed={failed}
      />
    ),
  });
}
inspectionsAdmin.get("/:id", requirePermission("supervision.read"), (c) => detail(c, idOf(c)));

const problemPage: FormPage<TextValues> = (c, state, status) =>
  detail(c, idOf(c), { form: "problem", ...state }, status);
inspectionsAdmin.post(
  "/:id/problems",
  requirePermission("inspections.manage"),
  formCsrf,
  formValidator(ProblemCreate, problemPage),
  async (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      problemPage,
      values,
      () => svc.addProblem(c.var.ctx, idOf(c), data),
      () => `${base(c)}/inspections/${idOf(c)}?done=problem`,
    );
  },
);

/** The three actions on a problem share one shape: validate, act, back to the inspection's page. */
function problemAction<S extends ZodType>(
  path: string,
  permission: Permission,
  schema: S,
  act: (c: Context<AppEnv>, id: number, data: S["_output"]) => Promise<unknown>,
) {
  const page: FormPage<TextValues> = async (c, state, status) =>
    detail(
      c,
      (await svc.getProblem(c.var.ctx, idOf(c))).inspectionId,
      { form: `problem-${idOf(c)}`, ...state },
      status,
    );
  problemsAdmin.post(
    `/:id/${path}`,
    requirePermission(permission),
    formCsrf,
    formValidator(schema, page),
    async (c) => {
      const { data, values } = c.req.valid("form");
      const problem = await svc.getProblem(c.var.ctx, idOf(c));
      return submitForm(
        c,
        page,
        values,
        () => act(c, problem.id, data),
        () => `${base(c)}/inspections/${problem.inspectionId}?done=saved#problem-${problem.id}`,
      );
    },
  );
}
problemAction("decision", "inspections.manage", ProblemDecision, (c, id, d) => svc.decideProblem(c.var.ctx, id, d));
problemAction("rectification", "rectifications.submit", Rectification, (c, id, d) =>
  svc.rectifyProblem(c.var.ctx, id, d),
);
problemAction("sign-off", "inspections.manage", SignOff, (c, id, d) => svc.signOffProblem(c.var.ctx, id, d));
