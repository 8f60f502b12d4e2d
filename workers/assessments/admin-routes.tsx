import { EVIDENCE_SOURCE_LABELS, VETO_CAP_LABELS } from "../../web/i18n/zh-CN.ts";
import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { can } from "../domain/permissions.ts";
import { AppError } from "../platform/errors/app-error.ts";
import {
  AssessmentDetailPage,
  AssessmentListPage,
  AssessmentNewPage,
  CadreRecordPage,
  TemplatesPage,
} from "../../web/pages/admin/assessments.tsx";
import {
  AssessmentCreate,
  AssessmentQuery,
  ConsequenceInput,
  GradeInput,
  ScoreInput,
  SignInput,
  TemplateCreate,
} from "./schemas.ts";
import * as svc from "./service.ts";
import { addConsequence } from "./consequences.ts";
import { createTemplate, listTemplates } from "./templates.ts";
import { cadreRecord } from "./record.ts";
import { gradeReport } from "./report.ts";
import { teamRecord, unitRecord } from "./subject-record.ts";
import { SubjectRecordPage } from "../../web/pages/admin/subject-record.tsx";

export const assessmentsAdmin = new Hono<AppEnv>();
export const assessmentTemplatesAdmin = new Hono<AppEnv>();
export const cadreRecordsAdmin = new Hono<AppEnv>();
export const teamRecordsAdmin = new Hono<AppEnv>();
export const unitRecordsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = { created: "考核已新建", saved: "已保存", signed: "已签署" };
const thisYear = () => new Date().getFullYear();

function idOf(c: Context<AppEnv>): number {
  const id = Number(c.req.param("id"));
  if (!Number.isInteger(id) || id < 1 || id > 2 ** 31) throw new AppError("not_found", "没有这项记录");
  return id;
}

assessmentsAdmin.get("/", requirePermission("assessments.read"), async (c) => {
  const filter = {
    year: c.req.query("year") || undefined,
    status: c.req.query("status") || undefined,
    page: c.req.query("page") || undefined,
  };
  const parsed = AssessmentQuery.safeParse(filter);
  const q = parsed.success ? parsed.data : { page: 1, size: 50 };
  const [list, report] = await Promise.all([
    svc.listAssessments(c.var.ctx, q),
    gradeReport(c.var.ctx, (parsed.success && parsed.data.year) || thisYear()),
  ]);
  const role = c.var.user!.role;
  return renderAdmin(c, {
    title: "年度考核",
    nav: "assessments",
    children: (
      <AssessmentListPage
        base={base(c)}
        apiBase={`/t/${c.var.tenant.slug}/api/v1`}
        page={list}
        filter={{ year: filter.year, status: filter.status }}
        report={report}
        canManage={can(role, "assessments.manage")}
        canTemplates={can(role, "assessment_templates.manage")}
      />
    ),
  });
});

const newPage: FormPage<TextValues> = (c, state, status) =>
  renderAdmin(c, {
    title: "新建年度考核",
    nav: "assessments",
    status,
    children: <AssessmentNewPage base={base(c)} csrf={c.var.user!.csrfToken} {...state} />,
  });
assessmentsAdmin.get("/new", requirePermission("assessments.manage"), (c) =>
  newPage(
    c,
    {
      values: {
        year: String(thisYear()),
        subjectKind: c.req.query("kind") ?? "cadre",
        cadreId: c.req.query("cadreId") ?? "",
      },
      errors: [],
    },
    200 as never,
  ),
);
assessmentsAdmin.post(
  "/",
  requirePermission("assessments.manage"),
  formCsrf,
  formValidator(AssessmentCreate, newPage),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      newPage,
      values,
      () => svc.createAssessment(c.var.ctx, data),
      (a) => `${base(c)}/assessments/${a.id}?done=created`,
    );
  },
);

const detail =
  (which: string): FormPage<TextValues> =>
  async (c, state, status) => {
    const a = await svc.getAssessment(c.var.ctx, idOf(c));
    const role = c.var.user!.role;
    return renderAdmin(c, {
      title: `${a.subjectName} 年度考核`,
      nav: "assessments",
      status,
      flash: flashFrom(c, FLASH),
      children: (
        <AssessmentDetailPage
          base={base(c)}
          csrf={c.var.user!.csrfToken}
          a={a}
          canManage={can(role, "assessments.manage")}
          canApprove={can(role, "assessments.approve")}
          form={{ ...state, which }}
        />
      ),
    });
  };
assessmentsAdmin.get("/:id", requirePermission("assessments.read"), (c) =>
  detail("")(c, { values: {}, errors: [] }, 200 as never),
);

const back = (c: Context<AppEnv>, done: string) => () => `${base(c)}/assessments/${idOf(c)}?done=${done}`;
const opts = { propagate: ["not_found"] as const };

