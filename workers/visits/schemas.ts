import { z } from "@hono/zod-openapi";
import { HELP_KINDS, VISIT_OCCASIONS } from "../../db/schema/tenant/pairings.ts";
import { PageQuery } from "../lib/paging.ts";
import { DateStr, Id } from "../pairings/schemas.ts";
import { HELP_KIND_LABELS, VISIT_OCCASION_LABELS } from "../../web/i18n/zh-CN.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

/** Help kinds arrive as an array (JSON) or as repeated / comma-separated form values. */
const Help = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : typeof v === "string" ? v.split(/[,，、\s]+/).filter(Boolean) : v),
  z.array(z.enum(HELP_KINDS, `帮扶内容只能是：${Object.values(HELP_KIND_LABELS).join("、")}`)).max(6),
);

export const VisitCreate = z
  .object({
    cadreId: Id("干部").optional().openapi({ description: "走访干部；干部本人登记时可省略（即本人）" }),
    householdId: Id("农户").optional(),
    villageId: Id("村").optional(),
    visitDate: DateStr("走访日期"),
    occasion: z.enum(VISIT_OCCASIONS, `请选择走访情形：${Object.values(VISIT_OCCASION_LABELS).join("、")}`),
    help: Help.optional(),
    notes: z.string({ error: "请填写走访情况" }).trim().min(1, "请填写走访情况").max(2000, "走访情况最多 2000 个字"),
    followUpDate: z.preprocess(blank, DateStr("下次跟进日期").optional()),
  })
  .superRefine((v, ctx) => {
    if (v.householdId === undefined && v.villageId === undefined)
      ctx.addIssue({ code: "custom", path: ["householdId"], message: "请选择走访的农户或村" });
    if (v.householdId !== undefined && v.villageId !== undefined)
      ctx.addIssue({ code: "custom", path: ["villageId"], message: "走访农户时不必再选村（按该户所在村记录）" });
    if (v.followUpDate && v.followUpDate < v.visitDate)
      ctx.addIssue({ code: "custom", path: ["followUpDate"], message: "下次跟进日期不能早于走访日期" });
  })
  .openapi("VisitCreate");
export type VisitCreateInput = z.infer<typeof VisitCreate>;

export const VisitFilter = z.object({
  cadreId: Id("干部").optional(),
  householdId: Id("农户").optional(),
  villageId: Id("村").optional(),
  from: z.preprocess(blank, DateStr("起始日期").optional()),
  to: z.preprocess(blank, DateStr("截止日期").optional()),
});
export type VisitFilterInput = z.infer<typeof VisitFilter>;
export const VisitQuery = PageQuery.extend(VisitFilter.shape);

export const Visit = z
  .object({
    id: z.number().int(),
    cadreId: z.number().int(),
    cadreName: z.string().nullable(),
    villageId: z.number().int(),
    villageCode: z.string().nullable(),
    villageName: z.string().nullable(),
    householdId: z.number().int().nullable(),
    householdHeadName: z.string().nullable(),
    visitDate: z.string(),
    occasion: z.enum(VISIT_OCCASIONS),
    help: z.array(z.enum(HELP_KINDS)),
    notes: z.string(),
    followUpDate: z.string().nullable(),
  })
  .openapi("Visit");
export const VisitPage = z
  .object({ items: z.array(Visit), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("VisitPage");
