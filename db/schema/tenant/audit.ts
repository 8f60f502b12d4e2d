import { sql } from "drizzle-orm";
import { check, sqliteTable, text, integer, index } from "drizzle-orm/sqlite-core";

/**
 * Append-only audit log, a hash chain: `hash = sha256(prev_hash + canonical(entry))`.
 * `seq` is assigned by the writer (head + 1), so two concurrent writers cannot both extend
 * the chain from the same head: the second insert violates the primary key and its whole
 * batch (the business write included) rolls back and is retried.
 */
export const auditLog = sqliteTable(
  "audit_log",
  {
    seq: integer("seq").primaryKey(),
    at: integer("at").notNull(),
    actorId: integer("actor_id"),
    actorName: text("actor_name").notNull(),
    actorRole: text("actor_role").notNull(),
    action: text("action").notNull(),
    entity: text("entity").notNull(),
    entityId: text("entity_id"),
    before: text("before"),
    after: text("after"),
    requestId: text("request_id").notNull(),
    prevHash: text("prev_hash").notNull(),
    hash: text("hash").notNull(),
  },
  (t) => [index("audit_entity_idx").on(t.entity, t.entityId), index("audit_actor_idx").on(t.actorId)],
);

export type AuditRow = typeof auditLog.$inferSelect;

/**
 * One row per guard name, always `ok = 1`. A guarded write upserts `ok = (changes() > 0)`
 * right after its guarded statement; when that statement changed nothing the CHECK fails and
 * D1 rolls the whole batch back. This is how a batch says "all of this, or none of it"
 * without interactive transactions (see workers/audit/audited-write.ts).
 */
export const writeGuards = sqliteTable(
  "write_guards",
  {
    name: text("name").primaryKey(),
    ok: integer("ok").notNull(),
  },
  (t) => [check("write_guards_ok", sql`${t.ok} = 1`)],
);
