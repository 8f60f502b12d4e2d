import { z } from "@hono/zod-openapi";
import { PROJECT_STATUSES } from "../../db/schema/tenant/disclosure.ts";
import { FUND_SOURCES } from "../../db/schema/tenant/money.ts";
import { isValidDate } from "../lib/dates.ts";
import { PageQuery } from "../lib/paging.ts";

const Fen = z
  .number({ error: "金额须为整数（单位：分）" })
  .int("金额须为整数（单位：分）")
  .min(0, "金额不能为负")
  .max(1e13, "金额过大");
const DateStr = z.string().refine(isValidDate, "日期格式为 YYYY-MM-DD");
const VillageCode = z.string().regex(/^\d{12}$/, "请选择村（12 位村代码）");

const fields = {
  name: z.string().trim().min(1, "请填写项目名称").max(80, "项目名称最多 80 个字"),
  description: z.string().trim().max(1000, "说明最多 1000 个字").nullable().optional(),
  fundSource: z.enum(FUND_SOURCES, "请选择资金来源"),
  budgetFen: Fen,
  spentFen: Fen.optional(),
  status: z.enum(PROJECT_STATUSES, "请选择项目状态").optional(),
  startDate: DateStr.nullable().optional(),
  endDate: DateStr.nullable().optional(),
};

function checkProject(
  v: {
    budgetFen?: number | undefined;
    spentFen?: number | undefined;
    startDate?: string | null | undefined;
    endDate?: string | null | undefined;
  },
  ctx: z.RefinementCtx,
) {
  if (v.budgetFen !== undefined && v.spentFen !== undefined && v.spentFen > v.budgetFen)
    ctx.addIssue({ code: "custom", path: ["spentFen"], message: "已支出不能超过预算；超支请先调整预算" });
  if (v.startDate && v.endDate && v.endDate < v.startDate)
    ctx.addIssue({ code: "custom", path: ["endDate"], message: "结束日期不能早于开始日期" });
}

export const ProjectCreate = z
  .object({ villageCode: VillageCode, ...fields })
  .superRefine(checkProject)
  .openapi("ProjectCreate");
export const ProjectUpdate = z
  .object({
    name: fields.name.optional(),
    description: fields.description,
    fundSource: fields.fundSource.optional(),
    budgetFen: Fen.optional(),
    spentFen: Fen.optional(),
    status: fields.status,
    startDate: fields.startDate,
    endDate: fields.endDate,
  })
  .superRefine(checkProject)
  .openapi("ProjectUpdate");
export type ProjectUpdateInput = z.infer<typeof ProjectUpdate>;

export const ProjectQuery = PageQuery.extend({
  villageCode: VillageCode.optional(),
  status: z.enum(PROJECT_STATUSES).optional(),
});
export const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" } }),
});

export const Project = z
  .object({
    id: z.number().int(),
    villageId: z.number().int(),
    villageCode: z.string(),
    villageName: z.string(),
    name: z.string(),
    description: z.string().nullable(),
    fundSource: z.enum(FUND_SOURCES),
    budgetFen: z.number().int(),
    spentFen: z.number().int(),
    status: z.enum(PROJECT_STATUSES),
    startDate: z.string().nullable(),
    endDate: z.string().nullable(),
  })
  .openapi("Project");
export const ProjectPage = z
  .object({ items: z.array(Project), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("ProjectPage");
