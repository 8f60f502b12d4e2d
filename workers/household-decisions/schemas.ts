import { z } from "@hono/zod-openapi";
import { DECISION_KINDS, DECISION_STATUSES } from "../../db/schema/tenant/notices.ts";
import { HOUSEHOLD_STATUSES, MONITOR_KINDS } from "../../db/schema/tenant/households.ts";
import { PageQuery } from "../lib/paging.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

export const DecisionCreate = z
  .object({
    kind: z.enum(DECISION_KINDS, "请选择认定类型：建档立卡、脱贫退出或纳入监测"),
    toStatus: z.preprocess(blank, z.enum(HOUSEHOLD_STATUSES, "未知的户状态").optional()),
    monitorKind: z.preprocess(blank, z.enum(MONITOR_KINDS, "未知的监测对象类别").optional()),
    reason: z.string({ error: "请填写认定理由" }).trim().min(1, "请填写认定理由").max(500, "理由最多 500 个字"),
    noticeDays: z.preprocess(
      blank,
      z.coerce.number().int("公示天数应为整数").min(1, "公示期至少 1 天").max(60, "公示期不超过 60 天").optional(),
    ),
  })
  .openapi("DecisionCreate");

export const DecisionPublish = z
  .object({
    noticeDays: z.preprocess(
      blank,
      z.coerce.number().int("公示天数应为整数").min(1, "公示期至少 1 天").max(60, "公示期不超过 60 天").optional(),
    ),
  })
  .openapi("DecisionPublish");

export const DecisionQuery = PageQuery.extend({
  status: z.preprocess(blank, z.enum(DECISION_STATUSES, "未知的认定状态").optional()),
  householdId: z.preprocess(blank, z.coerce.number().int().positive().optional()),
});

export const Decision = z
  .object({
    id: z.number().int(),
    householdId: z.number().int(),
    headName: z.string(),
    householdStatus: z.enum(HOUSEHOLD_STATUSES),
    householdMonitorKind: z.enum(MONITOR_KINDS).nullable(),
    villageId: z.number().int(),
    villageName: z.string(),
    kind: z.enum(DECISION_KINDS),
    toStatus: z.enum(HOUSEHOLD_STATUSES),
    toMonitorKind: z.enum(MONITOR_KINDS).nullable(),
    reason: z.string(),
    status: z.enum(DECISION_STATUSES),
    noticeId: z.number().int().nullable(),
    noticeStatus: z.string().nullable(),
    noticeStart: z.string().nullable(),
    noticeEnd: z.string().nullable(),
    openObjections: z.number().int(),
    upheldObjections: z.number().int(),
    decidedAt: z.number().int().nullable(),
    createdAt: z.number().int(),
  })
  .openapi("HouseholdDecision");
export const DecisionPage = z
  .object({ items: z.array(Decision), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("HouseholdDecisionPage");
