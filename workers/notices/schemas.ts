import { z } from "@hono/zod-openapi";
import { NOTICE_KINDS } from "../../db/schema/tenant/notices.ts";
import { PageQuery } from "../lib/paging.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);

export const IdParam = z.object({
  id: z.coerce
    .number({ error: "编号应为数字" })
    .int("编号应为整数")
    .positive("编号应为正整数")
    .max(2 ** 53)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const NoticeQuery = PageQuery.extend({
  kind: z.preprocess(blank, z.enum(NOTICE_KINDS, "未知的公示类型").optional()),
  status: z.preprocess(blank, z.enum(["open", "closed", "withdrawn"], "未知的公示状态").optional()),
  villageId: z.preprocess(blank, z.coerce.number().int().positive("村编号应为正整数").optional()),
  openNow: z.preprocess(
    blank,
    z
      .enum(["true", "false", "1", "0"], "openNow 只能是 true 或 false")
      .transform((v) => v === "true" || v === "1")
      .optional(),
  ),
});

const LedgerRef = z
  .object({ seq: z.number().int(), hash: z.string(), contentHash: z.string(), at: z.number().int() })
  .nullable();

export const NoticeSummary = z
  .object({
    id: z.number().int(),
    kind: z.enum(NOTICE_KINDS),
    subjectId: z.number().int(),
    title: z.string(),
    villageIds: z.array(z.number().int()),
    startDate: z.string(),
    endDate: z.string(),
    status: z.enum(["open", "closed", "withdrawn"]),
    openForObjections: z.boolean(),
    contentHash: z.string(),
    ledgerSeq: z.number().int().nullable(),
    lineCount: z.number().int(),
    objectionCount: z.number().int(),
    openObjectionCount: z.number().int(),
    createdAt: z.number().int(),
  })
  .openapi("NoticeSummary");
export const NoticePage = z
  .object({ items: z.array(NoticeSummary), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("NoticePage");

const NoticeHeader = {
  id: z.number().int(),
  kind: z.enum(NOTICE_KINDS),
  title: z.string(),
  villageIds: z.array(z.number().int()),
  startDate: z.string(),
  endDate: z.string(),
  status: z.enum(["open", "closed", "withdrawn"]),
  openForObjections: z.boolean(),
  content: z.unknown().openapi({ description: "公示快照（已脱敏），即 contentHash 所覆盖的规范 JSON" }),
  contentHash: z.string().openapi({ description: "SHA-256(快照规范 JSON)" }),
  createdAt: z.number().int(),
  ledger: LedgerRef,
};
const ObjectionStatus = z.enum(["open", "upheld", "rejected"]);

export const NoticeDetail = z
  .object({
    ...NoticeHeader,
    subjectId: z.number().int(),
    objections: z.array(
      z.object({
        id: z.number().int(),
        trackingCode: z.string(),
        lineNo: z.number().int().nullable(),
        name: z.string().nullable(),
        hasContact: z.boolean(),
        text: z.string(),
        status: ObjectionStatus,
        reply: z.string().nullable(),
        answeredAt: z.number().int().nullable(),
        createdAt: z.number().int(),
      }),
    ),
  })
  .openapi("NoticeDetail");

export const PublicNotice = z
  .object({
    ...NoticeHeader,
    objections: z.array(
      z.object({
        trackingCode: z.string(),
        lineNo: z.number().int().nullable(),
        text: z.string(),
        status: ObjectionStatus,
        reply: z.string().nullable(),
        answeredAt: z.number().int().nullable(),
        createdAt: z.number().int(),
      }),
    ),
  })
  .openapi("PublicNotice");
