import { z } from "@hono/zod-openapi";
import { UNIT_KINDS, UNIT_LEVELS } from "../../db/schema/tenant/people.ts";
import { PageQuery } from "../lib/paging.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const blankNull = (v: unknown) => (v === "" ? null : v);

export const UnitName = z.string().trim().min(1, "请填写单位名称").max(80, "单位名称最多 80 个字");
export const UnitKind = z.enum(UNIT_KINDS, "请选择单位类别");
export const UnitLevel = z.enum(UNIT_LEVELS, "请选择单位层级");
const Contact = z.string().trim().max(120, "联系方式最多 120 个字");

export const UnitCreate = z
  .object({ name: UnitName, kind: UnitKind, level: UnitLevel, contact: z.preprocess(blank, Contact.optional()) })
  .openapi("UnitCreate");
export const UnitUpdate = z
  .object({
    name: UnitName.optional(),
    kind: UnitKind.optional(),
    level: UnitLevel.optional(),
    contact: z.preprocess(blankNull, Contact.nullable().optional()),
  })
  .openapi("UnitUpdate");

export const UnitFilter = z.object({
  kind: z.preprocess(blank, UnitKind.optional()),
  level: z.preprocess(blank, UnitLevel.optional()),
  q: z.preprocess(blank, z.string().trim().max(40).optional()),
});
export const UnitQuery = PageQuery.extend(UnitFilter.shape);

export const IdParam = (what: string) =>
  z.object({
    id: z.coerce
      .number({ error: `无效的${what}编号` })
      .int(`无效的${what}编号`)
      .positive(`无效的${what}编号`)
      .max(2 ** 53)
      .openapi({ param: { name: "id", in: "path" } }),
  });

export const Unit = z
  .object({
    id: z.number().int(),
    name: z.string(),
    kind: UnitKind,
    level: UnitLevel,
    contact: z.string().nullable(),
    cadreCount: z.number().int(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi("Unit");
export const UnitPage = z
  .object({ items: z.array(Unit), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("UnitPage");

export type UnitCreateInput = z.infer<typeof UnitCreate>;
export type UnitUpdateInput = z.infer<typeof UnitUpdate>;
export type UnitFilterInput = z.infer<typeof UnitFilter>;
