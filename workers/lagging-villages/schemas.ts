import { z } from "@hono/zod-openapi";
import {
  DISPATCH_ROLES,
  LAGGING_INDICATORS,
  RECTIFICATION_CATEGORIES,
  RECTIFICATION_MEASURE_STATUSES,
  RECTIFICATION_STATUSES,
} from "../../db/schema/tenant/lagging.ts";
import { DateStr } from "../letters/schemas.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const Text = (what: string, max: number) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .min(1, `请填写${what}`)
    .max(max, `${what}最多 ${max} 个字`);
export const Year = z.coerce
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

/** `income,problems` in a query or a form: the indicators the county ranks by (all when left out). */
export const Indicators = z.preprocess(
  (v) => (typeof v === "string" ? (v === "" ? undefined : v.split(",")) : v),
  z
    .array(z.enum(LAGGING_INDICATORS, "指标应为：集体经济收入、督查问题、评议满意率、走访覆盖率"))
    .min(1, "至少选择一项排名指标")
    .max(LAGGING_INDICATORS.length)
    .default([...LAGGING_INDICATORS]),
);

export const RankingQuery = z.object({ year: Year, indicators: Indicators });
export type RankingQueryInput = z.infer<typeof RankingQuery>;

export const RankingRow = z
  .object({
    villageId: z.number().int(),
    villageCode: z.string(),
    villageName: z.string(),
    townshipCode: z.string(),
    townshipName: z.string(),
    incomeFen: z.number().int().nullable(),
    openProblems: z.number().int(),
    satisfactionPermille: z.number().int().nullable(),
    coveragePermille: z.number().int().nullable(),
    score: z.number().int(),
    suggested: z.boolean(),
    rectificationId: z.number().int().nullable(),
  })
  .openapi("LaggingRankingRow");
export const Ranking = z
  .object({
    year: z.number().int(),
    indicators: z.array(z.enum(LAGGING_INDICATORS)),
    villages: z.number().int(),
    suggestedCount: z.number().int(),
    listedCount: z.number().int(),
    rows: z.array(RankingRow),
  })
  .openapi("LaggingRanking");

export const RectificationConfirm = z
  .object({
    year: Year,
    category: z.enum(RECTIFICATION_CATEGORIES, "请选择：后进村或软弱涣散村党组织"),
    villageIds: z.preprocess(
      (v) => (typeof v === "string" ? [v] : v),
      z
        .array(Id("村编号无效"), { error: "请选择要确定整顿的村" })
        .min(1, "请至少选择一个村")
        .max(100, "一次最多确定 100 个村"),
    ),
    indicators: Indicators,
    note: z.preprocess(blank, z.string().trim().max(500, "说明最多 500 个字").optional()),
    /** Listing more than the usual ~10 % is allowed only when the county says so explicitly. */
    acceptOverShare: z.preprocess((v) => v === "on" || v === "true" || v === true, z.boolean()).default(false),
  })
  .superRefine((v, ctx) => {
    if (new Set(v.villageIds).size !== v.villageIds.length)
      ctx.addIssue({ code: "custom", path: ["villageIds"], message: "同一个村选了两次" });
  })
  .openapi("RectificationConfirm");
export type RectificationConfirmInput = z.infer<typeof RectificationConfirm>;

export const RectificationMeasureCreate = z
  .object({ title: Text("整顿措施", 200), owner: Text("责任人", 40), dueDate: DateStr("完成时限") })
  .openapi("RectificationMeasureCreate");
export type RectificationMeasureCreateInput = z.infer<typeof RectificationMeasureCreate>;

export const RectificationMeasureUpdate = z
  .object({
    status: z.enum(RECTIFICATION_MEASURE_STATUSES, "请选择进度状态"),
    evidence: z.preprocess(blank, z.string().trim().max(500, "佐证材料说明最多 500 个字").optional()),
    completedDate: z.preprocess(blank, DateStr("完成日期").optional()),
  })
  .superRefine((v, ctx) => {
    if (v.status === "completed" && !v.evidence)
      ctx.addIssue({ code: "custom", path: ["evidence"], message: "标记完成须填写佐证材料" });
    if (v.status === "completed" && !v.completedDate)
      ctx.addIssue({ code: "custom", path: ["completedDate"], message: "标记完成须填写完成日期" });
  })
  .openapi("RectificationMeasureUpdate");
export type RectificationMeasureUpdateInput = z.infer<typeof RectificationMeasureUpdate>;

export const RectificationDispatch = z
  .object({
    cadreId: Id("请选择选派的干部"),
    role: z.enum(DISPATCH_ROLES, "请选择：第一书记或指导员"),
    date: DateStr("选派日期"),
  })
  .openapi("RectificationDispatch");
export type RectificationDispatchInput = z.infer<typeof RectificationDispatch>;

export const ExitRequest = z.object({ note: Text("销号说明", 1000) }).openapi("RectificationExitRequest");
export type ExitRequestInput = z.infer<typeof ExitRequest>;

export const RectificationQuery = z.object({
  year: z.preprocess(blank, Year.optional()),
  status: z.preprocess(blank, z.enum(RECTIFICATION_STATUSES, "状态无效").optional()),
});
export type RectificationQueryInput = z.infer<typeof RectificationQuery>;

export const IdParam = z.object({ id: Id("编号无效").openapi({ param: { name: "id", in: "path" } }) });
export const MeasureParam = z.object({
  id: Id("编号无效").openapi({ param: { name: "id", in: "path" } }),
  measureId: Id("编号无效").openapi({ param: { name: "measureId", in: "path" } }),
});

const Measure = z
  .object({
    id: z.number().int(),
    title: z.string(),
    owner: z.string(),
    dueDate: z.string(),
    status: z.enum(RECTIFICATION_MEASURE_STATUSES),
    evidence: z.string().nullable(),
    completedDate: z.string().nullable(),
    overdue: z.boolean(),
  })
  .openapi("RectificationMeasure");

export const Rectification = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    villageId: z.number().int(),
    villageName: z.string(),
    villageCode: z.string(),
    townshipCode: z.string(),
    townshipName: z.string(),
    category: z.enum(RECTIFICATION_CATEGORIES),
    score: z.number().int().nullable(),
    reason: z.string(),
    status: z.enum(RECTIFICATION_STATUSES),
    dispatchedCadreId: z.number().int().nullable(),
    dispatchedCadreName: z.string().nullable(),
    dispatchRole: z.enum(DISPATCH_ROLES).nullable(),
    dispatchDate: z.string().nullable(),
    /** The assignment the dispatch started, and its status now (active until ended or replaced). */
    dispatchedAssignmentId: z.number().int().nullable(),
    dispatchedAssignmentStatus: z.string().nullable(),
    exitNote: z.string().nullable(),
    exitRequestedBy: z.number().int().nullable(),
    exitRequestedByName: z.string().nullable(),
    exitConfirmedByName: z.string().nullable(),
    measuresTotal: z.number().int(),
    measuresDone: z.number().int(),
    measures: z.array(Measure),
  })
  .openapi("Rectification");
export const RectificationList = z
  .object({
    year: z.number().int(),
    villages: z.number().int(),
    listed: z.number().int(),
    sharePermille: z.number().int(),
    items: z.array(Rectification.omit({ measures: true })),
  })
  .openapi("RectificationList");
export const ConfirmResult = z
  .object({
    created: z.number().int(),
    listed: z.number().int(),
    villages: z.number().int(),
    sharePermille: z.number().int(),
  })
  .openapi("RectificationConfirmResult");
