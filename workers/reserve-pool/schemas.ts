import { z } from "@hono/zod-openapi";
import {
  RESERVE_OUTCOMES,
  RESERVE_POOL_KINDS,
  RESERVE_SOURCES,
  RESERVE_STATUSES,
} from "../../db/schema/tenant/reserve.ts";
import { PageQuery } from "../lib/paging.ts";
import { DateStr } from "../assignments/schemas.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const Id = (msg: string) =>
  z.coerce
    .number({ error: msg })
    .int(msg)
    .positive(msg)
    .max(2 ** 31, msg);

/**
 * 提名: a cadre (后备干部) by cadreId, or a villager of a village pool by householdMemberId or by
 * name (with the village's 12-digit code). The reason is shown in the 公示 (masked).
 */
export const NominationCreate = z
  .object({
    poolKind: z.enum(RESERVE_POOL_KINDS, "请选择库别"),
    source: z.enum(RESERVE_SOURCES, "请选择来源"),
    cadreId: z.preprocess(blank, Id("请选择干部").optional()),
    householdMemberId: z.preprocess(blank, Id("请选择家庭成员").optional()),
    name: z.preprocess(blank, z.string().trim().min(1).max(40, "姓名最多 40 个字").optional()),
    villageCode: z.preprocess(
      blank,
      z
        .string()
        .trim()
        .regex(/^\d{12}$/, "村代码为 12 位数字")
        .optional(),
    ),
    birthYear: z.preprocess(
      blank,
      z.coerce
        .number({ error: "出生年份为 4 位数字" })
        .int("出生年份为 4 位数字")
        .min(1930, "出生年份不早于 1930 年")
        .max(2015, "出生年份不晚于 2015 年")
        .optional(),
    ),
    reason: z.string({ error: "请填写推荐理由" }).trim().min(2, "请填写推荐理由").max(300, "推荐理由最多 300 个字"),
  })
  .superRefine((v, ctx) => {
    if (v.poolKind === "cadre_reserve" && v.cadreId === undefined)
      ctx.addIssue({ code: "custom", path: ["cadreId"], message: "后备干部须选择干部" });
    if (v.poolKind !== "cadre_reserve" && v.cadreId !== undefined)
      ctx.addIssue({ code: "custom", path: ["cadreId"], message: "村级人才库登记村民，不选干部" });
    if (v.poolKind !== "cadre_reserve" && v.householdMemberId === undefined && (!v.name || !v.villageCode))
      ctx.addIssue({ code: "custom", path: ["name"], message: "请选择家庭成员，或填写姓名和所在村" });
  })
  .openapi("NominationCreate");
export type NominationCreateInput = z.infer<typeof NominationCreate>;

export const NominationPublish = z
  .object({
    noticeDays: z.preprocess(
      blank,
      z.coerce
        .number({ error: "公示天数为 1–60 天" })
        .int("公示天数为 1–60 天")
        .min(5, "后备人选公示不少于 5 天")
        .max(60, "公示天数最多 60 天")
        .optional(),
    ),
  })
  .openapi("NominationPublish");

export const NominationUse = z
  .object({
    outcome: z.enum(RESERVE_OUTCOMES, "请选择使用方式"),
    date: DateStr("使用日期"),
    note: z.preprocess(blank, z.string().trim().max(300, "说明最多 300 个字").optional()),
  })
  .openapi("NominationUse");
export const NominationExit = z
  .object({
    date: DateStr("退出日期"),
    note: z.string({ error: "请写明退出原因" }).trim().min(2, "请写明退出原因").max(300, "原因最多 300 个字"),
  })
  .openapi("NominationExit");

export const NominationFilter = z.object({
  poolKind: z.preprocess(blank, z.enum(RESERVE_POOL_KINDS, "未知的库别").optional()),
  status: z.preprocess(blank, z.enum(RESERVE_STATUSES, "未知的状态").optional()),
  villageId: z.preprocess(blank, Id("未知的村").optional()),
  cadreId: z.preprocess(blank, Id("未知的干部").optional()),
});
export const NominationQuery = PageQuery.extend(NominationFilter.shape);
export type NominationQueryInput = z.infer<typeof NominationQuery>;

export const Nomination = z
  .object({
    id: z.number().int(),
    poolKind: z.enum(RESERVE_POOL_KINDS),
    source: z.enum(RESERVE_SOURCES),
    name: z.string(),
    cadreId: z.number().int().nullable(),
    householdMemberId: z.number().int().nullable(),
    villageId: z.number().int().nullable(),
    villageCode: z.string().nullable(),
    villageName: z.string().nullable(),
    townshipCode: z.string().nullable(),
    birthYear: z.number().int().nullable(),
    reason: z.string(),
    assessmentId: z.number().int().nullable(),
    status: z.enum(RESERVE_STATUSES),
    noticeId: z.number().int().nullable(),
    noticeStart: z.string().nullable(),
    noticeEnd: z.string().nullable(),
    openObjections: z.number().int(),
    outcome: z.enum(RESERVE_OUTCOMES).nullable(),
    outcomeDate: z.string().nullable(),
    outcomeNote: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi("Nomination");
export const NominationPage = z
  .object({
    items: z.array(Nomination),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
    /** Counts per status over the filtered set (whatever the status filter). */
    byStatus: z.record(z.string(), z.number().int()),
  })
  .openapi("NominationPage");
