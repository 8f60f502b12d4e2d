import { z } from "@hono/zod-openapi";
import { DECISION_STAGES } from "../../db/schema/tenant/disclosure.ts";
import { isValidDate } from "../lib/dates.ts";
import { PageQuery } from "../lib/paging.ts";

const Count = (label: string) =>
  z
    .number({ error: `${label}须为整数` })
    .int(`${label}须为整数`)
    .min(0, `${label}不能为负`)
    .max(100_000, `${label}过大`);

/** One meeting or publication: date, attendance and votes (meetings), public summary, attachments' descriptions. */
const StageObject = z.object({
  date: z.string().refine(isValidDate, "日期格式为 YYYY-MM-DD"),
  eligible: Count("应到人数").nullable().optional(),
  attendees: Count("实到人数").nullable().optional(),
  votesFor: Count("赞成票").nullable().optional(),
  votesAgainst: Count("反对票").nullable().optional(),
  votesAbstain: Count("弃权票").nullable().optional(),
  summary: z.string().trim().min(2, "请填写会议内容、决议或公开的内容").max(2000, "最多 2000 个字"),
  attachments: z
    .array(z.string().trim().min(1).max(200, "附件说明每条最多 200 个字"))
    .max(20, "附件说明最多 20 条")
    .default([]),
});

function checkCounts(v: z.infer<typeof StageObject>, ctx: z.RefinementCtx) {
  if (v.attendees != null && v.eligible != null && v.attendees > v.eligible)
    ctx.addIssue({ code: "custom", path: ["attendees"], message: "实到人数不能多于应到人数" });
  const votes = (v.votesFor ?? 0) + (v.votesAgainst ?? 0) + (v.votesAbstain ?? 0);
  if (v.attendees != null && votes > v.attendees)
    ctx.addIssue({ code: "custom", path: ["votesFor"], message: "票数合计不能多于实到人数" });
}
export const StageFields = StageObject.superRefine(checkCounts);
export type StageInput = z.infer<typeof StageFields>;

export const DecisionCreate = z
  .object({
    villageCode: z.string().regex(/^\d{12}$/, "请选择村（12 位村代码）"),
    title: z.string().trim().min(2, "请填写事项名称").max(100, "事项名称最多 100 个字"),
    description: z.string().trim().min(2, "请填写事项内容").max(2000),
    amountFen: z.number().int("金额须为整数（单位：分）").min(0).max(1e13).nullable().optional(),
    projectId: z.number().int().positive().nullable().optional(),
    requiresTownshipReview: z.boolean().default(false),
    /** The first stage, 党支部提议, is recorded with the decision. */
    proposed: StageFields,
  })
  .openapi("VillageDecisionCreate");

export const StageRecord = StageObject.extend({ stage: z.enum(DECISION_STAGES, "未知的环节") })
  .superRefine(checkCounts)
  .openapi("VillageDecisionStage");

export const DecisionQuery = PageQuery.extend({
  villageCode: z
    .string()
    .regex(/^\d{12}$/, "村代码为 12 位数字")
    .optional(),
  stage: z.enum(DECISION_STAGES).optional(),
});
export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" } }),
});

export const Stage = z.object({
  stage: z.enum(DECISION_STAGES),
  date: z.string(),
  eligible: z.number().int().nullable(),
  attendees: z.number().int().nullable(),
  votesFor: z.number().int().nullable(),
  votesAgainst: z.number().int().nullable(),
  votesAbstain: z.number().int().nullable(),
  summary: z.string(),
  attachments: z.array(z.string()),
  ledgerSeq: z.number().int().nullable(),
});
export const Decision = z
  .object({
    id: z.number().int(),
    villageCode: z.string(),
    villageName: z.string(),
    title: z.string(),
    description: z.string(),
    amountFen: z.number().int().nullable(),
    projectId: z.number().int().nullable(),
    requiresTownshipReview: z.boolean(),
    stage: z.enum(DECISION_STAGES),
    nextStage: z.enum(DECISION_STAGES).nullable(),
    failedStage: z.enum(DECISION_STAGES).nullable().openapi({ description: "表决未通过而终止的环节（未终止为 null）" }),
    stages: z.array(Stage),
  })
  .openapi("VillageDecision");
export const DecisionPage = z
  .object({
    items: z.array(Decision.omit({ stages: true })),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
  })
  .openapi("VillageDecisionPage");
