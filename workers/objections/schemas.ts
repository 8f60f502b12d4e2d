import { z } from "@hono/zod-openapi";
import { AfterQuery, PageQuery } from "../lib/paging.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const ObjectionCreate = z
  .object({
    lineNo: z.preprocess(
      blank,
      z.coerce.number({ error: "明细序号应为数字" }).int("明细序号应为整数").min(1, "明细序号从 1 开始").optional(),
    ),
    name: z.preprocess(blank, z.string().trim().max(30, "姓名最多 30 个字").optional()),
    contact: z.preprocess(blank, z.string().trim().max(60, "联系方式最多 60 个字").optional()),
    text: z.string({ error: "请填写异议内容" }).trim().min(1, "请填写异议内容").max(1000, "异议内容最多 1000 个字"),
  })
  .openapi("ObjectionCreate");

export const ObjectionReceipt = z
  .object({
    trackingCode: z.string().openapi({ description: "查询码：凭此查询处理结果" }),
    noticeId: z.number().int(),
    lineNo: z.number().int().nullable(),
    status: z.literal("open"),
  })
  .openapi("ObjectionReceipt");

export const TrackingParam = z.object({
  trackingCode: z
    .string()
    .trim()
    .min(1)
    .max(20, "查询码格式不对")
    .openapi({ param: { name: "trackingCode", in: "path" } }),
});

export const PublicObjection = z
  .object({
    trackingCode: z.string(),
    noticeId: z.number().int(),
    noticeTitle: z.string(),
    lineNo: z.number().int().nullable(),
    text: z.string(),
    status: z.enum(["open", "upheld", "rejected"]),
    reply: z.string().nullable(),
    answeredAt: z.number().int().nullable(),
    createdAt: z.number().int(),
  })
  .openapi("PublicObjection");

export const AnswerBody = z
  .object({
    decision: z.enum(["upheld", "rejected"], "请选择异议是否成立"),
    reply: z
      .string({ error: "请填写答复（将公开）" })
      .trim()
      .min(1, "请填写答复（将公开）")
      .max(1000, "答复最多 1000 个字"),
  })
  .openapi("ObjectionAnswer");

export const AnswerResult = z
  .object({
    id: z.number().int(),
    trackingCode: z.string(),
    noticeId: z.number().int(),
    status: z.enum(["upheld", "rejected"]),
    reply: z.string(),
    answeredAt: z.number().int(),
    noticeWithdrawn: z.boolean(),
  })
  .openapi("ObjectionAnswerResult");

export const ObjectionQuery = PageQuery.extend(AfterQuery.shape).extend({
  status: z.preprocess(
    (v) => (v === "" ? undefined : v),
    z.enum(["open", "upheld", "rejected"], "未知的异议状态").optional(),
  ),
  noticeId: z.preprocess((v) => (v === "" ? undefined : v), z.coerce.number().int().positive().optional()),
});

export const ObjectionItem = z
  .object({
    id: z.number().int(),
    trackingCode: z.string(),
    noticeId: z.number().int(),
    noticeTitle: z.string(),
    noticeKind: z.string(),
    noticeStatus: z.string(),
    lineNo: z.number().int().nullable(),
    name: z.string().nullable(),
    hasContact: z.boolean(),
    text: z.string(),
    status: z.enum(["open", "upheld", "rejected"]),
    reply: z.string().nullable(),
    answeredAt: z.number().int().nullable(),
    createdAt: z.number().int(),
  })
  .openapi("ObjectionItem");
export const ObjectionPage = z
  .object({
    items: z.array(ObjectionItem),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
    /** Pass as `after` for the next page (keyset, newest first); null on the last page. */
    nextAfter: z.number().int().nullable(),
  })
  .openapi("ObjectionPage");

/** The reviewed text an officer publishes in place of the original (API and admin form). */
export const PublicTextBody = z.object({
  publicText: z.string().trim().min(1, "请填写公开文本").max(2000, "最多 2000 个字"),
});
