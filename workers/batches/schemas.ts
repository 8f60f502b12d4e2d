import { z } from "@hono/zod-openapi";
import { BATCH_STATUSES, LINE_STATUSES, RECIPIENT_KINDS } from "../../db/schema/tenant/money.ts";
import { PageQuery } from "../lib/paging.ts";
import { isValidDate } from "../lib/dates.ts";

export const Period = z
  .string()
  .trim()
  .regex(/^\d{4}(-(0[1-9]|1[0-2]))?$/, "期间应为年份（2026）或年月（2026-11）");
const DateStr = z.string().refine((s) => isValidDate(s), "日期格式应为 YYYY-MM-DD");

export const BatchCreate = z
  .object({
    programId: z.number().int().positive("请选择资金项目"),
    period: Period,
    title: z.string().trim().max(80).optional(),
  })
  .openapi("BatchCreate");

export const LineCreate = z
  .object({
    recipientKind: z.enum(RECIPIENT_KINDS).optional(),
    recipientId: z.number({ error: "请选择发放对象" }).int().positive(),
    amountFen: z
      .number({ error: "金额须为整数（单位：分）" })
      .int("金额须为整数（单位：分）")
      .positive("金额须大于 0")
      .max(1e12)
      .optional(),
    quantity: z.number().int().min(1).max(366).optional().openapi({ description: "按天/按月计发时的天数或月数" }),
    honoured: z.boolean().default(false),
    purpose: z.string().trim().min(1, "请填写用途").max(80).optional(),
    repaysLineId: z.number().int().positive().optional(),
  })
  .openapi("LineCreate");

export const GenerateBody = z
  .object({
    source: z.enum(
      ["first_secretaries", "resident_team", "attendance", "village_officials", "awards", "award_supplement"],
      "请选择生成方式",
    ),
    purpose: z.string().trim().max(80).optional(),
  })
  .openapi("LineGenerate");

export const PayBody = z
  .object({
    paidDate: DateStr,
    paymentRef: z.string().trim().min(1, "请填写支付凭证号").max(80),
    failures: z
      .array(
        z.object({ lineId: z.number().int().positive(), reason: z.string().trim().min(1, "请填写失败原因").max(200) }),
      )
      .max(20000)
      .default([]),
  })
  .openapi("BatchPay");

export const ReverseBody = z
  .object({ reason: z.string().trim().min(2, "请填写冲正原因").max(200) })
  .openapi("LineReverse");

export const BatchQuery = PageQuery.extend({
  programId: z.coerce.number().int().positive().optional(),
  status: z.enum(BATCH_STATUSES).optional(),
  year: z.coerce.number().int().min(2000).max(2100).optional(),
});
export const LineQuery = PageQuery.extend({ status: z.enum(LINE_STATUSES).optional() });

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" } }),
});
export const LineParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" } }),
  lineId: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "lineId", in: "path" } }),
});

export const Line = z
  .object({
    id: z.number().int(),
    batchId: z.number().int(),
    recipientKind: z.enum(RECIPIENT_KINDS),
    recipientId: z.number().int(),
    recipientName: z.string(),
    villageId: z.number().int().nullable(),
    amountFen: z.number().int(),
    purpose: z.string(),
    quantity: z.number().int().nullable(),
    honoured: z.boolean(),
    daysConfirmedBy: z
      .string()
      .nullable()
      .openapi({ description: "按天计发：确认驻村天数的人（生成明细时的快照）；只有已确认的天数计发" }),
    daysConfirmedAt: z.number().int().nullable(),
    status: z.enum(LINE_STATUSES),
    paidDate: z.string().nullable(),
    bankRef: z.string().nullable(),
    failReason: z.string().nullable(),
    repaysLineId: z.number().int().nullable(),
    reversed: z.object({ amountFen: z.number().int(), reason: z.string(), at: z.number().int() }).nullable(),
  })
  .openapi("BatchLine");

export const Batch = z
  .object({
    id: z.number().int(),
    programId: z.number().int(),
    programName: z.string(),
    year: z.number().int(),
    period: z.string(),
    title: z.string(),
    status: z.enum(BATCH_STATUSES),
    totalFen: z.number().int(),
    lineCount: z.number().int(),
    noticeId: z.number().int().nullable(),
    noticeStart: z.string().nullable(),
    noticeEnd: z.string().nullable(),
    openObjections: z.number().int(),
    paidDate: z.string().nullable(),
    paymentRef: z.string().nullable(),
    createdBy: z.number().int().openapi({ description: "创建人（用户编号）" }),
    submittedBy: z.number().int().nullable().openapi({ description: "提交公示人；审批人不能是创建人或提交人" }),
    approvedBy: z.number().int().nullable().openapi({ description: "审批人" }),
    paidBy: z.number().int().nullable().openapi({ description: "登记支付人；按设置不能是审批人" }),
    createdByName: z.string().nullable(),
    submittedByName: z.string().nullable(),
    approvedByName: z.string().nullable(),
    paidByName: z.string().nullable(),
  })
  .openapi("Batch");

export const BatchPage = z
  .object({ items: z.array(Batch), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("BatchPage");
export const LinePage = z
  .object({ items: z.array(Line), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("LinePage");
export type LineCreateInput = z.infer<typeof LineCreate>;
