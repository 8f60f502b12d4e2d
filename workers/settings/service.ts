import { inArray, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { settings } from "../../db/schema/tenant/pairings.ts";
import { AuditedWrite } from "../domain/audited-write.ts";

/**
 * Tenant settings the seeds make configurable. Each has a default (used until the tenant saves
 * its own value) and a range; values are stored as decimal text in the key/value `settings` table.
 * Their zh-CN names and units are SETTING_LABELS in web/i18n/zh-CN.ts.
 */
export const SETTING_DEFS = {
  /** 驻村工作队 at least 3–5 resident members (seed 000). */
  minResidentMembers: { default: 3, min: 1, max: 20 },
  /** Households one cadre may be responsible for (帮扶责任人). */
  householdCapPerCadre: { default: 5, min: 1, max: 100 },
  /** A cadre with no visit in this many days shows up in the coverage report. */
  visitGapDays: { default: 30, min: 1, max: 365 },
  /** Maker-checker for payments: 1 = the approver of a batch may not also register its payment. */
  batchesSeparatePayer: { default: 1, min: 0, max: 1 },
} as const satisfies Record<string, SettingLimits>;

/** A setting's default and allowed range (whole numbers). */
export interface SettingLimits {
  default: number;
  min: number;
  max: number;
}
export type SettingKey = keyof typeof SETTING_DEFS;
export type Settings = Record<SettingKey, number>;
export const SETTING_KEYS = Object.keys(SETTING_DEFS) as SettingKey[];

function parseValue(key: SettingKey, raw: string | undefined): number {
  const def = SETTING_DEFS[key];
  const n = raw === undefined ? NaN : Number(raw);
  return Number.isInteger(n) && n >= def.min && n <= def.max ? n : def.default;
}

/** The tenant's settings, defaults filled in. Cheap (one small query); call it where a rule needs one. */
export async function getSettings(ctx: ServiceContext): Promise<Settings> {
  const rows = await ctx.db
    .select({ key: settings.key, value: settings.value })
    .from(settings)
    .where(inArray(settings.key, SETTING_KEYS))
    .all();
  const stored = new Map(rows.map((r) => [r.key, r.value]));
  return Object.fromEntries(SETTING_KEYS.map((k) => [k, parseValue(k, stored.get(k))])) as Settings;
}

/** Saves the given settings (others unchanged), audited as one entry. */
export async function updateSettings(ctx: ServiceContext, input: Partial<Settings>): Promise<Settings> {
  const before = await getSettings(ctx);
  const changed = SETTING_KEYS.filter((k) => input[k] !== undefined && input[k] !== before[k]);
  if (changed.length === 0) return before;
  const w = new AuditedWrite(ctx);
  for (const k of changed) {
    const value = String(input[k]);
    w.add(
      ctx.db
        .insert(settings)
        .values({ key: k, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`unixepoch()` } }),
    );
  }
  await w
    .audit({
      action: "settings.update",
      entity: "settings",
      entityId: "tenant",
      before: Object.fromEntries(changed.map((k) => [k, before[k]])),
      after: Object.fromEntries(changed.map((k) => [k, input[k]])),
    })
    .commit();
  return getSettings(ctx);
}
