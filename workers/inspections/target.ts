import { and, eq, sql, type SQL } from "drizzle-orm";
import { z } from "@hono/zod-openapi";
import type { ServiceContext } from "../domain/service-context.ts";
import { TARGET_KINDS, type TargetKind } from "../../db/schema/tenant/supervision.ts";
import { assignments, cadres, units } from "../../db/schema/tenant/people.ts";
import { townships, villages } from "../../db/schema/tenant/places.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { scopeOf, villageCondition } from "../domain/scope.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);

/**
 * Who is inspected or escalated, as the API and the forms name it: the kind, and the one field
 * that kind needs (a cadre or unit by id, a township by code, a village or its resident team by
 * village code).
 */
export const TargetFields = {
  targetKind: z.enum(TARGET_KINDS, "请选择督查对象类别"),
  cadreId: z.preprocess(
    blank,
    z.coerce
      .number({ error: "干部编号无效" })
      .int("干部编号无效")
      .positive("干部编号无效")
      .max(2 ** 31)
      .optional(),
  ),
  unitId: z.preprocess(
    blank,
    z.coerce
      .number({ error: "单位编号无效" })
      .int("单位编号无效")
      .positive("单位编号无效")
      .max(2 ** 31)
      .optional(),
  ),
  townshipCode: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^\d{9}$/, "乡镇代码为 9 位数字")
      .optional(),
  ),
  villageCode: z.preprocess(
    blank,
    z
      .string()
      .trim()
      .regex(/^\d{12}$/, "村级区划代码为 12 位数字")
      .optional(),
  ),
};
export type TargetInput = {
  targetKind: TargetKind;
  cadreId?: number | undefined;
  unitId?: number | undefined;
  townshipCode?: string | undefined;
  villageCode?: string | undefined;
};

/** The field each kind requires. */
export const TARGET_FIELD: Record<TargetKind, keyof TargetInput> = {
  cadre: "cadreId",
  team: "villageCode",
  village: "villageCode",
  township: "townshipCode",
  unit: "unitId",
};

export function checkTarget(v: TargetInput, ctx: z.RefinementCtx) {
  const field = TARGET_FIELD[v.targetKind];
  if (v[field] === undefined)
    ctx.addIssue({ code: "custom", path: [field], message: `请填写督查对象（${TARGET_PROMPT[v.targetKind]}）` });
}
const TARGET_PROMPT: Record<TargetKind, string> = {
  cadre: "干部编号",
  team: "驻村工作队所在村的代码",
  village: "村代码",
  township: "乡镇代码",
  unit: "帮扶单位",
};

/** A resolved target: the columns `inspections` and `escalations` share. */
export interface Target {
  targetKind: TargetKind;
  targetKey: string;
  targetCadreId: number | null;
  targetUnitId: number | null;
  targetVillageId: number | null;
  townshipCode: string | null;
  name: string;
}

const notFound = (field: string, message: string) =>
  new AppError("validation_failed", message, { fields: [{ field, message }] });

/**
 * Resolves a target inside the user's scope. A township officer may name only targets in their
 * township (a unit belongs to no township: the county's); out of scope reads as unknown.
 */
