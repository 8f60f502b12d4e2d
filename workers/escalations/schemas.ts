import { z } from "@hono/zod-openapi";
import { ACCOUNTABILITY_OUTCOMES, ESCALATION_STEPS, TARGET_KINDS } from "../../db/schema/tenant/supervision.ts";
import { PageQuery } from "../lib/paging.ts";
import { DateStr } from "../letters/schemas.ts";
import { checkTarget, TargetFields } from "../inspections/target.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const Period = z.coerce
  .number({ error: "年度应为四位年份" })
  .int("年度应为四位年份")
  .min(2000, "年度应在 2000–2100 之间")
  .max(2100, "年度应在 2000–2100 之间");

export const EscalationCreate = z
  .object({
    ...TargetFields,
    period: Period,
    step: z.enum(ESCALATION_STEPS, "请选择：通报、约谈或问责"),
    date: DateStr("日期"),
    record: z
      .string({ error: "请填写通报内容、约谈记录或问责决定" })
      .trim()
      .min(1, "请填写通报内容、约谈记录或问责决定")
      .max(2000, "最多 2000 个字"),
    outcome: z.preprocess(blank, z.enum(ACCOUNTABILITY_OUTCOMES, "请选择问责方式").optional()),
    assignmentId: z.preprocess(
      blank,
      z.coerce
        .number({ error: "驻村任务编号无效" })
        .int()
        .positive()
        .max(2 ** 31)
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    checkTarget(v, ctx);
    if (v.step === "accountability" && !v.outcome)
      ctx.addIssue({
        code: "custom",
        path: ["outcome"],
        message: "问责须选择方式：批评教育、退回原单位（召回）或移交纪委",
      });
    if (v.step !== "accountability" && v.outcome)
      ctx.addIssue({ code: "custom", path: ["outcome"], message: "只有问责才有问责方式" });
    if (v.outcome === "recall" && v.targetKind !== "cadre")
      ctx.addIssue({ code: "custom", path: ["outcome"], message: "召回只适用于干部个人" });
    if (v.outcome === "recall" && !v.assignmentId)
      ctx.addIssue({ code: "custom", path: ["assignmentId"], message: "召回须选择要结束的驻村任务" });
    if (v.outcome !== "recall" && v.assignmentId)
      ctx.addIssue({ code: "custom", path: ["assignmentId"], message: "只有召回才结束驻村任务" });
    if (Number(v.date.slice(0, 4)) < v.period)
      ctx.addIssue({ code: "custom", path: ["date"], message: "日期不能早于所属年度" });
  })
  .openapi("EscalationCreate");
export type EscalationCreateInput = z.infer<typeof EscalationCreate>;

export const ProposalQuery = z.object({ ...TargetFields, period: Period }).superRefine(checkTarget);
export const EscalationQuery = PageQuery.extend({
  period: z.preprocess(blank, Period.optional()),
  step: z.preprocess(blank, z.enum(ESCALATION_STEPS).optional()),
  targetKind: z.preprocess(blank, z.enum(TARGET_KINDS).optional()),
});
export const ReportQuery = z.object({ year: z.preprocess(blank, Period.optional()) });

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const Escalation = z
  .object({
    id: z.number().int(),
    targetKind: z.enum(TARGET_KINDS),
    targetKey: z.string(),
    targetName: z.string(),
    townshipCode: z.string().nullable(),
    period: z.number().int(),
    step: z.enum(ESCALATION_STEPS),
    problemId: z.number().int(),
    date: z.string(),
    record: z.string(),
    outcome: z.enum(ACCOUNTABILITY_OUTCOMES).nullable(),
    assignmentId: z.number().int().nullable(),
  })
  .openapi("Escalation");
export const EscalationPage = z
  .object({ items: z.array(Escalation), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("EscalationPage");

export const Proposal = z
  .object({
    targetKind: z.enum(TARGET_KINDS),
    targetKey: z.string(),
    targetName: z.string(),
    period: z.number().int(),
    confirmedProblems: z.array(z.object({ id: z.number().int(), date: z.string(), description: z.string() })),
    steps: z.array(Escalation),
    nextStep: z.enum(ESCALATION_STEPS).nullable(),
    reason: z.string().nullable().openapi({ description: "没有下一步时的原因" }),
    activeAssignments: z.array(z.object({ id: z.number().int(), villageName: z.string(), role: z.string() })),
  })
  .openapi("EscalationProposal");

const Counts = {
  inspections: z.number().int(),
  problems: z.number().int(),
  closed: z.number().int(),
  overdue: z.number().int(),
  notices: z.number().int(),
  interviews: z.number().int(),
  accountabilities: z.number().int(),
  referrals: z.number().int(),
};
export const SupervisionReport = z
  .object({
    year: z.number().int(),
    totals: z.object({
      ...Counts,
      accountableUnits: z.number().int().openapi({ description: "问责单位（家）：单位、乡镇、村、工作队" }),
      accountablePersons: z.number().int().openapi({ description: "问责个人（人）" }),
      referredPersons: z.number().int().openapi({ description: "移交纪委（人）" }),
    }),
    byTownship: z.array(z.object({ code: z.string(), name: z.string(), ...Counts })),
    byUnit: z.array(z.object({ id: z.number().int(), name: z.string(), ...Counts })),
  })
  .openapi("SupervisionReport");
