import { z } from "@hono/zod-openapi";
import {
  ASSIGNMENT_ROLES,
  ASSIGNMENT_STATUSES,
  ATTENDANCE_STATUSES,
  END_REASONS,
} from "../../db/schema/tenant/people.ts";
import { PageQuery } from "../lib/paging.ts";
import { daysInMonth, isValidDate } from "../lib/dates.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const Id = (message: string) =>
  z.coerce
    .number({ error: message })
    .int(message)
    .positive(message)
    .max(2 ** 31, message);
export const DateStr = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .refine(isValidDate, `${what}应为有效日期，格式 YYYY-MM-DD`);
const Note = z.string().trim().max(500, "说明最多 500 个字");

export const AssignmentRole = z.enum(ASSIGNMENT_ROLES, "请选择驻村职务");
/** Ending by hand is completion or recall; a replacement goes through /replace so the successor starts in the same step. */
export const END_STATUSES = ["completed", "recalled"] as const;
/** Why a cadre was recalled or replaced (seed 001). */
export const REMOVAL_REASONS = ["unfit", "long_absent", "wrong_unit", "other"] as const;

export const AssignmentCreate = z
  .object({
    cadreId: Id("请选择干部"),
    villageCode: z
      .string({ error: "请填写村级区划代码" })
      .trim()
      .regex(/^\d{12}$/, "村级区划代码为 12 位数字"),
    role: AssignmentRole,
    startDate: DateStr("驻村开始日期"),
  })
  .openapi("AssignmentCreate");

export const AssignmentEnd = z
  .object({
    status: z.enum(END_STATUSES, "请选择结束方式：期满或召回"),
    date: DateStr("结束日期"),
    reason: z.preprocess(blank, z.enum(END_REASONS, "请选择结束原因").optional()),
    note: z.preprocess(blank, Note.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.status === "completed" && v.reason && v.reason !== "term_completed")
      ctx.addIssue({ code: "custom", path: ["reason"], message: "期满结束的原因只能是“任期届满”" });
    if (v.status === "recalled" && (!v.reason || v.reason === "term_completed"))
      ctx.addIssue({
        code: "custom",
        path: ["reason"],
        message: "召回须选择原因：不胜任、长期不在岗、与派出单位无关联或其他",
      });
    if (v.reason === "other" && !v.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "原因为“其他”时请填写说明" });
  })
  .openapi("AssignmentEnd");

export const AssignmentReplace = z
  .object({
    newCadreId: Id("请选择接替的干部"),
    date: DateStr("更换日期"),
    reason: z.enum(REMOVAL_REASONS, "请选择更换原因：不胜任、长期不在岗、与派出单位无关联或其他"),
    note: z.preprocess(blank, Note.optional()),
  })
  .superRefine((v, ctx) => {
    if (v.reason === "other" && !v.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "原因为“其他”时请填写说明" });
  })
  .openapi("AssignmentReplace");

export const AssignmentFilter = z.object({
  cadreId: z.preprocess(blank, Id("无效的干部编号").optional()),
  villageCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{12}$/, "村级区划代码为 12 位数字")
      .optional(),
  ),
  townshipCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{9}$/, "乡镇代码为 9 位数字")
      .optional(),
  ),
  role: z.preprocess(blank, AssignmentRole.optional()),
  status: z.preprocess(blank, z.enum(ASSIGNMENT_STATUSES, "无效的状态").optional()),
});
export const AssignmentQuery = PageQuery.extend(AssignmentFilter.shape);

export const Month = z
  .string()
  .regex(/^\d{4}-(0[1-9]|1[0-2])$/, "月份格式为 YYYY-MM，如 2025-03")
  .refine((m) => Number(m.slice(0, 4)) >= 2000 && Number(m.slice(0, 4)) <= 2100, "月份须在 2000–2100 年之间");
export const AttendanceParam = z.object({
  id: Id("无效的驻村任务编号").openapi({ param: { name: "id", in: "path" } }),
  month: Month.openapi({ param: { name: "month", in: "path" }, example: "2025-03" }),
});
export const AttendanceBody = z
  .object({
    days: z.coerce
      .number({ error: "请填写驻村天数" })
      .int("驻村天数须为整数")
      .min(0, "驻村天数不能为负")
      .max(31, "驻村天数不能超过 31 天"),
  })
  .openapi("AttendanceBody");
/** Days may not exceed the days of that month (no 30 February). */
export function checkDaysInMonth(month: string, days: number): string | null {
  const max = daysInMonth(Number(month.slice(0, 4)), Number(month.slice(5, 7)));
  return days > max ? `${month} 只有 ${max} 天，驻村天数不能超过 ${max}` : null;
}

export const LowAttendanceQuery = PageQuery.extend({
  month: Month.openapi({ example: "2025-03" }),
  below: z
    .preprocess(
      blank,
      z.coerce.number().int("天数须为整数").min(1, "天数至少为 1").max(32, "天数最多为 32").default(10),
    )
    .openapi({ description: "驻村天数少于此数（默认 10）" }),
  townshipCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{9}$/, "乡镇代码为 9 位数字")
      .optional(),
  ),
});

export const Assignment = z
  .object({
    id: z.number().int(),
    cadreId: z.number().int(),
    cadreName: z.string().nullable(),
    unitName: z.string().nullable(),
    villageId: z.number().int(),
    villageCode: z.string().nullable(),
    villageName: z.string().nullable(),
    townshipCode: z.string().nullable(),
    townshipName: z.string().nullable(),
    role: AssignmentRole,
    startDate: z.string(),
    endDate: z.string().nullable(),
    status: z.enum(ASSIGNMENT_STATUSES),
    endReason: z.enum(END_REASONS).nullable(),
    endNote: z.string().nullable(),
    replacedById: z.number().int().nullable(),
  })
  .openapi("Assignment");
export const AssignmentPage = z
  .object({ items: z.array(Assignment), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("AssignmentPage");
export const Replaced = z.object({ replaced: Assignment, successor: Assignment }).openapi("AssignmentReplaced");
export const AttendanceEntry = z
  .object({
    month: z.string(),
    days: z.number().int(),
    status: z.enum(ATTENDANCE_STATUSES).openapi({ description: "reported 已填报（待确认，不计发）/ confirmed 已确认" }),
    updatedAt: z.number().int(),
  })
  .openapi("Attendance");
export const AttendanceRow = AttendanceEntry.extend({
  reportedBy: z.number().int().nullable(),
  confirmedBy: z.number().int().nullable(),
  confirmedByName: z.string().nullable(),
  confirmedAt: z.number().int().nullable(),
  checkInDays: z.number().int().openapi({ description: "当月有签到的天数（核对驻村天数的依据）" }),
}).openapi("AttendanceRow");
export const AttendanceList = z
  .object({ assignmentId: z.number().int(), items: z.array(AttendanceRow) })
  .openapi("AttendanceList");
export const LowAttendancePage = z
  .object({
    month: z.string(),
    below: z.number().int(),
    items: z.array(Assignment.extend({ days: z.number().int().nullable() })),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
  })
  .openapi("LowAttendancePage");

export type AssignmentCreateInput = z.infer<typeof AssignmentCreate>;
export type AssignmentEndInput = z.infer<typeof AssignmentEnd>;
export type AssignmentReplaceInput = z.infer<typeof AssignmentReplace>;
export type AssignmentFilterInput = z.infer<typeof AssignmentFilter>;
export type LowAttendanceInput = z.infer<typeof LowAttendanceQuery>;