export async function resolveTarget(ctx: ServiceContext, t: TargetInput): Promise<Target> {
  const scope = scopeOf(ctx.user!);
  const village = async () => {
    const v = await ctx.db
      .select({ id: villages.id, name: villages.name, townshipCode: villages.townshipCode })
      .from(villages)
      .where(and(eq(villages.code, t.villageCode ?? ""), villageCondition(scope)))
      .get();
    if (!v) throw notFound("villageCode", "没有这个村，或不在您的管辖范围内");
    return v;
  };
  let target: Target;
  switch (t.targetKind) {
    case "cadre": {
      const c = await ctx.db
        .select({ id: cadres.id, name: cadres.name })
        .from(cadres)
        .where(eq(cadres.id, t.cadreId ?? 0))
        .get();
      if (!c) throw notFound("cadreId", "没有这个干部");
      // The township that oversees a cadre is that of the village they are resident in now.
      const post = t.villageCode
        ? await village()
        : await ctx.db
            .select({ id: villages.id, name: villages.name, townshipCode: villages.townshipCode })
            .from(assignments)
            .innerJoin(villages, eq(villages.id, assignments.villageId))
            .where(and(eq(assignments.cadreId, c.id), eq(assignments.status, "active")))
            .orderBy(assignments.id)
            .get();
      target = {
        targetKind: "cadre",
        targetKey: `cadre:${c.id}`,
        targetCadreId: c.id,
        targetUnitId: null,
        targetVillageId: post?.id ?? null,
        townshipCode: post?.townshipCode ?? null,
        name: c.name,
      };
      break;
    }
    case "team":
    case "village": {
      const v = await village();
      target = {
        targetKind: t.targetKind,
        targetKey: `${t.targetKind}:${v.id}`,
        targetCadreId: null,
        targetUnitId: null,
        targetVillageId: v.id,
        townshipCode: v.townshipCode,
        name: t.targetKind === "team" ? `${v.name}驻村工作队` : v.name,
      };
      break;
    }
    case "township": {
      const tw = await ctx.db
        .select({ code: townships.code, name: townships.name })
        .from(townships)
        .where(eq(townships.code, t.townshipCode ?? ""))
        .get();
      if (!tw) throw notFound("townshipCode", "没有这个乡镇");
      target = {
        targetKind: "township",
        targetKey: `township:${tw.code}`,
        targetCadreId: null,
        targetUnitId: null,
        targetVillageId: null,
        townshipCode: tw.code,
        name: tw.name,
      };
      break;
    }
    case "unit": {
      const u = await ctx.db
        .select({ id: units.id, name: units.name })
        .from(units)
        .where(eq(units.id, t.unitId ?? 0))
        .get();
      if (!u) throw notFound("unitId", "没有这个帮扶单位");
      target = {
        targetKind: "unit",
        targetKey: `unit:${u.id}`,
        targetCadreId: null,
        targetUnitId: u.id,
        targetVillageId: null,
        townshipCode: null,
        name: u.name,
      };
      break;
    }
  }
  if (scope.kind === "township" && target.townshipCode !== scope.townshipCode)
    throw notFound(TARGET_FIELD[t.targetKind], "该对象不在您的管辖范围内（帮扶单位和其他乡镇由县级督查）");
  return target;
}

/** The columns of a table carrying a target (inspections, escalations), for the scope condition. */
interface TargetTable {
  townshipCode: { getSQL(): SQL };
  targetCadreId: { getSQL(): SQL };
  targetKind: { getSQL(): SQL };
  targetVillageId: { getSQL(): SQL };
}

/**
 * Who sees a supervision record: the county and auditors all; a township officer their
 * township's; a cadre only records about themselves or about the resident team they serve on.
 */
export function targetScope(ctx: ServiceContext, t: TargetTable): SQL | undefined {
  const scope = scopeOf(ctx.user!);
  switch (scope.kind) {
    case "all":
      return undefined;
    case "township":
      return sql`${t.townshipCode} = ${scope.townshipCode}`;
    case "cadre":
      return scope.cadreId == null
        ? sql`0`
        : sql`(${t.targetCadreId} = ${scope.cadreId} OR (${t.targetKind} = 'team' AND ${t.targetVillageId} IN (SELECT village_id FROM assignments WHERE cadre_id = ${scope.cadreId} AND status = 'active')))`;
  }
}

/** The target's display name, computed in SQL for lists. */
export function targetNameSql(t: TargetTable & { targetUnitId: { getSQL(): SQL } }): SQL<string> {
  return sql<string>`CASE ${t.targetKind}
    WHEN 'cadre' THEN (SELECT name FROM cadres WHERE id = ${t.targetCadreId})
    WHEN 'unit' THEN (SELECT name FROM units WHERE id = ${t.targetUnitId})
    WHEN 'township' THEN (SELECT name FROM townships WHERE code = ${t.townshipCode})
    WHEN 'team' THEN (SELECT name || '驻村工作队' FROM villages WHERE id = ${t.targetVillageId})
    ELSE (SELECT name FROM villages WHERE id = ${t.targetVillageId}) END`;
}

/** A target key as links carry it (`cadre:12`, `team:45` …) → the fields the API takes; null if unknown. */
export async function targetInputOfKey(ctx: ServiceContext, key: string): Promise<TargetInput | null> {
  const m = /^(cadre|team|unit|township|village):(\d{1,12})$/.exec(key);
  if (!m) return null;
  const kind = m[1] as TargetKind;
  const ref = m[2]!;
  if (kind === "cadre") return { targetKind: kind, cadreId: Number(ref) };
  if (kind === "unit") return { targetKind: kind, unitId: Number(ref) };
  if (kind === "township") return { targetKind: kind, townshipCode: ref };
  const v = await ctx.db
    .select({ code: villages.code })
    .from(villages)
    .where(eq(villages.id, Number(ref)))
    .get();
  return v ? { targetKind: kind, villageCode: v.code } : null;
}
