import { z } from "@hono/zod-openapi";
import { VILLAGE_TAGS } from "../../db/schema/tenant/places.ts";
import { PageQuery } from "../lib/paging.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const Name = z.string().trim().min(1, "请填写名称").max(60, "名称最多 60 个字");
/** Registered location in WGS-84 degrees (check-ins far from it are flagged); blank clears it on update. */
const Degrees = (what: string, max: number) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `${what}须为数字（度）` })
      .min(-max, `${what}须在 -${max} 到 ${max} 度之间`)
      .max(max, `${what}须在 -${max} 到 ${max} 度之间`)
      .nullable()
      .optional(),
  );
const bothOrNeither = (
  v: { latitude?: number | null | undefined; longitude?: number | null | undefined },
  ctx: z.RefinementCtx,
) => {
  if ((v.latitude == null) !== (v.longitude == null))
    ctx.addIssue({
      code: "custom",
      path: [v.latitude == null ? "latitude" : "longitude"],
      message: "经纬度须同时填写",
    });
};

export const CountyCreate = z.object({ code: z.string().trim(), name: Name }).openapi("CountyCreate");
export const TownshipCreate = z
  .object({ code: z.string().trim(), name: Name, countyCode: z.preprocess(blank, z.string().trim().optional()) })
  .openapi("TownshipCreate");
export const TownshipUpdate = z.object({ name: Name }).openapi("TownshipUpdate");

/** Tags arrive as an array (JSON) or as repeated/comma-separated form values. */
export const Tags = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : typeof v === "string" ? v.split(/[,，、\s]+/).filter(Boolean) : v),
  z.array(z.enum(VILLAGE_TAGS, "未知的村标签")).max(8),
);

export const VillageCreate = z
  .object({
    code: z.string().trim(),
    name: Name,
    tags: Tags.optional(),
    notes: z.preprocess(blank, z.string().trim().max(500).optional()),
    latitude: Degrees("纬度", 90),
    longitude: Degrees("经度", 180),
  })
  .superRefine(bothOrNeither)
  .openapi("VillageCreate");
export const VillageUpdate = z
  .object({
    name: Name.optional(),
    tags: Tags.optional(),
    notes: z.preprocess(blank, z.string().trim().max(500).nullable().optional()),
    latitude: Degrees("纬度", 90),
    longitude: Degrees("经度", 180),
  })
  .superRefine(bothOrNeither)
  .openapi("VillageUpdate");

export const IncomeBody = z
  .object({
    incomeFen: z
      .number({ error: "请填写金额（整数，单位：分）" })
      .int("金额必须是整数分")
      .min(0, "金额不能为负")
      .max(1e13),
  })
  .openapi("VillageIncome");
export const GroupCreate = z
  .object({ name: z.string().trim().min(1, "请填写小组名称").max(40) })
  .openapi("VillageGroupCreate");

export const VillageQuery = PageQuery.extend({
  townshipCode: z
    .string()
    .regex(/^\d{9}$/, "乡镇代码为 9 位数字")
    .optional(),
  tag: z.enum(VILLAGE_TAGS).optional(),
  q: z.string().trim().max(30).optional(),
});

export const CodeParam = (name: string, digits: number) =>
  z.object({
    code: z
      .string()
      .regex(new RegExp(`^\\d{${digits}}$`), `${name}代码为 ${digits} 位数字`)
      .openapi({ param: { name: "code", in: "path" } }),
  });
export const YearParam = z.object({
  code: z
    .string()
    .regex(/^\d{12}$/, "村代码为 12 位数字")
    .openapi({ param: { name: "code", in: "path" } }),
  year: z.coerce
    .number()
    .int()
    .min(2000, "年份不早于 2000")
    .max(2100)
    .openapi({ param: { name: "year", in: "path" } }),
});

export const County = z.object({ id: z.number().int(), code: z.string(), name: z.string() }).openapi("County");
export const Township = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    countyCode: z.string().nullable(),
    villageCount: z.number().int().optional(),
  })
  .openapi("Township");
export const IncomeEntry = z.object({ year: z.number().int(), incomeFen: z.number().int(), bracket: z.string() });
export const Village = z
  .object({
    id: z.number().int(),
    code: z.string(),
    name: z.string(),
    townshipCode: z.string(),
    townshipName: z.string().nullable(),
    tags: z.array(z.string()),
    notes: z.string().nullable(),
    latitude: z.number().nullable().openapi({ description: "村登记位置纬度（WGS-84）" }),
    longitude: z.number().nullable().openapi({ description: "村登记位置经度（WGS-84）" }),
    latestIncome: IncomeEntry.nullable(),
  })
  .openapi("Village");
export const VillageDetail = Village.extend({
  groups: z.array(z.object({ id: z.number().int(), name: z.string() })),
  incomes: z.array(IncomeEntry),
}).openapi("VillageDetail");
export const VillagePage = z
  .object({ items: z.array(Village), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("VillagePage");
