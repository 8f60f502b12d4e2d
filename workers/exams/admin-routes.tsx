import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { formCsrf } from "../platform/middleware/form-csrf.ts";
import { flashFrom, renderAdmin } from "../platform/admin-render.tsx";
import { type FormPage, formValidator, submitForm, type TextValues } from "../platform/admin-form.ts";
import { AppError, type FieldError } from "../platform/errors/app-error.ts";
import { can } from "../domain/permissions.ts";
import { IdParam } from "../units/schemas.ts";
import { AttemptPage, ExamDetailPage, ExamListPage, QuestionBankPage } from "../../web/pages/admin/exams.tsx";
import { AttemptSubmit, ExamCreate, QuestionCreate, VillageCadreAttemptStart } from "./schemas.ts";
import * as bank from "./bank.ts";
import * as attempts from "./attempts.ts";

export const examsAdmin = new Hono<AppEnv>();
const base = (c: Context<AppEnv>) => `/t/${c.var.tenant.slug}/admin`;
const FLASH = {
  created: "已创建测试",
  question: "已添加题目",
  retired: "已停用",
  closed: "已结束测试",
  submitted: "已交卷",
};
type State = { values?: TextValues; errors?: FieldError[]; message?: string };

function idOf(c: Context<AppEnv>, what: string): number {
  const parsed = IdParam(what).safeParse({ id: c.req.param("id") });
  if (!parsed.success) throw new AppError("not_found", `没有这个${what}`);
  return parsed.data.id;
}

async function list(c: Context<AppEnv>, state: State = {}, status: 200 | 400 | 409 = 200) {
  const role = c.var.user!.role;
  const [exams, mine] = await Promise.all([bank.listExams(c.var.ctx), attempts.listAttempts(c.var.ctx, {})]);
  return renderAdmin(c, {
    title: "应知应会测试",
    nav: "exams",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <ExamListPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        exams={exams.items}
        attempts={mine.items}
        canTake={can(role, "exams.take")}
        canManage={can(role, "exams.manage")}
        canReadBank={can(role, "exams.bank_read")}
        {...state}
      />
    ),
  });
}
examsAdmin.get("/", requirePermission("exams.read"), (c) => list(c));
const listPage: FormPage<TextValues> = (c, state, status) => list(c, state, status);
examsAdmin.post("/", requirePermission("exams.manage"), formCsrf, formValidator(ExamCreate, listPage), (c) => {
  const { data, values } = c.req.valid("form");
  return submitForm(
    c,
    listPage,
    values,
    () => bank.createExam(c.var.ctx, data),
    (e) => `${base(c)}/exams/${e.id}?done=created`,
  );
});

async function questions(c: Context<AppEnv>, state: State = {}, status: 200 | 400 | 409 = 200) {
  const q = await bank.listQuestions(c.var.ctx);
  return renderAdmin(c, {
    title: "应知应会题库",
    nav: "exams",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <QuestionBankPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        items={q.items}
        total={q.total}
        canManage={can(c.var.user!.role, "exams.manage")}
        {...state}
      />
    ),
  });
}
examsAdmin.get("/questions", requirePermission("exams.bank_read"), (c) => questions(c));
const bankPage: FormPage<TextValues> = (c, state, status) => questions(c, state, status);
examsAdmin.post(
  "/questions",
  requirePermission("exams.manage"),
  formCsrf,
  // The form has one textarea of options, a line each; the API takes them as an array.
  formValidator(QuestionCreate, bankPage, {
    input: (v) => ({
      ...v,
      options: (v.options ?? "")
        .split(/\r?\n/)
        .map((s) => s.trim())
        .filter(Boolean),
    }),
  }),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      bankPage,
      values,
      () => bank.createQuestion(c.var.ctx, data),
      () => `${base(c)}/exams/questions?done=question`,
    );
  },
);
examsAdmin.post("/questions/:id{[0-9]+}/retire", requirePermission("exams.manage"), formCsrf, (c) =>
  submitForm(
    c,
    bankPage,
    {},
    () => bank.retireQuestion(c.var.ctx, idOf(c, "题目")),
    () => `${base(c)}/exams/questions?done=retired`,
    { propagate: ["not_found"] },
  ),
);

