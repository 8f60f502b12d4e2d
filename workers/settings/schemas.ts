import { VILLAGE_TAGS } from "../../db/schema/tenant/places.ts";
import { z } from "@hono/zod-openapi";
import { SETTING_DEFS } from "./service.ts";
import { SETTING_LABELS } from "../../web/i18n/zh-CN.ts";

const num = (key: keyof typeof SETTING_DEFS) => {
  const d = { ...SETTING_DEFS[key], ...SETTING_LABELS[key] };
  return z.coerce
    .number({ error: `${d.label}须为整数` })
    .int(`${d.label}须为整数`)
    .min(d.min, `${d.label}不能小于 ${d.min}`)
    .max(d.max, `${d.label}不能大于 ${d.max}`)
    .openapi({ description: `${d.label}（${d.unit}），默认 ${d.default}` });
};

export const Settings = z
  .object({
    minResidentMembers: z.number().int(),
    householdCapPerCadre: z.number().int(),
    visitGapDays: z.number().int(),
    absenceGapDays: z.number().int(),
    batchesSeparatePayer: z.number().int(),
  })
  .openapi("Settings");

export const SettingsUpdate = z
  .object({
    minResidentMembers: num("minResidentMembers").optional(),
    householdCapPerCadre: num("householdCapPerCadre").optional(),
    visitGapDays: num("visitGapDays").optional(),
    absenceGapDays: num("absenceGapDays").optional(),
    batchesSeparatePayer: num("batchesSeparatePayer").optional(),
  })
  .openapi("SettingsUpdate");

export const PublicVillageTags = z
  .object({
    tags: z
      .array(z.enum(VILLAGE_TAGS, "未知的村类别"))
      .max(VILLAGE_TAGS.length)
      .openapi({ description: "公开页面和开放数据中显示的村类别；未列出的为内部标记，只在管理端显示" }),
  })
  .openapi("PublicVillageTags");
