import { sql } from "drizzle-orm";
import { sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

export const ROLES = ["county_admin", "finance_officer", "township_officer", "cadre", "auditor"] as const;
export type Role = (typeof ROLES)[number];

/** A person who signs in to this tenant's admin UI or API. Lives in the tenant's own database. */
export const users = sqliteTable(
  "users",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    username: text("username").notNull().unique(),
    displayName: text("display_name").notNull(),
    role: text("role", { enum: ROLES }).notNull(),
    /** 9-digit township code; set only for township officers, who see nothing outside it. */
    townshipCode: text("township_code"),
    /** Set for users with the cadre role: the cadre record they act as (registry). */
    cadreId: integer("cadre_id"),
    passwordHash: text("password_hash").notNull(),
    status: text("status", { enum: ["active", "disabled"] })
      .notNull()
      .default("active"),
    createdAt: integer("created_at").notNull().default(sql`(unixepoch())`),
    updatedAt: integer("updated_at").notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("users_role_idx").on(t.role)],
);

export type UserRow = typeof users.$inferSelect;

/** Server-side sessions: only the SHA-256 of the token is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    tokenHash: text("token_hash").primaryKey(),
    userId: integer("user_id")
      .notNull()
      .references(() => users.id),
    csrfToken: text("csrf_token").notNull(),
    createdAt: integer("created_at").notNull(),
    lastSeenAt: integer("last_seen_at").notNull(),
    revokedAt: integer("revoked_at"),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed sign-ins, kept for the rate-limit window (per account and per client). */
export const loginFailures = sqliteTable(
  "login_failures",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** `user:<username>` or `client:<ip>` */
    key: text("key").notNull(),
    at: integer("at").notNull(),
  },
  (t) => [index("login_failures_key_at_idx").on(t.key, t.at)],
);
