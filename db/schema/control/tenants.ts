import { sql } from "drizzle-orm";
import { check, sqliteTable, text, integer } from "drizzle-orm/sqlite-core";

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
    status: text("status", { enum: ["active", "suspended"] })
      .notNull()
      .default("active"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    check("tenants_slug_format", sql`${t.slug} GLOB '[a-z]*' AND length(${t.slug}) BETWEEN 2 AND 40`),
    check("tenants_division_code_format", sql`length(${t.divisionCode}) = 6 AND ${t.divisionCode} NOT GLOB '*[^0-9]*'`),
  ],
);

export type TenantRow = typeof tenants.$inferSelect;
