import { sql } from "drizzle-orm";
import { check, sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

export const TENANT_STATUSES = ["active", "suspended", "provisioning", "deleted"] as const;
export type TenantStatus = (typeof TENANT_STATUSES)[number];

/** The tenant catalog: one row per county- or city-level government using Bangfu. */
export const tenants = sqliteTable(
  "tenants",
  {
    slug: text("slug").primaryKey(),
    name: text("name").notNull(),
    level: text("level", { enum: ["city", "county"] }).notNull(),
    divisionCode: text("division_code").notNull().unique(),
    /** Name of the D1 binding in wrangler.toml; must also be in the code allowlist. */
    binding: text("binding").notNull().unique(),
    /** provisioning: catalogued, first administrator not yet created (answers 404 like suspended). */
    status: text("status", { enum: TENANT_STATUSES }).notNull().default("active"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    /** Number of the last tenant migration applied (0010 → 10); null before the first. */
    schemaVersion: integer("schema_version"),
    migratedAt: integer("migrated_at"),
    /** Time Travel bookmark taken before the last remote migration. */
    bookmark: text("bookmark"),
    /** Random salt of the v3 PII keys (base64); null for tenants that have only v1/v2 data keys. */
    keySalt: text("key_salt"),
    exportedAt: integer("exported_at"),
    exportRef: text("export_ref"),
  },
  (t) => [
    check("tenants_slug_format", sql`${t.slug} GLOB '[a-z]*' AND length(${t.slug}) BETWEEN 2 AND 40`),
    check("tenants_division_code_format", sql`length(${t.divisionCode}) = 6 AND ${t.divisionCode} NOT GLOB '*[^0-9]*'`),
  ],
);

export type TenantRow = typeof tenants.$inferSelect;
