import { eq, inArray, sql } from "drizzle-orm";
import { VILLAGE_TAGS, type VillageTag } from "../../db/schema/tenant/places.ts";
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
  /** A resident cadre with no check-in for this many days (and no approved leave) shows as 长期不在岗 (seed 001). */
  absenceGapDays: { default: 7, min: 1, max: 90 },
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

/**
 * Which village tags villagers see on public pages and open data. 贫困村/深度贫困村 are public
 * designations and 示范村 an honour; the others (软弱涣散村, 后进村, 矛盾问题村, 经济发展滞后村,
 * 集体经济空壳村) stigmatise the villagers themselves and are internal unless the tenant decides
 * otherwise. Stored as a JSON array under its own key in the same `settings` table.
 */
export const DEFAULT_PUBLIC_VILLAGE_TAGS: readonly VillageTag[] = ["poor", "deeply_poor", "model"];
const PUBLIC_TAGS_KEY = "publicVillageTags";

export async function getPublicVillageTags(ctx: ServiceContext): Promise<VillageTag[]> {
  const row = await ctx.db
    .select({ value: settings.value })
    .from(settings)
    .where(eq(settings.key, PUBLIC_TAGS_KEY))
    .get();
  if (!row) return [...DEFAULT_PUBLIC_VILLAGE_TAGS];
  try {
    const list = JSON.parse(row.value) as unknown;
    if (Array.isArray(list)) return VILLAGE_TAGS.filter((t) => list.includes(t));
  } catch {
    // A malformed value falls back to the default (internal for stigmatising tags).
  }
  return [...DEFAULT_PUBLIC_VILLAGE_TAGS];
}

export async function setPublicVillageTags(ctx: ServiceContext, tags: readonly VillageTag[]): Promise<VillageTag[]> {
  const before = await getPublicVillageTags(ctx);
  const value = JSON.stringify(VILLAGE_TAGS.filter((t) => tags.includes(t)));
  await new AuditedWrite(ctx)
    .add(
      ctx.db
        .insert(settings)
        .values({ key: PUBLIC_TAGS_KEY, value })
        .onConflictDoUpdate({ target: settings.key, set: { value, updatedAt: sql`unixepoch()` } }),
    )
    .audit({
      action: "settings.update",
      entity: "settings",
      entityId: "tenant",
      before: { publicVillageTags: before },
      after: { publicVillageTags: JSON.parse(value) },
    })
    .commit();
  return getPublicVillageTags(ctx);
}
