import { expect } from "vitest";
import { api, call } from "./http.ts";
import { TENANT_DB, type Session, uniqueName } from "./users.ts";
import { assignment, cadre, freshIdNumber, household, nextIdOnlyIn, place, unit } from "./fixtures.ts";
import { addLine, createBatch, createProgram, setBudget } from "./money-fixtures.ts";

/** One operation of the OpenAPI document. */
export interface Operation {
  method: string;
  /** Tenant-relative path with OpenAPI parameters, e.g. `/households/{id}/members/{memberId}`. */
  path: string;
  security: unknown[] | undefined;
}

const API_PREFIX = "/t/{tenant}/api/v1";

/** Every tenant API operation the document describes (new routes are picked up without editing a list). */
export async function tenantOperations(): Promise<Operation[]> {
  const res = await call("/api/v1/openapi.json");
  expect(res.status).toBe(200);
  const doc = (await res.json()) as { paths: Record<string, Record<string, { security?: unknown[] }>> };
  const ops: Operation[] = [];
  for (const [path, item] of Object.entries(doc.paths)) {
    if (!path.startsWith(API_PREFIX)) continue;
    for (const [method, op] of Object.entries(item)) {
      if (!["get", "post", "put", "patch", "delete"].includes(method)) continue;
      ops.push({ method: method.toUpperCase(), path: path.slice(API_PREFIX.length), security: op.security });
    }
  }
  return ops;
}

/** The name of an operation in messages: `GET /households/{id}`. */
export const opName = (op: Operation) => `${op.method} ${op.path}`;

/**
 * A path parameter's value, found by the segment before it and its name (`members/{memberId}`).
 * `table` names the tenant table an object id lives in; parameters without one are not object ids.
 */
export interface ParamValue {
  value: string;
  table?: string;
  /** The object belongs to a township or a cadre's villages: out-of-scope users get 404. */
  scoped: boolean;
}

export type RouteFixture = Record<string, ParamValue>;

/** The key under which a path parameter is looked up: the segment before it and the parameter. */
export function paramKeys(path: string): string[] {
  const segments = path.split("/").filter(Boolean);
  const keys: string[] = [];
  segments.forEach((s, i) => {
    if (s.startsWith("{")) keys.push(`${segments[i - 1]}/${s}`);
  });
  return keys;
}

/** Fills every path parameter from the fixture; an unknown parameter fails the test by name. */
export function fill(path: string, fx: RouteFixture): string {
  const segments = path.split("/");
  return segments
    .map((s, i) => {
      if (!s.startsWith("{")) return s;
      const key = `${segments[i - 1]}/${s}`;
      const v = fx[key];
      expect(v, `no fixture value for ${key} (in ${path}): add one to tests/helpers/route-fixture.ts`).toBeDefined();
      return encodeURIComponent(v!.value);
    })
    .join("/");
}

const ok = async (res: Response, status: number) => {
  expect(res.status, await res.clone().text()).toBe(status);
  return res.json() as Promise<Record<string, unknown>>;
};

/**
 * One real object of every kind the API addresses by a path parameter, in `tenant`, all in one
 * township (returned, for scope tests). Object ids are pushed beyond those of `otherTenant`, so the
 * same ids name nothing there. Registry records are inserted directly; the rest goes through the API.
 */
