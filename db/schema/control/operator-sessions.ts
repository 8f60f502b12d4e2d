import { sql } from "drizzle-orm";
import { sqliteTable, text, integer } from "drizzle-orm/sqlite-core";
import { operators } from "./operators.ts";

/** A signed-in platform operator: the token's SHA-256 only, never the token. */
export const operatorSessions = sqliteTable("operator_sessions", {
  tokenHash: text("token_hash").primaryKey(),
  operatorId: integer("operator_id")
    .notNull()
    .references(() => operators.id),
  expiresAt: integer("expires_at").notNull(),
  createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
});

/** The control plane's own log of operator actions (tenant data has its own audit chain). */
export const operatorEvents = sqliteTable("operator_events", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  at: integer("at").notNull().default(sql`(unixepoch())`),
  actor: text("actor").notNull(),
  action: text("action").notNull(),
  tenantSlug: text("tenant_slug"),
  detail: text("detail"),
});