async function detail(c: Context<AppEnv>, state: State = {}, status: 200 | 400 | 409 = 200) {
  const id = idOf(c, "测试");
  const [exam, list] = await Promise.all([
    bank.getExam(c.var.ctx, id),
    attempts.listAttempts(c.var.ctx, { examId: id }),
  ]);
  return renderAdmin(c, {
    title: exam.title,
    nav: "exams",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <ExamDetailPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        exam={exam}
        attempts={list.items}
        canManage={can(c.var.user!.role, "exams.manage")}
        canProctor={can(c.var.user!.role, "exams.proctor")}
        {...state}
      />
    ),
  });
}
examsAdmin.get("/:id{[0-9]+}", requirePermission("exams.read"), (c) => detail(c));
examsAdmin.post("/:id{[0-9]+}/close", requirePermission("exams.manage"), formCsrf, (c) =>
  submitForm(
    c,
    listPage,
    {},
    () => bank.closeExam(c.var.ctx, idOf(c, "测试")),
    () => `${base(c)}/exams/${idOf(c, "测试")}?done=closed`,
    { propagate: ["not_found"] },
  ),
);
/** 开始答题: starts or resumes the sitting and goes to the test page; a refusal (回炉, passed) shows on the list. */
examsAdmin.post("/:id{[0-9]+}/start", requirePermission("exams.take"), formCsrf, (c) =>
  submitForm(
    c,
    listPage,
    {},
    () => attempts.startAttempt(c.var.ctx, idOf(c, "测试")),
    (r) => `${base(c)}/exams/attempts/${r.attempt.id}`,
    { propagate: ["not_found"] },
  ),
);

/** 村干部现场测试: the officer starts the village cadre's sitting and hands the phone over. */
const detailPage: FormPage<TextValues> = (c, state, status) => detail(c, state, status);
examsAdmin.post(
  "/:id{[0-9]+}/village-cadre-attempts",
  requirePermission("exams.proctor"),
  formCsrf,
  formValidator(VillageCadreAttemptStart, detailPage),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      detailPage,
      values,
      () => attempts.startVillageCadreAttempt(c.var.ctx, idOf(c, "测试"), data.villageOfficialId),
      (r) => `${base(c)}/exams/attempts/${r.attempt.id}`,
      // A number not found (or outside the officer's township) is said beside the field; a missing test is a 404 page anyway.
      { errors: (err) => (err.fields.length ? err.fields : [{ field: "villageOfficialId", message: err.message }]) },
    );
  },
);

async function attempt(c: Context<AppEnv>, state: State = {}, status: 200 | 400 | 409 = 200) {
  const a = await attempts.getAttempt(c.var.ctx, idOf(c, "答卷"));
  return renderAdmin(c, {
    title: a.examTitle,
    nav: "exams",
    status,
    flash: flashFrom(c, FLASH),
    children: (
      <AttemptPage
        base={base(c)}
        csrf={c.var.user!.csrfToken}
        attempt={a}
        isTaker={a.startedBy === c.var.user!.id}
        {...state}
      />
    ),
  });
}
examsAdmin.get("/attempts/:id{[0-9]+}", requirePermission("exams.read"), (c) => attempt(c));
const attemptPage: FormPage<TextValues> = (c, state, status) => attempt(c, state, status);
examsAdmin.post(
  "/attempts/:id{[0-9]+}/submit",
  requirePermission("exams.take"),
  formCsrf,
  // Radio groups are named q<questionId>; the API takes [{questionId, option}].
  formValidator(AttemptSubmit, attemptPage, {
    input: (v) => ({
      answers: Object.entries(v)
        .filter(([k]) => /^q\d{1,10}$/.test(k))
        .map(([k, option]) => ({ questionId: k.slice(1), option })),
    }),
    fields: () => "answers",
  }),
  (c) => {
    const { data, values } = c.req.valid("form");
    return submitForm(
      c,
      attemptPage,
      values,
      () => attempts.submitAttempt(c.var.ctx, idOf(c, "答卷"), data),
      (a) => `${base(c)}/exams/attempts/${a.id}?done=submitted`,
      { propagate: ["not_found"] },
    );
  },
);