export async function routeFixture(tenant: string, admin: Session, otherTenant: string) {
  const tables = [
    "users",
    "households",
    "household_members",
    "csv_imports",
    "units",
    "cadres",
    "assignments",
    "pairings",
    "visits",
    "programs",
    "batches",
    "batch_lines",
    "notices",
    "objections",
    "household_decisions",
    "projects",
    "village_decisions",
    "feedback",
    "villages",
    "leaves",
    "reviews",
    "assessments",
    "responsibility_letters",
    "letter_measures",
    "inspections",
    "inspection_problems",
    "escalations",
    "training_plans",
    "training_sessions",
    "exam_questions",
    "exams",
    "exam_attempts",
    "reserve_nominations",
    "party_members",
    "village_rectifications",
    "rectification_measures",
    "awards",
    "village_officials",
  ];
  for (const t of tables) await nextIdOnlyIn(tenant, t, otherTenant);
  const db = TENANT_DB[tenant]!;

  const { townshipCode, village } = await place(tenant);
  const hh = await household(tenant, village.id);
  const u = await unit(tenant);
  const c = await cadre(tenant, u.id);
  const assignmentId = await assignment(tenant, c.id, village.id);

  await ok(
    await api(tenant, `/households/${hh.id}/members`, {
      token: admin.token,
      json: { name: "李小红", relation: "女儿" },
    }),
    201,
  );
  const member = await db
    .prepare("SELECT id FROM household_members WHERE household_id = ?")
    .bind(hh.id)
    .first<{ id: number }>();

  const user = await ok(
    await api(tenant, "/users", {
      token: admin.token,
      json: { username: uniqueName("route"), displayName: "路由测试", role: "auditor", password: "route-test-1" },
    }),
    201,
  );
  const pairing = await ok(
    await api(tenant, "/pairings", {
      token: admin.token,
      json: { kind: "cadre_household", helperCadreId: c.id, householdId: hh.id, startDate: "2025-01-01" },
    }),
    201,
  );
  const visit = await ok(
    await api(tenant, "/visits", {
      token: admin.token,
      json: {
        cadreId: c.id,
        householdId: hh.id,
        visitDate: "2025-09-01",
        occasion: "busy_season",
        help: ["technology"],
        notes: "走访",
      },
    }),
    201,
  );

  const program = await createProgram(tenant, admin.token, {
    recipientKind: "household",
    ruleKind: "per_line",
    ruleAmountFen: undefined,
  });
  await setBudget(tenant, admin.token, program.id, 2026, 10_000_000);
  const batchId = await createBatch(tenant, admin.token, program.id, "2026");
  const line = await ok(
    await addLine(tenant, admin.token, batchId, { recipientId: hh.id, amountFen: 10_000, purpose: "产业扶持" }),
    201,
  );
  const submitted = await ok(
    await api(tenant, `/batches/${batchId}/submit`, { method: "POST", token: admin.token }),
    200,
  );
  const noticeId = submitted.noticeId as number;
  const objection = await ok(
    await api(tenant, `/public/notices/${noticeId}/objections`, {
      json: { text: "该户家中新购小汽车，不符合条件" },
      headers: { "CF-Connecting-IP": "203.0.113.77" },
    }),
    201,
  );
  const trackingCode = objection.trackingCode as string;
  const objectionRow = await db
    .prepare("SELECT id FROM objections WHERE tracking_code = ?")
    .bind(trackingCode)
    .first<{ id: number }>();

  const decision = await ok(
    await api(tenant, `/households/${hh.id}/decisions`, {
      token: admin.token,
      json: { kind: "exit", reason: "两不愁三保障达标，人均纯收入超过标准" },
    }),
    201,
  );
  const project = await ok(
    await api(tenant, "/projects", {
      token: admin.token,
      json: { villageCode: village.code, name: "村道硬化", fundSource: "county", budgetFen: 100_000 },
    }),
    201,
  );
  const villageDecision = await ok(
    await api(tenant, "/village-decisions", {
      token: admin.token,
      json: {
        villageCode: village.code,
        title: "修建村级文化活动室",
        description: "利用闲置校舍改建文化活动室",
        amountFen: 20_000_000,
        requiresTownshipReview: false,
        proposed: { date: "2026-01-05", summary: "党支部提议改建文化活动室", attachments: [] },
      },
    }),
    201,
  );
  await ok(
    await api(tenant, "/public/feedback", {
      json: { villageCode: village.code, category: "suggestion", text: "村口路灯坏了，请尽快修理" },
      headers: { "CF-Connecting-IP": "203.0.113.78" },
    }),
    201,
  );
  const feedback = await db.prepare("SELECT id FROM feedback ORDER BY id DESC LIMIT 1").first<{ id: number }>();
  const preview = await ok(
    await api(tenant, "/imports/villages", {
      token: admin.token,
      body: `村级区划代码,村名称,村类别\n${townshipCode}990,导入村,\n`,
      headers: { "Content-Type": "text/csv" },
    }),
    201,
  );

  // Supervision: a letter with a measure and a scan; an inspection of the fixture's cadre (resident in
  // the fixture's village, so in its township) with a confirmed problem, and the first step of the ladder.
  const letter = await ok(
    await api(tenant, "/letters", {
      token: admin.token,
      json: {
        unitId: u.id,
        villageCode: village.code,
        termStartYear: 2025,
        signedDate: "2025-01-10",
        termGoal: "三年目标",
      },
    }),
    201,
  );
  const measure = await ok(
    await api(tenant, `/letters/${letter.id}/measures`, {
      token: admin.token,
      json: { year: 2025, title: "建设村级活动场所", owner: "第一书记", dueDate: "2025-10-01" },
    }),
    201,
  );
  await ok(
    await api(tenant, `/letters/${letter.id}/scan`, {
      method: "PUT",
      token: admin.token,
      body: "%PDF-1.4 route fixture",
      headers: { "Content-Type": "application/pdf" },
    }),
    200,
  );
  const inspection = await ok(
    await api(tenant, "/inspections", {
      token: admin.token,
      json: {
        kind: "phone_check",
        date: "2026-01-05",
        targetKind: "cadre",
        cadreId: c.id,
        findings: "电话抽查不在岗",
        problems: [{ description: "驻村期间不在岗", deadline: "2026-02-05" }],
      },
    }),
    201,
  );
  const problemId = (inspection.problems as { id: number }[])[0]!.id;
  await ok(
    await api(tenant, `/problems/${problemId}/decision`, { token: admin.token, json: { decision: "confirmed" } }),
    200,
  );
  const escalation = await ok(
    await api(tenant, "/escalations", {
      token: admin.token,
      json: {
        targetKind: "cadre",
        cadreId: c.id,
        period: 2026,
        step: "notice",
        date: "2026-01-20",
        record: "通报批评",
      },
    }),
    201,
  );

  const review = await ok(
    await api(tenant, "/reviews", {
      token: admin.token,
      json: {
        kind: "team_report",
        year: 2026,
        villageId: village.id,
        subjectName: "驻村工作队",
        meetingDate: "2026-12-01",
        opensAt: "2026-12-01T09:00",
        closesAt: "2026-12-01T11:00",
      },
    }),
    201,
  );
  await ok(
    await api(tenant, "/assessment-templates", {
      token: admin.token,
      json: {
        year: 2026,
        role: "team_member",
        name: "队员考核清单",
        items: [{ title: "组织评价", source: "manual", weight: 100 }],
      },
    }),
    201,
  );
  const assessment = await ok(
    await api(tenant, "/assessments", {
      token: admin.token,
      json: { year: 2026, subjectKind: "cadre", cadreId: c.id },
    }),
    201,
  );

  await ok(
    await api(tenant, "/rectifications", {
      token: admin.token,
      json: { year: 2026, category: "lagging", villageIds: [village.id], acceptOverShare: true },
    }),
    201,
  );
  const rectification = await db
    .prepare("SELECT id FROM village_rectifications WHERE village_id = ? AND year = 2026")
    .bind(village.id)
    .first<{ id: number }>();
  const rectified = await ok(
    await api(tenant, `/rectifications/${rectification!.id}/measures`, {
      token: admin.token,
      json: { title: "调整班子", owner: "镇党委", dueDate: "2026-12-01" },
    }),
    201,
  );
  const rectificationMeasureId = (rectified.measures as { id: number }[])[0]!.id;

  const awardProgram = await ok(
    await api(tenant, "/programs", {
      token: admin.token,
      json: {
        name: uniqueName("优秀村官奖励"),
        category: "award",
        fundSource: "county",
        recipientKind: "cadre",
        ruleKind: "fixed_per_recipient",
        ruleAmountFen: 300_000,
      },
    }),
    201,
  );
  const award = await ok(
    await api(tenant, "/awards", {
      token: admin.token,
      json: {
        year: 2026,
        kind: "excellent_cadre",
        recipientId: c.id,
        programId: awardProgram.id,
        citation: "表现突出",
      },
    }),
    201,
  );

  // 请假 of the fixture's assignment, pending (inserted: only the assignment's own cadre may request one).
  const leave = await db
    .prepare(
      "INSERT INTO leaves (assignment_id, kind, start_date, end_date, reason, requested_by) VALUES (?, 'personal', '2025-06-01', '2025-06-02', '家中有事', ?) RETURNING id",
    )
    .bind(assignmentId, admin.id)
    .first<{ id: number }>();

  // Training and 应知应会: a plan with one session; a one-question test and an open sitting of the
  // fixture's cadre (inserted: only the cadre may start their own), in the fixture's township.
  const plan = await db
    .prepare(
      "INSERT INTO training_plans (title, year, audience, deadline, created_by) VALUES ('第一书记轮训', 2026, 'first_secretaries', '2026-12-31', ?) RETURNING id",
    )
    .bind(admin.id)
    .first<{ id: number }>();
  const trainingSession = await db
    .prepare(
      "INSERT INTO training_sessions (plan_id, title, format, start_date, days, created_by) VALUES (?, '政策解读', 'lecture', '2026-03-01', 1, ?) RETURNING id",
    )
    .bind(plan!.id, admin.id)
    .first<{ id: number }>();
  const question = await db
    .prepare(
      `INSERT INTO exam_questions (stem, options, correct_option, created_by) VALUES ('两不愁三保障指什么？', '["不愁吃不愁穿，义务教育、基本医疗、住房安全有保障","其他"]', 0, ?) RETURNING id`,
    )
    .bind(admin.id)
    .first<{ id: number }>();
  const exam = await db
    .prepare("INSERT INTO exams (title, question_ids, created_by) VALUES ('应知应会', ?, ?) RETURNING id")
    .bind(JSON.stringify([question!.id]), admin.id)
    .first<{ id: number }>();
  const examAttempt = await db
    .prepare(
      "INSERT INTO exam_attempts (exam_id, taker_kind, taker_id, taker_name, township_code, started_by, started_at) VALUES (?, 'cadre', ?, ?, ?, ?, unixepoch()) RETURNING id",
    )
    .bind(exam!.id, c.id, c.name, townshipCode, admin.id)
    .first<{ id: number }>();
  const nomination = await ok(
    await api(tenant, "/reserves", {
      token: admin.token,
      json: {
        poolKind: "secretary_reserve",
        source: "recommendation",
        name: "后备人",
        villageCode: village.code,
        reason: "路由测试",
      },
    }),
    201,
  );
  // 村两委 member of the fixture's village (registered through the API: the ID number is encrypted).
  const official = await ok(
    await api(tenant, "/village-officials", {
      token: admin.token,
      json: {
        villageCode: village.code,
        name: "路由村干部",
        idNumber: freshIdNumber(tenant),
        post: "member",
        source: "other",
        termStart: "2024-01-01",
      },
    }),
    201,
  );
  const partyMember = await ok(
    await api(tenant, "/party-members", { token: admin.token, json: { householdId: hh.id, poor: true } }),
    201,
  );

  const id = (value: unknown, table: string, scoped: boolean): ParamValue => ({ value: String(value), table, scoped });
  const plain = (value: string): ParamValue => ({ value, scoped: false });
  const fx: RouteFixture = {
    "users/{id}": id(user.id, "users", false),
    "townships/{code}": { value: townshipCode, scoped: false },
    "villages/{code}": { value: village.code, scoped: true },
    "incomes/{year}": plain("2025"),
    "households/{id}": id(hh.id, "households", true),
    "members/{memberId}": id(member!.id, "household_members", true),
    "imports/{entity}": plain("villages"),
    "imports/{id}": id(preview.id, "csv_imports", false),
    "units/{id}": id(u.id, "units", false),
    "cadres/{id}": id(c.id, "cadres", false),
    "assignments/{id}": id(assignmentId, "assignments", true),
    "attendance/{month}": plain("2025-01"),
    "pairings/{id}": id(pairing.id, "pairings", true),
    "visits/{id}": id(visit.id, "visits", true),
    "coverage/{gap}": plain("understaffed"),
    "programs/{id}": id(program.id, "programs", false),
    "budgets/{year}": plain("2026"),
    "batches/{id}": id(batchId, "batches", false),
    "lines/{lineId}": id(line.id, "batch_lines", false),
    "lines/{id}": id(line.id, "batch_lines", false),
    "villages/{id}": id(village.id, "villages", true),
    "teams/{villageId}": id(village.id, "villages", true),
    "notices/{id}": id(noticeId, "notices", false),
    "objections/{trackingCode}": { value: trackingCode, scoped: false },
    "objections/{id}": id(objectionRow!.id, "objections", true),
    "decisions/{id}": id(decision.id, "household_decisions", true),
    "projects/{id}": id(project.id, "projects", true),
    "village-decisions/{id}": id(villageDecision.id, "village_decisions", true),
    "feedback/{id}": id(feedback!.id, "feedback", true),
    "leaves/{id}": id(leave!.id, "leaves", true),
    "reviews/{id}": id(review.id, "reviews", true),
    "assessments/{id}": id(assessment.id, "assessments", true),
    "letters/{id}": id(letter.id, "responsibility_letters", true),
    "measures/{id}": id(measure.id, "letter_measures", true),
    "inspections/{id}": id(inspection.id, "inspections", true),
    "problems/{id}": id(problemId, "inspection_problems", true),
    "escalations/{id}": id(escalation.id, "escalations", true),
    "trainings/{id}": id(plan!.id, "training_plans", false),
    "training-sessions/{id}": id(trainingSession!.id, "training_sessions", false),
    "exam-questions/{id}": id(question!.id, "exam_questions", false),
    "exams/{id}": id(exam!.id, "exams", false),
    "exam-attempts/{id}": id(examAttempt!.id, "exam_attempts", true),
    "reserves/{id}": id(nomination.id, "reserve_nominations", true),
    "party-members/{id}": id(partyMember.id, "party_members", true),
    "rectifications/{id}": id(rectification!.id, "village_rectifications", true),
    "measures/{measureId}": id(rectificationMeasureId, "rectification_measures", true),
    "awards/{id}": id(award.id, "awards", false),
    "village-officials/{id}": id(official.id, "village_officials", true),
    "village-official-pay-rates/{programId}": id(program.id, "programs", false),
  };
  return { fx, townshipCode, villageId: village.id, cadreId: c.id, householdId: hh.id };
}

