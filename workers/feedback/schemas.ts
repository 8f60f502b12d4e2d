import { z } from "@hono/zod-openapi";
import { FEEDBACK_CATEGORIES } from "../../db/schema/tenant/disclosure.ts";
import { AfterQuery, PageQuery } from "../lib/paging.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/** The public form (also accepted as JSON by the public API). */
export const FeedbackSubmit = z
  .object({
    villageCode: z.preprocess(
      blank,
      z
        .string()
        .regex(/^\d{12}$/, "请选择村")
        .optional(),
    ),
    category: z.enum(FEEDBACK_CATEGORIES, "请选择类别"),
    text: z.string().trim().min(5, "请至少写 5 个字，说明您的意见或反映的问题").max(2000, "最多 2000 个字"),
    contact: z.preprocess(blank, z.string().trim().max(60, "联系方式最多 60 个字").optional()),
  })
  .openapi("FeedbackSubmit");

export const FeedbackAnswer = z
  .object({
    reply: z.string().trim().min(2, "请填写答复内容").max(2000, "答复最多 2000 个字"),
    replyPublic: z.boolean().default(true),
  })
  .openapi("FeedbackAnswer");

export const FeedbackQuery = PageQuery.extend(AfterQuery.shape).extend({
  status: z.enum(["open", "answered"]).optional(),
  villageCode: z
    .string()
    .regex(/^\d{12}$/, "村代码为 12 位数字")
    .optional(),
});
export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" } }),
});

export const Feedback = z
  .object({
    id: z.number().int(),
    trackingCode: z.string(),
    villageCode: z.string().nullable(),
    villageName: z.string().nullable(),
    category: z.enum(FEEDBACK_CATEGORIES),
    text: z.string(),
    hasContact: z.boolean(),
    status: z.enum(["open", "answered"]),
    reply: z.string().nullable(),
    replyPublic: z.boolean(),
    answeredAt: z.number().int().nullable(),
    createdAt: z.number().int(),
  })
  .openapi("Feedback");
export const FeedbackPage = z
  .object({
    items: z.array(Feedback),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
    /** Pass as `after` for the next page (keyset, newest first); null on the last page. */
    nextAfter: z.number().int().nullable(),
  })
  .openapi("FeedbackPage");

/** The reviewed text an officer publishes in place of the original (API and admin form). */
export const PublicTextBody = z.object({
  publicText: z.string().trim().min(1, "请填写公开文本").max(2000, "最多 2000 个字"),
});
