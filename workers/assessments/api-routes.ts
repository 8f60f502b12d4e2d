import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { ASSESSMENT_STATUS_LABELS, GRADE_LABELS, SUBJECT_KIND_LABELS } from "../../web/i18n/zh-CN.ts";
import { IdParam } from "../pairings/schemas.ts";
import * as s from "./schemas.ts";
import * as svc from "./service.ts";
import { addConsequence } from "./consequences.ts";
import { createTemplate, listTemplates } from "./templates.ts";
import { cadreRecord, CadreRecord } from "./record.ts";
import { gradeReport, GradeReport } from "./report.ts";
import { SubjectRecord, teamRecord, unitRecord } from "./subject-record.ts";

export const assessmentsApi = createRouter();
export const assessmentTemplatesApi = createRouter();
export const assessmentReportsApi = createRouter();
export const cadreRecordsApi = createRouter();
export const teamRecordsApi = createRouter();
export const unitRecordsApi = createRouter();
const tags = ["年度考核"];
const R = (schema: z.ZodType, d: string) => ({ 200: jsonResponse(schema, d), ...commonErrors, ...conflictError });

assessmentTemplatesApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listAssessmentTemplates",
    tags,
    summary: "考核清单（责任清单/任务清单/考核清单）：按年度、对象列出项目、依据和分值",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: { query: s.TemplateFilter },
    responses: { 200: jsonResponse(s.TemplateList, "考核清单"), ...commonErrors },
  }),
  async (c) => c.json({ items: await listTemplates(c.var.ctx, c.req.valid("query").year) }, 200),
);
assessmentTemplatesApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createAssessmentTemplate",
    tags,
    summary: "制定某年度某类对象的考核清单（分值合计 100；一票否决项分值 0 并写明上限）",
    security,
    middleware: [requirePermission("assessment_templates.manage")] as const,
    request: { body: jsonBody(s.TemplateCreate) },
    responses: { 201: jsonResponse(s.Template, "已制定"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await createTemplate(c.var.ctx, c.req.valid("json")), 201),
);
assessmentsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listAssessments",
    tags,
    summary: "年度考核（乡镇干部只见本乡镇的，干部只见本人的）",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: { query: s.AssessmentQuery },
    responses: { 200: jsonResponse(s.AssessmentPage, "年度考核"), ...commonErrors },
  }),
  async (c) => c.json(await svc.listAssessments(c.var.ctx, c.req.valid("query")), 200),
);
assessmentsApi.openapi(
  createRoute({
    method: "get",
    path: "/export",
    operationId: "exportAssessments",
    tags,
    summary: "导出年度考核（CSV）",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: { query: s.AssessmentFilter },
    responses: { 200: { description: "CSV", content: { "text/csv": { schema: z.string() } } }, ...commonErrors },
  }),
  async (c) => {
    const rows = await svc.allAssessments(c.var.ctx, c.req.valid("query"));
    return csvDownload(
      c,
      "年度考核.csv",
      ["年度", "对象类别", "考核对象", "乡镇代码", "得分", "等次", "状态"],
      rows.map((r) => [
        r.year,
        SUBJECT_KIND_LABELS[r.subjectKind],
        r.subjectName,
        r.townshipCode,
        r.score,
        r.grade ? GRADE_LABELS[r.grade] : "",
        ASSESSMENT_STATUS_LABELS[r.status],
      ]),
    ) as never;
  },
);
assessmentReportsApi.openapi(
  createRoute({
    method: "get",
    path: "/assessments",
    operationId: "assessmentGradeReport",
    tags,
    summary: "考核等次统计：按乡镇、按派出单位",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: { query: z.object({ year: z.coerce.number().int().min(2000).max(2100) }) },
    responses: { 200: jsonResponse(GradeReport, "等次统计"), ...commonErrors },
  }),
  async (c) => c.json(await gradeReport(c.var.ctx, c.req.valid("query").year), 200),
);
assessmentsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createAssessment",
    tags,
    summary: "为干部、驻村工作队、派出单位或乡镇新建年度考核（按对象类别取当年考核清单）",
    security,
    middleware: [requirePermission("assessments.manage")] as const,
    request: { body: jsonBody(s.AssessmentCreate) },
    responses: { 201: jsonResponse(s.Assessment, "已新建"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await svc.createAssessment(c.var.ctx, c.req.valid("json")), 201),
);
assessmentsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getAssessment",
    tags,
    summary: "年度考核详情：由记录计算的依据、人工评分、一票否决、等次、三级签署、结果运用",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(s.Assessment, "年度考核"), ...commonErrors },
  }),
  async (c) => c.json(await svc.getAssessment(c.var.ctx, c.req.valid("param").id), 200),
);
assessmentsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/scores",
    operationId: "scoreAssessmentItem",
    tags,
    summary: "人工评分（附说明）或一票否决认定；仅限未签署的考核",
    security,
    middleware: [requirePermission("assessments.manage")] as const,
    request: { params: IdParam, body: jsonBody(s.ScoreInput) },
    responses: R(s.Assessment, "已评分"),
  }),
  async (c) => c.json(await svc.scoreItem(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
assessmentsApi.openapi(
  createRoute({
    method: "put",
    path: "/{id}/grade",
    operationId: "gradeAssessment",
    tags,
    summary: "评定等次（不得高于一票否决上限）",
    security,
    middleware: [requirePermission("assessments.manage")] as const,
    request: { params: IdParam, body: jsonBody(s.GradeInput) },
    responses: R(s.Assessment, "已评定"),
  }),
  async (c) => {
    const b = c.req.valid("json");
    return c.json(await svc.setGrade(c.var.ctx, c.req.valid("param").id, b.grade, b.note), 200);
  },
);
assessmentsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/sign",
    operationId: "signAssessment",
    tags,
    summary: "村级评议、乡镇审核签署（依次签署，同一人不能签两级）",
    security,
    middleware: [requirePermission("assessments.manage")] as const,
    request: { params: IdParam, body: jsonBody(s.SignInput) },
    responses: R(s.Assessment, "已签署"),
  }),
  async (c) => {
    const b = c.req.valid("json");
    return c.json(await svc.sign(c.var.ctx, c.req.valid("param").id, b.level, b.signer), 200);
  },
);
assessmentsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/approve",
    operationId: "approveAssessment",
    tags,
    summary: "县/区帮扶办审定（冻结依据和得分）",
    security,
    middleware: [requirePermission("assessments.approve")] as const,
    request: { params: IdParam },
    responses: R(s.Assessment, "已审定"),
  }),
  async (c) => c.json(await svc.sign(c.var.ctx, c.req.valid("param").id, "county"), 200),
);
assessmentsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/consequences",
    operationId: "addAssessmentConsequence",
    tags,
    summary: "登记考核结果运用：通报表扬、评先评优、推荐后备干部、通报批评、召回（经驻村召回）、延长帮扶期限",
    security,
    middleware: [requirePermission("assessments.approve")] as const,
    request: { params: IdParam, body: jsonBody(s.ConsequenceInput) },
    responses: R(s.Assessment, "已登记"),
  }),
  async (c) => {
    const b = c.req.valid("json");
    return c.json(await addConsequence(c.var.ctx, c.req.valid("param").id, b.kind, b.note), 200);
  },
);
cadreRecordsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/record",
    operationId: "getCadreRecord",
    tags,
    summary: "干部一人一档：驻村、已确认天数、走访及覆盖、结对、评议、考核、结果运用",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(CadreRecord, "一人一档"), ...commonErrors },
  }),
  async (c) => c.json(await cadreRecord(c.var.ctx, c.req.valid("param").id), 200),
);
teamRecordsApi.openapi(
  createRoute({
    method: "get",
    path: "/{villageId}/record",
    operationId: "getTeamRecord",
    tags,
    summary:
      "驻村工作队档案（按所驻村）：驻村、已确认天数、走访覆盖、帮扶日志、结对、责任书与措施、督查问题、通报约谈问责、评议、考核",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: {
      params: z.object({
        villageId: z.coerce
          .number()
          .int()
          .positive("编号无效")
          .max(2 ** 31)
          .openapi({ param: { name: "villageId", in: "path" } }),
      }),
    },
    responses: { 200: jsonResponse(SubjectRecord, "驻村工作队档案"), ...commonErrors },
  }),
  async (c) => c.json(await teamRecord(c.var.ctx, c.req.valid("param").villageId), 200),
);
unitRecordsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}/record",
    operationId: "getUnitRecord",
    tags,
    summary: "派出单位档案：选派干部、已确认天数、走访覆盖、结对、责任书与措施、督查问题、通报约谈问责、评议、考核",
    security,
    middleware: [requirePermission("assessments.read")] as const,
    request: { params: IdParam },
    responses: { 200: jsonResponse(SubjectRecord, "派出单位档案"), ...commonErrors },
  }),
  async (c) => c.json(await unitRecord(c.var.ctx, c.req.valid("param").id), 200),
);
