import { z } from "@hono/zod-openapi";
import { MEASURE_STATUSES, type SIX_GOALS } from "../../db/schema/tenant/supervision.ts";
import { isValidDate } from "../lib/dates.ts";
import { PageQuery } from "../lib/paging.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
export const DateStr = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .refine(isValidDate, `${what}应为有效日期，格式 YYYY-MM-DD`);
const Text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}最多 ${max} 个字`);
const Year = z.coerce
  .number({ error: "年度应为四位年份" })
  .int("年度应为四位年份")
  .min(2000, "年度应在 2000–2100 之间")
  .max(2100, "年度应在 2000–2100 之间");
const Id = (message: string) =>
  z.coerce
    .number({ error: message })
    .int(message)
    .positive(message)
    .max(2 ** 31, message);

/** The village's target under each 六有 goal; a goal left out has no target text. */
const GoalText = z.string().trim().max(300, "每项目标最多 300 个字").optional();
export const Goals = z
  .object({
    leadership: GoalText,
    backbone_team: GoalText,
    service_venue: GoalText,
    service_carriers: GoalText,
    institutions: GoalText,
    satisfaction: GoalText,
  } satisfies Record<(typeof SIX_GOALS)[number], typeof GoalText>)
  .strict()
  .openapi("SixGoals");

export const LetterCreate = z
  .object({
    unitId: Id("请选择派出单位"),
    villageCode: z
      .string({ error: "请填写村级区划代码" })
      .trim()
      .regex(/^\d{12}$/, "村级区划代码为 12 位数字"),
    termStartYear: Year,
    signedDate: DateStr("签订日期"),
    termGoal: Text("三年帮扶目标", 2000),
    goals: Goals.default({}),
  })
  .superRefine((v, ctx) => {
    // Signed before or in the first year of the term, not after it ends.
    if (Number(v.signedDate.slice(0, 4)) > v.termStartYear + 2)
      ctx.addIssue({ code: "custom", path: ["signedDate"], message: "签订日期不能晚于责任期" });
  })
  .openapi("LetterCreate");
export type LetterCreateInput = z.infer<typeof LetterCreate>;

export const LetterUpdate = z
  .object({
    termGoal: Text("三年帮扶目标", 2000).optional(),
    goals: Goals.optional(),
    signedDate: DateStr("签订日期").optional(),
  })
  .openapi("LetterUpdate");
export type LetterUpdateInput = z.infer<typeof LetterUpdate>;

export const MeasureCreate = z
  .object({
    year: Year,
    title: Text("措施内容", 200),
    owner: Text("责任人", 40),
    dueDate: DateStr("完成时限"),
  })
  .openapi("MeasureCreate");
export type MeasureCreateInput = z.infer<typeof MeasureCreate>;

export const MeasureUpdate = z
  .object({
    status: z.enum(MEASURE_STATUSES, "请选择进度状态"),
    progress: z.preprocess(blank, z.string().trim().max(500, "进展说明最多 500 个字").optional()),
    evidence: z.preprocess(blank, z.string().trim().max(500, "佐证材料说明最多 500 个字").optional()),
    completedDate: z.preprocess(blank, DateStr("完成日期").optional()),
  })
  .superRefine((v, ctx) => {
    if (v.status === "completed" && !v.evidence)
      ctx.addIssue({ code: "custom", path: ["evidence"], message: "标记完成须填写佐证材料" });
    if (v.status === "completed" && !v.completedDate)
      ctx.addIssue({ code: "custom", path: ["completedDate"], message: "标记完成须填写完成日期" });
  })
  .openapi("MeasureUpdate");
export type MeasureUpdateInput = z.infer<typeof MeasureUpdate>;

export const LetterQuery = PageQuery.extend({
  villageCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{12}$/, "村级区划代码为 12 位数字")
      .optional(),
  ),
  unitId: z.preprocess(blank, Id("单位编号无效").optional()),
});

export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .max(2 ** 31)
    .openapi({ param: { name: "id", in: "path" } }),
});

export const Measure = z
  .object({
    id: z.number().int(),
    letterId: z.number().int(),
    year: z.number().int(),
    title: z.string(),
    owner: z.string(),
    dueDate: z.string(),
    status: z.enum(MEASURE_STATUSES),
    progress: z.string().nullable(),
    evidence: z.string().nullable(),
    completedDate: z.string().nullable(),
    overdue: z.boolean().openapi({ description: "过了完成时限仍未完成" }),
  })
  .openapi("Measure");

export const Letter = z
  .object({
    id: z.number().int(),
    unitId: z.number().int(),
    unitName: z.string(),
    villageId: z.number().int(),
    villageCode: z.string(),
    villageName: z.string(),
    townshipCode: z.string(),
    termStartYear: z.number().int(),
    termEndYear: z.number().int(),
    signedDate: z.string(),
    termGoal: z.string(),
    goals: z.record(z.string(), z.string()),
    scan: z.object({ name: z.string(), type: z.string(), bytes: z.number().int(), sha256: z.string() }).nullable(),
    measureCount: z.number().int(),
    completedCount: z.number().int(),
  })
  .openapi("Letter");
export const LetterDetail = Letter.extend({ measures: z.array(Measure) }).openapi("LetterDetail");
export const LetterPage = z
  .object({ items: z.array(Letter), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("LetterPage");
