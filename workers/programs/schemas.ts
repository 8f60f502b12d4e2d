import { z } from "@hono/zod-openapi";
import { FUND_SOURCES, PROGRAM_CATEGORIES, RECIPIENT_KINDS, RULE_KINDS } from "../../db/schema/tenant/money.ts";

const Fen = z
  .number({ error: "金额须为整数（单位：分）" })
  .int("金额须为整数（单位：分）")
  .min(0, "金额不能为负")
  .max(1e13, "金额过大");

export const ProgramCreate = z
  .object({
    name: z.string().trim().min(1, "请填写项目名称").max(80),
    category: z.enum(PROGRAM_CATEGORIES, "请选择资金类别"),
    fundSource: z.enum(FUND_SOURCES, "请选择资金来源"),
    recipientKind: z.enum(RECIPIENT_KINDS, "请选择发放对象"),
    ruleKind: z.enum(RULE_KINDS, "请选择金额规则"),
    ruleAmountFen: Fen.positive("标准金额须大于 0").optional(),
    honourUpliftPct: z.number().int().min(0).max(100, "上浮比例不超过 100%").default(0),
    noticeDays: z.number().int().min(1, "公示期至少 1 天").max(60, "公示期不超过 60 天").default(7),
    allowRepeat: z.boolean().default(false),
    seedRef: z.string().max(80).optional(),
    notes: z.string().max(500).optional(),
  })
  .superRefine((v, ctx) => {
    if (v.ruleKind !== "per_line" && v.ruleAmountFen === undefined)
      ctx.addIssue({ code: "custom", path: ["ruleAmountFen"], message: "按标准发放的项目须填写标准金额" });
    if (v.ruleKind === "per_line" && v.ruleAmountFen !== undefined)
      ctx.addIssue({ code: "custom", path: ["ruleAmountFen"], message: "逐笔填写金额的项目不设标准金额" });
  })
  .openapi("ProgramCreate");

export const ProgramUpdate = z
  .object({
    name: z.string().trim().min(1).max(80).optional(),
    noticeDays: z.number().int().min(1).max(60).optional(),
    notes: z.string().max(500).nullable().optional(),
  })
  .openapi("ProgramUpdate");

export const BudgetBody = z.object({ budgetFen: Fen }).openapi("BudgetSet");

export const ProgramIdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" } }),
});
export const BudgetParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" } }),
  year: z.coerce
    .number()
    .int()
    .min(2000, "年份不早于 2000")
    .max(2100)
    .openapi({ param: { name: "year", in: "path" } }),
});

export const BudgetView = z
  .object({
    year: z.number().int(),
    budgetFen: z.number().int(),
    committedFen: z.number().int(),
    paidFen: z.number().int(),
    availableFen: z.number().int(),
    executionRate: z.string(),
  })
  .openapi("Budget");

export const Program = z
  .object({
    id: z.number().int(),
    name: z.string(),
    category: z.enum(PROGRAM_CATEGORIES),
    fundSource: z.enum(FUND_SOURCES),
    recipientKind: z.enum(RECIPIENT_KINDS),
    ruleKind: z.enum(RULE_KINDS),
    ruleAmountFen: z.number().int().nullable(),
    honourUpliftPct: z.number().int(),
    noticeDays: z.number().int(),
    allowRepeat: z.boolean(),
    seedRef: z.string().nullable(),
    notes: z.string().nullable(),
    budgets: z.array(BudgetView),
  })
  .openapi("Program");

export type ProgramCreateInput = z.infer<typeof ProgramCreate>;
