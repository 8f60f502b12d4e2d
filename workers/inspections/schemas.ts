import { z } from "@hono/zod-openapi";
import { INSPECTION_KINDS, PROBLEM_STATUSES, TARGET_KINDS } from "../../db/schema/tenant/supervision.ts";
import { PageQuery } from "../lib/paging.ts";
import { DateStr } from "../letters/schemas.ts";
import { checkTarget, TargetFields } from "./target.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const Text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}最多 ${max} 个字`);
const Note = z.preprocess(blank, z.string().trim().max(500, "说明最多 500 个字").optional());

export const ProblemCreate = z
  .object({ description: Text("问题描述", 500), deadline: DateStr("整改时限") })
  .openapi("ProblemCreate");
export type ProblemCreateInput = z.infer<typeof ProblemCreate>;

/** Problems found on the spot may come with the inspection (at most 20; more are added one by one). */
export const MAX_PROBLEMS_AT_ONCE = 20;

export const InspectionCreate = z
  .object({
    kind: z.enum(INSPECTION_KINDS, "请选择督查方式"),
    date: DateStr("督查日期"),
    groupName: z.preprocess(blank, z.string().trim().max(40, "督查组名称最多 40 个字").optional()),
    round: z.preprocess(
      blank,
      z.coerce
        .number({ error: "轮次应为 1–12" })
        .int("轮次应为 1–12")
        .min(1, "轮次应为 1–12")
        .max(12, "轮次应为 1–12")
        .optional(),
    ),
    ...TargetFields,
    findings: Text("督查发现", 2000),
    problems: z
      .array(ProblemCreate)
      .max(MAX_PROBLEMS_AT_ONCE, `一次最多登记 ${MAX_PROBLEMS_AT_ONCE} 个问题`)
      .default([]),
  })
  .superRefine((v, ctx) => {
    checkTarget(v, ctx);
    v.problems.forEach((p, i) => {
      if (p.deadline < v.date)
        ctx.addIssue({ code: "custom", path: ["problems", i, "deadline"], message: "整改时限不能早于督查日期" });
    });
  })
  .openapi("InspectionCreate");
export type InspectionCreateInput = z.infer<typeof InspectionCreate>;

export const ProblemDecision = z
  .object({
    decision: z.enum(["confirmed", "dismissed"], "请选择核实结论：属实或不成立"),
    note: Note,
  })
  .superRefine((v, ctx) => {
    if (v.decision === "dismissed" && !v.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "认定不成立须说明理由" });
  })
  .openapi("ProblemDecision");
export type ProblemDecisionInput = z.infer<typeof ProblemDecision>;

export const Rectification = z
  .object({
    rectification: Text("整改情况", 1000),
    evidence: Text("佐证材料", 500),
    date: DateStr("整改完成日期"),
  })
  .openapi("Rectification");
export type RectificationInput = z.infer<typeof Rectification>;

export const SignOff = z
  .object({
    decision: z.enum(["accept", "return"], "请选择：销号或退回重新整改"),
    note: Note,
  })
  .superRefine((v, ctx) => {
    if (v.decision === "return" && !v.note)
      ctx.addIssue({ code: "custom", path: ["note"], message: "退回重新整改须说明理由" });
  })
  .openapi("SignOff");
export type SignOffInput = z.infer<typeof SignOff>;

export const InspectionQuery = PageQuery.extend({
  kind: z.preprocess(blank, z.enum(INSPECTION_KINDS).optional()),
  targetKind: z.preprocess(blank, z.enum(TARGET_KINDS).optional()),
  year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()),
});
export const ProblemQuery = PageQuery.extend({
  status: z.preprocess(blank, z.enum(PROBLEM_STATUSES).optional()),
  overdue: z.preprocess(blank, z.enum(["1"]).optional()),
});

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31)
    .openapi({ param: { name: "id", in: "path" } }),
});

const TargetView = {
  targetKind: z.enum(TARGET_KINDS),
  targetKey: z.string(),
  targetName: z.string(),
  targetCadreId: z.number().int().nullable(),
  targetUnitId: z.number().int().nullable(),
  targetVillageId: z.number().int().nullable(),
  townshipCode: z.string().nullable(),
};

export const Problem = z
  .object({
    id: z.number().int(),
    inspectionId: z.number().int(),
    inspectionDate: z.string(),
    targetKind: z.enum(TARGET_KINDS),
    targetName: z.string(),
    description: z.string(),
    deadline: z.string(),
    status: z.enum(PROBLEM_STATUSES),
    decisionNote: z.string().nullable(),
    rectification: z.string().nullable(),
    evidence: z.string().nullable(),
    rectifiedBy: z.number().int().nullable(),
    rectifiedDate: z.string().nullable(),
    signedOffBy: z.number().int().nullable(),
    signOffNote: z.string().nullable(),
    overdue: z.boolean().openapi({ description: "过了整改时限仍未整改" }),
  })
  .openapi("Problem");

export const Inspection = z
  .object({
    id: z.number().int(),
    kind: z.enum(INSPECTION_KINDS),
    date: z.string(),
    groupName: z.string().nullable(),
    round: z.number().int().nullable(),
    ...TargetView,
    findings: z.string(),
    problemCount: z.number().int(),
    openCount: z.number().int(),
  })
  .openapi("Inspection");
export const InspectionDetail = Inspection.extend({ problems: z.array(Problem) }).openapi("InspectionDetail");
export const InspectionPage = z
  .object({ items: z.array(Inspection), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("InspectionPage");
export const ProblemPage = z
  .object({ items: z.array(Problem), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("ProblemPage");
