import { z } from "@hono/zod-openapi";
import { SESSION_FORMATS, TAKER_KINDS, TRAINING_AUDIENCES } from "../../db/schema/tenant/training.ts";
import { DateStr } from "../assignments/schemas.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const Id = (message: string) =>
  z.coerce
    .number({ error: message })
    .int(message)
    .positive(message)
    .max(2 ** 31, message);

/** 培训计划: e.g. 贫困村第一书记全员轮训, by 12-31 of the year (seed 004). */
export const PlanCreate = z
  .object({
    title: z.string({ error: "请填写计划名称" }).trim().min(2, "请填写计划名称").max(100, "名称最多 100 个字"),
    year: z.coerce
      .number({ error: "请填写年度" })
      .int("请填写年度")
      .min(2000, "年度应在 2000–2100 之间")
      .max(2100, "年度应在 2000–2100 之间"),
    audience: z.enum(TRAINING_AUDIENCES, "请选择培训对象"),
    deadline: DateStr("完成期限"),
    description: z.preprocess(blank, z.string().trim().max(500, "说明最多 500 个字").optional()),
  })
  .openapi("TrainingPlanCreate");
export type PlanCreateInput = z.infer<typeof PlanCreate>;

export const SessionCreate = z
  .object({
    title: z.string({ error: "请填写课程名称" }).trim().min(2, "请填写课程名称").max(100, "名称最多 100 个字"),
    format: z.enum(SESSION_FORMATS, "请选择培训形式"),
    startDate: DateStr("开班日期"),
    days: z.coerce.number({ error: "请填写天数" }).int("天数应为整数").min(1, "至少 1 天").max(60, "最多 60 天"),
    location: z.preprocess(blank, z.string().trim().max(100, "地点最多 100 个字").optional()),
    /** Held by a township (9 digits) or, left empty, by the county. Township officers: their own only. */
    townshipCode: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\d{9}$/, "乡镇代码为 9 位数字")
        .optional(),
    ),
  })
  .openapi("TrainingSessionCreate");
export type SessionCreateInput = z.infer<typeof SessionCreate>;

/** Attendance of one person: a cadre by default; `user` for township cadres with an account. */
export const AttendanceCreate = z
  .object({
    takerKind: z.preprocess(blank, z.enum(TAKER_KINDS, "未知的人员类别").default("cadre")),
    takerId: Id("请选择参训人员"),
  })
  .openapi("TrainingAttendanceCreate");
export type AttendanceCreateInput = z.infer<typeof AttendanceCreate>;

export const TrainingPlan = z
  .object({
    id: z.number().int(),
    title: z.string(),
    year: z.number().int(),
    audience: z.enum(TRAINING_AUDIENCES),
    deadline: z.string(),
    description: z.string().nullable(),
    sessions: z.number().int(),
    attendances: z.number().int(),
    createdAt: z.number().int(),
  })
  .openapi("TrainingPlan");
export const TrainingPlanList = z.object({ items: z.array(TrainingPlan) }).openapi("TrainingPlanList");

export const TrainingSession = z
  .object({
    id: z.number().int(),
    planId: z.number().int(),
    planTitle: z.string(),
    planAudience: z.enum(TRAINING_AUDIENCES),
    title: z.string(),
    format: z.enum(SESSION_FORMATS),
    startDate: z.string(),
    days: z.number().int(),
    location: z.string().nullable(),
    townshipCode: z.string().nullable(),
    attendances: z.number().int(),
  })
  .openapi("TrainingSession");

export const Attendance = z
  .object({
    id: z.number().int(),
    sessionId: z.number().int(),
    takerKind: z.enum(TAKER_KINDS),
    takerId: z.number().int(),
    takerName: z.string(),
    townshipCode: z.string().nullable(),
    createdAt: z.number().int(),
  })
  .openapi("TrainingAttendance");
export const SessionDetail = TrainingSession.extend({ attendance: z.array(Attendance) }).openapi(
  "TrainingSessionDetail",
);
export const PlanDetail = TrainingPlan.extend({ sessionList: z.array(TrainingSession) }).openapi("TrainingPlanDetail");

export const CoveragePerson = z
  .object({
    takerKind: z.enum(TAKER_KINDS),
    takerId: z.number().int(),
    name: z.string(),
    villageName: z.string().nullable(),
    townshipCode: z.string().nullable(),
    townshipName: z.string().nullable(),
  })
  .openapi("TrainingCoveragePerson");
/** Who a plan must reach, who has been trained, and who still has to be (at most `untrained` 500 listed). */
export const PlanCoverage = z
  .object({
    planId: z.number().int(),
    audience: z.enum(TRAINING_AUDIENCES),
    deadline: z.string(),
    total: z.number().int(),
    trained: z.number().int(),
    untrainedCount: z.number().int(),
    untrained: z.array(CoveragePerson),
  })
  .openapi("TrainingPlanCoverage");
/** 回炉: people whose last test was below the pass mark and who have not been trained since. */
export const RetrainPerson = CoveragePerson.extend({
  examTitle: z.string(),
  score: z.number().int(),
  submittedAt: z.number().int(),
}).openapi("RetrainPerson");
export const RetrainList = z.object({ items: z.array(RetrainPerson) }).openapi("RetrainList");