/**
 * A request body that passes validation for each write taking an object id, so that what answers is
 * the lookup (404), not the validator (400). Writes not listed send `{}`.
 */
export function bodyFor(
  op: Operation,
  fx: RouteFixture,
): { json?: unknown; body?: string; headers?: Record<string, string> } {
  const cadreId = Number(fx["cadres/{id}"]!.value);
  const householdId = Number(fx["households/{id}"]!.value);
  const villageOfficialId = Number(fx["village-officials/{id}"]!.value);
  const csv = (text: string) => ({ body: text, headers: { "Content-Type": "text/csv" } });
  const bodies: Record<string, ReturnType<typeof bodyFor>> = {
    "PATCH /users/{id}": { json: { displayName: "改名" } },
    "POST /users/{id}/reset-password": { json: { password: "new-password-1" } },
    "PATCH /townships/{code}": { json: { name: "改名镇" } },
    "PATCH /villages/{code}": { json: { name: "改名村" } },
    "PUT /villages/{code}/incomes/{year}": { json: { incomeFen: 100 } },
    "POST /villages/{code}/groups": { json: { name: "一组" } },
    "PATCH /households/{id}": { json: { notes: "备注" } },
    "POST /households/{id}/members": { json: { name: "李小明", relation: "儿子" } },
    "POST /households/{id}/status-changes": {
      json: { toStatus: "exited", effectiveDate: "2025-06-01", reason: "收入达标" },
    },
    "POST /imports/{entity}": csv("村级区划代码,村名称,村类别\n"),
    "PATCH /units/{id}": { json: { name: "改名单位" } },
    "PATCH /cadres/{id}": { json: { position: "科员" } },
    "POST /assignments/{id}/end": { json: { status: "completed", date: "2025-12-31" } },
    "POST /assignments/{id}/replace": { json: { newCadreId: cadreId, date: "2025-12-31", reason: "unfit" } },
    "PUT /assignments/{id}/attendance/{month}": { json: { days: 3 } },
    "POST /assignments/{id}/attendance/{month}/confirm": { json: { days: 3 } },
    "POST /households/{id}/reveal": { json: { reason: "核对身份信息" } },
    "POST /cadres/{id}/reveal-phone": { json: { reason: "核对联系电话" } },
    "POST /objections/{id}/reveal-contact": { json: { reason: "回访异议人" } },
    "POST /feedback/{id}/reveal-contact": { json: { reason: "回访留言人" } },
    "POST /objections/{id}/public-text": { json: { publicText: "已审核的公开文本" } },
    "POST /feedback/{id}/public-text": { json: { publicText: "已审核的公开文本" } },
    "PATCH /pairings/{id}": { json: { notes: "备注" } },
    "POST /pairings/{id}/end": { json: { date: "2025-06-01", reason: "调整" } },
    "POST /pairings/{id}/handover": { json: { toCadreId: cadreId, date: "2025-06-01", reason: "调整" } },
    "PATCH /programs/{id}": { json: { name: "改名项目" } },
    "PUT /programs/{id}/budgets/{year}": { json: { budgetFen: 100 } },
    "POST /batches/{id}/lines": { json: { recipientId: householdId, amountFen: 100, purpose: "x" } },
    "POST /batches/{id}/generate": { json: { source: "first_secretaries" } },
    "POST /batches/{id}/pay": { json: { paidDate: "2026-11-20", paymentRef: "GK1" } },
    "POST /lines/{id}/reverse": { json: { reason: "重复发放" } },
    "POST /batches/{id}/lines/import": csv("姓名,身份证号,金额（元）\n"),
    "POST /batches/{id}/reconcile": csv("姓名,身份证号,金额（元）\n"),
    "POST /public/notices/{id}/objections": {
      json: { text: "该户不符合条件，请核实" },
      headers: { "CF-Connecting-IP": "203.0.113.79" },
    },
    "PUT /village-officials/{id}": { json: { honours: "县级优秀村干部" } },
    "POST /village-officials/{id}/leave": { json: { status: "left", termEnd: "2025-06-30" } },
    "POST /exams/{id}/village-cadre-attempts": { json: { villageOfficialId } },
    "PUT /village-official-pay-rates/{programId}": {
      json: { rates: [{ post: "party_secretary", amountFen: 56_000 }] },
    },
    "POST /leaves/{id}/reject": { json: { note: "时间安排冲突" } },
    "POST /reserves/{id}/use": { json: { outcome: "promoted", date: "2025-06-01" } },
    "POST /reserves/{id}/exit": { json: { date: "2025-06-01", note: "本人申请退出" } },
    "PUT /party-members/{id}": { json: { poor: true } },
    "POST /leaves/{id}/return": { json: { returnedOn: "2025-06-02" } },
    "PUT /reviews/{id}/paper-ballots": { json: { attendance: 10, satisfied: 1, fairlySatisfied: 0, dissatisfied: 0 } },
    "POST /reviews/{id}/ballot-codes": { json: { count: 1 } },
    "POST /assessments/{id}/scores": { json: { itemId: 1, points: 1, comment: "评分" } },
    "PUT /assessments/{id}/grade": { json: { grade: "competent" } },
    "POST /assessments/{id}/sign": { json: { level: "village" } },
    "POST /assessments/{id}/consequences": { json: { kind: "commendation", note: "表扬" } },
    "POST /objections/{id}/answer": { json: { decision: "rejected", reply: "经核实，情况不属实" } },
    "POST /households/{id}/decisions": { json: { kind: "exit", reason: "收入达标" } },
    "PATCH /projects/{id}": { json: { name: "改名工程" } },
    "POST /village-decisions/{id}/stages": { json: { stage: "discussed", date: "2026-01-10", summary: "两委商议" } },
    "POST /feedback/{id}/answer": { json: { reply: "已转交乡镇处理" } },
    "PATCH /letters/{id}": { json: { termGoal: "修改后的三年目标" } },
    "POST /letters/{id}/measures": { json: { year: 2025, title: "修路", owner: "村委会", dueDate: "2025-12-01" } },
    "PATCH /measures/{id}": { json: { status: "in_progress", progress: "推进中" } },
    "PUT /letters/{id}/scan": { body: "%PDF-1.4 scan", headers: { "Content-Type": "application/pdf" } },
    "POST /inspections/{id}/problems": { json: { description: "台账不全", deadline: "2026-12-31" } },
    "POST /problems/{id}/decision": { json: { decision: "confirmed" } },
    "POST /problems/{id}/rectification": {
      json: { rectification: "已补齐", evidence: "台账照片", date: "2026-01-10" },
    },
    "POST /problems/{id}/sign-off": { json: { decision: "accept" } },
    "POST /trainings/{id}/sessions": {
      json: { title: "夜间大课堂", format: "night_class", startDate: "2026-03-02", days: 1 },
    },
    "POST /training-sessions/{id}/attendance": { json: { takerId: cadreId } },
    "POST /exam-attempts/{id}/submit": {
      json: { answers: [{ questionId: Number(fx["exam-questions/{id}"]!.value), option: 0 }] },
    },
    "POST /rectifications": { json: { year: 2026, category: "lagging", villageIds: [1] } },
    "POST /rectifications/{id}/measures": { json: { title: "整顿", owner: "镇党委", dueDate: "2026-12-01" } },
    "PUT /rectifications/{id}/measures/{measureId}": { json: { status: "in_progress" } },
    "POST /rectifications/{id}/dispatch": { json: { cadreId, role: "secretary", date: "2026-03-01" } },
    "POST /rectifications/{id}/exit-request": { json: { note: "整顿完成" } },
    "POST /awards": {
      json: { year: 2026, kind: "excellent_cadre", recipientId: cadreId, programId: 1, citation: "x" },
    },
  };
  return bodies[opName(op)] ?? (op.method === "GET" || op.method === "DELETE" ? {} : { json: {} });
}