assessmentsAdmin.post(
  "/:id/scores",
  requirePermission("assessments.manage"),
  formCsrf,
  formValidator(ScoreInput, detail("score")),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      detail("score"),
      values,
      () => svc.scoreItem(c.var.ctx, idOf(c), data),
      back(c, "saved"),
      opts,
    );
  },
);
assessmentsAdmin.post(
  "/:id/grade",
  requirePermission("assessments.manage"),
  formCsrf,
  formValidator(GradeInput, detail("grade")),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      detail("grade"),
      values,
      () => svc.setGrade(c.var.ctx, idOf(c), data.grade, data.note),
      back(c, "saved"),
      opts,
    );
  },
);
assessmentsAdmin.post(
  "/:id/sign",
  requirePermission("assessments.manage"),
  formCsrf,
  formValidator(SignInput, detail("sign")),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      detail("sign"),
      values,
      () => svc.sign(c.var.ctx, idOf(c), data.level, data.signer),
      back(c, "signed"),
      opts,
    );
  },
);
assessmentsAdmin.post("/:id/approve", requirePermission("assessments.approve"), formCsrf, (c) =>
  submitForm(
    c,
    detail("sign"),
    {} as TextValues,
    () => svc.sign(c.var.ctx, idOf(c), "county"),
    back(c, "signed"),
    opts,
  ),
);
assessmentsAdmin.post(
  "/:id/consequences",
  requirePermission("assessments.approve"),
  formCsrf,
  formValidator(ConsequenceInput, detail("consequence")),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      detail("consequence"),
      values,
      () => addConsequence(c.var.ctx, idOf(c), data.kind, data.note),
      back(c, "saved"),
      opts,
    );
  },
);

const templatesPage: FormPage<TextValues> = async (c, state, status) =>
  renderAdmin(c, {
    title: "考核清单",
    nav: "assessments",
    status,
    children: (
      <TemplatesPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        templates={await listTemplates(c.var.ctx)}
        canManage={can(c.var.user!.role, "assessment_templates.manage")}
        {...state}
      />
    ),
  });
assessmentTemplatesAdmin.get("/", requirePermission("assessments.read"), (c) =>
  templatesPage(c, { values: { year: String(thisYear()) }, errors: [] }, 200 as never),
);
/**
 * The form names 依据 and 一票否决上限 in Chinese, as the page shows them: the full label or its
 * part before the parenthesis (驻村天数 for 驻村天数（已确认）); the key itself is still taken (what
 * the API takes), anything else goes to the schema as typed and is refused there in Chinese.
 */
function keyOfLabel(labels: Record<string, string>, text: string | undefined): string | undefined {
  if (!text) return text;
  const found = Object.entries(labels).find(([, l]) => l === text || l.replace(/（.*）$/, "") === text);
  return found ? found[0] : text;
}

assessmentTemplatesAdmin.post(
  "/",
  requirePermission("assessment_templates.manage"),
  formCsrf,
  formValidator(TemplateCreate, templatesPage, {
    // One item a line: 项目|依据|分值|目标值|一票否决上限
    input: (v) => ({
      year: v.year,
      role: v.role,
      name: v.name,
      items: (v.items ?? "")
        .split(/\r?\n/)
        .map((l) => l.trim())
        .filter(Boolean)
        .slice(0, 31)
        .map((l) => {
          const [title, source, weight, target, vetoCap] = l.split("|").map((x) => x.trim());
          return {
            title,
            source: keyOfLabel(EVIDENCE_SOURCE_LABELS, source),
            weight,
            target,
            vetoCap: keyOfLabel(VETO_CAP_LABELS, vetoCap),
          };
        }),
    }),
  }),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      templatesPage,
      values,
      () => createTemplate(c.var.ctx, data),
      () => `${base(c)}/assessment-templates`,
    );
  },
);

/** 我的档案: a cadre's way to their own record (the nav entry cannot carry their id). */
cadreRecordsAdmin.get("/me/record", requirePermission("record.own"), (c) => {
  const cadreId = c.var.user!.cadreId;
  if (cadreId == null) throw new AppError("not_found", "您的账号尚未关联干部档案，请联系帮扶办");
  return c.redirect(`${base(c)}/cadres/${cadreId}/record`, 303);
});

cadreRecordsAdmin.get("/:id/record", requirePermission("assessments.read"), async (c) => {
  const r = await cadreRecord(c.var.ctx, idOf(c));
  const own = c.var.user!.role === "cadre";
  return renderAdmin(c, {
    title: own ? "我的档案" : `${r.cadre.name} 一人一档`,
    nav: own ? "my-record" : "assessments",
    children: <CadreRecordPage base={base(c)} r={r} reserveLinks={can(c.var.user!.role, "reserves.read")} />,
  });
});

teamRecordsAdmin.get("/:id/record", requirePermission("assessments.read"), async (c) => {
  const r = await teamRecord(c.var.ctx, idOf(c));
  return renderAdmin(c, {
    title: `${r.subject.name} 档案`,
    nav: "assessments",
    children: <SubjectRecordPage base={base(c)} r={r} canSupervision={can(c.var.user!.role, "supervision.read")} />,
  });
});

unitRecordsAdmin.get("/:id/record", requirePermission("assessments.read"), async (c) => {
  const r = await unitRecord(c.var.ctx, idOf(c));
  return renderAdmin(c, {
    title: `${r.subject.name} 档案`,
    nav: "assessments",
    children: <SubjectRecordPage base={base(c)} r={r} canSupervision={can(c.var.user!.role, "supervision.read")} />,
  });
});
