import { createRoute } from "@hono/zod-openapi";
import { commonErrors, conflictError, createRouter, jsonBody, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { IdParam } from "../units/schemas.ts";
import * as s from "./schemas.ts";
import * as bank from "./bank.ts";
import * as attempts from "./attempts.ts";

export const examQuestionsApi = createRouter();
export const examsApi = createRouter();
export const examAttemptsApi = createRouter();
const tags = ["培训与应知应会"];

examQuestionsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listExamQuestions",
    tags,
    summary: "应知应会题库（含正确答案；参加测试的角色无权查看）",
    security,
    middleware: [requirePermission("exams.bank_read")] as const,
    responses: { 200: jsonResponse(s.QuestionList, "题库"), ...commonErrors },
  }),
  async (c) => c.json(await bank.listQuestions(c.var.ctx), 200),
);
examQuestionsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createExamQuestion",
    tags,
    summary: "新增单选题（2–6 个选项，correctOption 为正确选项的序号，从 0 起）",
    security,
    middleware: [requirePermission("exams.manage")] as const,
    request: { body: jsonBody(s.QuestionCreate) },
    responses: { 201: jsonResponse(s.Question, "已添加"), ...commonErrors },
  }),
  async (c) => c.json(await bank.createQuestion(c.var.ctx, c.req.valid("json")), 201),
);
examQuestionsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/retire",
    operationId: "retireExamQuestion",
    tags,
    summary: "停用一道题（题目不修改、不删除；已组卷的测试不受影响）",
    security,
    middleware: [requirePermission("exams.manage")] as const,
    request: { params: IdParam("题目") },
    responses: { 200: jsonResponse(s.Question, "已停用"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await bank.retireQuestion(c.var.ctx, c.req.valid("param").id), 200),
);

examsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listExams",
    tags,
    summary: "应知应会测试",
    security,
    middleware: [requirePermission("exams.read")] as const,
    responses: { 200: jsonResponse(s.ExamList, "测试"), ...commonErrors },
  }),
  async (c) => c.json(await bank.listExams(c.var.ctx), 200),
);
examsApi.openapi(
  createRoute({
    method: "post",
    path: "/",
    operationId: "createExam",
    tags,
    summary: "组卷：从题库随机抽取题目（固定下来，人人同卷），及格分默认 90",
    security,
    middleware: [requirePermission("exams.manage")] as const,
    request: { body: jsonBody(s.ExamCreate) },
    responses: { 201: jsonResponse(s.Exam, "已创建"), ...commonErrors },
  }),
  async (c) => c.json(await bank.createExam(c.var.ctx, c.req.valid("json")), 201),
);
examsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getExam",
    tags,
    summary: "测试详情",
    security,
    middleware: [requirePermission("exams.read")] as const,
    request: { params: IdParam("测试") },
    responses: { 200: jsonResponse(s.Exam, "测试"), ...commonErrors },
  }),
  async (c) => c.json(await bank.getExam(c.var.ctx, c.req.valid("param").id), 200),
);
examsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/close",
    operationId: "closeExam",
    tags,
    summary: "结束测试（不能再开始新的答卷）",
    security,
    middleware: [requirePermission("exams.manage")] as const,
    request: { params: IdParam("测试") },
    responses: { 200: jsonResponse(s.Exam, "已结束"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await bank.closeExam(c.var.ctx, c.req.valid("param").id), 200),
);
examsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/attempts",
    operationId: "startExamAttempt",
    tags,
    summary: "开始（或继续）本人的答卷；不含正确答案。回炉期间（上次低于及格分且未再培训）、已通过或测试已结束返回 409",
    security,
    middleware: [requirePermission("exams.take")] as const,
    request: { params: IdParam("测试") },
    responses: {
      200: jsonResponse(s.Attempt, "继续未交的答卷"),
      201: jsonResponse(s.Attempt, "已开始"),
      ...commonErrors,
      ...conflictError,
    },
  }),
  async (c) => {
    const r = await attempts.startAttempt(c.var.ctx, c.req.valid("param").id);
    return r.resumed ? c.json(r.attempt, 200) : c.json(r.attempt, 201);
  },
);

examsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/village-cadre-attempts",
    operationId: "startVillageCadreExamAttempt",
    tags,
    summary:
      "为村干部开始（或继续）现场测试：由乡镇（仅本乡镇的村干部）或县级人员开始并代为提交；回炉期间、已通过或测试已结束返回 409",
    security,
    middleware: [requirePermission("exams.proctor")] as const,
    request: { params: IdParam("测试"), body: jsonBody(s.VillageCadreAttemptStart) },
    responses: {
      200: jsonResponse(s.Attempt, "继续未交的答卷"),
      201: jsonResponse(s.Attempt, "已开始"),
      ...commonErrors,
      ...conflictError,
    },
  }),
  async (c) => {
    const r = await attempts.startVillageCadreAttempt(
      c.var.ctx,
      c.req.valid("param").id,
      c.req.valid("json").villageOfficialId,
    );
    return r.resumed ? c.json(r.attempt, 200) : c.json(r.attempt, 201);
  },
);

examAttemptsApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listExamAttempts",
    tags,
    summary: "答卷和成绩（个人信息：本人、本乡镇和县级可见）",
    security,
    middleware: [requirePermission("exams.read")] as const,
    request: { query: s.AttemptQuery },
    responses: { 200: jsonResponse(s.AttemptList, "答卷"), ...commonErrors },
  }),
  async (c) => c.json(await attempts.listAttempts(c.var.ctx, c.req.valid("query")), 200),
);
examAttemptsApi.openapi(
  createRoute({
    method: "get",
    path: "/{id}",
    operationId: "getExamAttempt",
    tags,
    summary: "答卷：题目和选项；交卷前不含任何答案，交卷后只标出每题对错",
    security,
    middleware: [requirePermission("exams.read")] as const,
    request: { params: IdParam("答卷") },
    responses: { 200: jsonResponse(s.Attempt, "答卷"), ...commonErrors },
  }),
  async (c) => c.json(await attempts.getAttempt(c.var.ctx, c.req.valid("param").id), 200),
);
examAttemptsApi.openapi(
  createRoute({
    method: "post",
    path: "/{id}/submit",
    operationId: "submitExamAttempt",
    tags,
    summary: "交卷并评分（每题作答一次、答案须在选项中）；重复交卷或同时交卷时只有一次计分，其余返回 409",
    security,
    middleware: [requirePermission("exams.take")] as const,
    request: { params: IdParam("答卷"), body: jsonBody(s.AttemptSubmit) },
    responses: { 200: jsonResponse(s.Attempt, "已评分"), ...commonErrors, ...conflictError },
  }),
  async (c) => c.json(await attempts.submitAttempt(c.var.ctx, c.req.valid("param").id, c.req.valid("json")), 200),
);
