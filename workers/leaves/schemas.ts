import { z } from "@hono/zod-openapi";
import { LEAVE_KINDS, LEAVE_STATUSES } from "../../db/schema/tenant/presence.ts";
import { PageQuery } from "../lib/paging.ts";
import { DateStr } from "../assignments/schemas.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/** 请假: the cadre's own active assignment (or their only one), the days and why. */
export const LeaveCreate = z
  .object({
    assignmentId: z.preprocess(
      blank,
      z.coerce
        .number({ error: "请选择驻村任务" })
        .int("请选择驻村任务")
        .positive("请选择驻村任务")
        .max(2 ** 31)
        .optional(),
    ),
    kind: z.enum(LEAVE_KINDS, "请选择请假类别"),
    startDate: DateStr("开始日期"),
    endDate: DateStr("结束日期"),
    reason: z.string({ error: "请填写请假事由" }).trim().min(2, "请填写请假事由").max(300, "事由最多 300 个字"),
  })
  .refine((v) => v.endDate >= v.startDate, { path: ["endDate"], message: "结束日期不能早于开始日期" })
  .openapi("LeaveCreate");
export type LeaveCreateInput = z.infer<typeof LeaveCreate>;

export const LeaveDecision = z
  .object({ note: z.preprocess(blank, z.string().trim().max(300, "意见最多 300 个字").optional()) })
  .openapi("LeaveDecision");
export const LeaveRejection = z
  .object({
    note: z.string({ error: "请写明不批准的理由" }).trim().min(2, "请写明不批准的理由").max(300, "意见最多 300 个字"),
  })
  .openapi("LeaveRejection");
/** 销假: the day the cadre was back in the village. */
export const LeaveReturn = z.object({ returnedOn: DateStr("销假日期") }).openapi("LeaveReturn");

export const LeaveFilter = z.object({
  status: z.preprocess(blank, z.enum(LEAVE_STATUSES, "未知的状态").optional()),
  townshipCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{9}$/, "乡镇代码为 9 位数字")
      .optional(),
  ),
  assignmentId: z.preprocess(
    blank,
    z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31)
      .optional(),
  ),
});
export const LeaveQuery = PageQuery.extend(LeaveFilter.shape);
export type LeaveQueryInput = z.infer<typeof LeaveQuery>;

export const Leave = z
  .object({
    id: z.number().int(),
    assignmentId: z.number().int(),
    cadreId: z.number().int(),
    cadreName: z.string().nullable(),
    villageCode: z.string(),
    villageName: z.string(),
    townshipCode: z.string(),
    kind: z.enum(LEAVE_KINDS),
    startDate: z.string(),
    endDate: z.string(),
    days: z.number().int(),
    reason: z.string(),
    status: z.enum(LEAVE_STATUSES),
    requestedBy: z.number().int(),
    decidedBy: z.number().int().nullable(),
    decidedByName: z.string().nullable(),
    decidedAt: z.number().int().nullable(),
    decisionNote: z.string().nullable(),
    returnedOn: z.string().nullable(),
    createdAt: z.number().int(),
  })
  .openapi("Leave");
export const LeavePage = z
  .object({ items: z.array(Leave), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("LeavePage");
