import { z } from "@hono/zod-openapi";

/** What the pickers send: the text typed so far and how many candidates to return (≤ 20). */
export const LookupQuery = z.object({
  q: z
    .string()
    .trim()
    .min(1, "请输入要查找的名称或代码")
    .max(40, "查找内容最多 40 个字")
    .openapi({ description: "名称的一部分、代码（或其开头）、编号，或身份证号后四位（农户）", example: "东山" }),
  limit: z.coerce
    .number("数量须是数字")
    .int("数量须是整数")
    .min(1, "数量至少为 1")
    .max(20, "一次最多 20 条")
    .default(10)
    .openapi({ description: "最多返回几条（1–20，默认 10）" }),
});

/**
 * Village cadres can be narrowed to what a pay program pays: a program with post rates pays only
 * the posts it rates, so its batch's picker lists only those (the service refuses the others).
 */
export const VillageOfficialLookupQuery = LookupQuery.extend({
  programId: z.coerce
    .number("项目编号须是数字")
    .int("项目编号须是整数")
    .positive("项目编号须是正整数")
    .optional()
    .openapi({ description: "只列出该资金项目设有岗位标准的岗位上的村干部（项目未设标准时不限）", example: 12 }),
});

/** One candidate: `value` is what the form field takes (a village code, a record id). */
export const LookupItem = z
  .object({
    value: z.string().openapi({ description: "填入表单的值：村为 12 位区划代码，其余为编号", example: "510112001001" }),
    label: z.string().openapi({ description: "显示名称", example: "东山村" }),
    detail: z.string().openapi({ description: "区分同名者的说明（所属乡镇、村、单位）", example: "龙泉街道" }),
  })
  .openapi("LookupItem");

export const LookupResult = z.object({ items: z.array(LookupItem) }).openapi("LookupResult");
export type LookupItemView = z.infer<typeof LookupItem>;
