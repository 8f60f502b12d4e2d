import { sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ServiceContext } from "./service-context.ts";
import { auditLog, writeGuards } from "../../db/schema/tenant/audit.ts";
import { ledgerEntries } from "../../db/schema/tenant/notices.ts";
import { ledgerContentHash, ledgerHash } from "../lib/ledger-chain.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { auditHash, GENESIS_HASH, type AuditContent } from "../lib/audit-chain.ts";
import { canonicalJson } from "../lib/canonical-json.ts";
import { errorChainText } from "./db-errors.ts";

export interface AuditInput {
  action: string;
  entity: string;
  entityId?: string | number | null;
  before?: unknown;
  after?: unknown;
}

export interface Actor {
  id: number | null;
  name: string;
  role: string;
}

/** Where this write's entries landed in the chains; lets a statement refer to its own ledger entry. */
export interface ChainPositions {
  /** SQL giving each publication's ledger sequence number, usable in the same batch. */
  ledgerSeqs: SQL[];
}

type Built = BatchItem<"sqlite"> | D1PreparedStatement;
type Step = { item: Built | ((pos: ChainPositions) => Built) } | { guard: string; message: string };

export interface PublicationInput {
  /** e.g. notice.published, objection.answered, line.reversed */
  kind: string;
  /** e.g. notice:12 */
  ref: string;
  villageIds?: number[];
  /** What is published; must already be masked: the ledger is public. */
  content: unknown;
}

/** Fields never written into the audit log, whatever the caller passes. */
const SECRET_FIELDS = new Set(["passwordHash", "password", "tokenHash", "csrfToken"]);

/**
 * One unit of writes plus its audit entries, committed as a single D1 batch (all or nothing).
 *
 * `guarded(stmt, message)` adds a state-changing statement that must change at least one row
 * (`UPDATE … WHERE status = 'noticed'`): if it changes none, the batch is rolled back and the
 * caller gets a 409 with `message`. Audit entries extend the tenant's hash chain; a writer that
 * lost the race for the next sequence number retries with the new head.
 */
export class AuditedWrite {
  private readonly steps: Step[] = [];
  private readonly entries: AuditInput[] = [];
  private readonly publications: PublicationInput[] = [];

  constructor(
    private readonly ctx: ServiceContext,
    private readonly actor: Actor = actorOf(ctx),
  ) {}

  add(item: BatchItem<"sqlite"> | ((pos: ChainPositions) => Built)): this {
    this.steps.push({ item });
    return this;
  }

  /** A raw D1 statement, for bulk work the ORM cannot express (e.g. `INSERT … SELECT FROM json_each(?)`). */
  addRaw(stmt: D1PreparedStatement): this {
    this.steps.push({ item: stmt });
    return this;
  }

  /** Appends an entry to the public ledger (hash chain) in the same batch. */
  publish(entry: PublicationInput): this {
    this.publications.push(entry);
    return this;
  }

  guarded(item: BatchItem<"sqlite">, conflictMessage: string): this {
    this.steps.push({ item }, { guard: `g${this.steps.length}`, message: conflictMessage });
    return this;
  }

  audit(entry: AuditInput): this {
    this.entries.push(entry);
    return this;
  }

  /**
   * Runs the batch; returns the results of the caller's statements in order.
   *
   * Chain entries are appended without reading the chain's head first (`seq` is the next rowid,
   * `hash` is left empty), so concurrent writers never collide. Right after the commit the
   * entries are sealed in sequence order (see `sealChain`); sealing is deterministic, so two
   * requests sealing the same entry write the same hash.
   */
  async commit(): Promise<unknown[]> {
    if (this.entries.length === 0) throw new Error("AuditedWrite without an audit entry");
    const db = this.ctx.db;
    const at = Math.floor(Date.now() / 1000);
    const n = this.publications.length;
    // Ledger entries go first in the batch, so later statements can name their sequence numbers.
    const pos: ChainPositions = {
      ledgerSeqs: this.publications.map((_, i) => sql`(SELECT max(seq) - ${n - 1 - i} FROM ${ledgerEntries})`),
    };
    const items: Built[] = [];
    const callerIndexes: number[] = [];
    for (const p of this.publications) {
      const content = canonicalJson(p.content);
      items.push(
        db.insert(ledgerEntries).values({
          at,
          kind: p.kind,
          ref: p.ref,
          villageIds: p.villageIds ?? [],
          content,
          contentHash: await ledgerContentHash(content),
          prevHash: "",
          hash: "",
        }),
      );
    }
    for (const step of this.steps) {
      if ("item" in step) {
        callerIndexes.push(items.length);
        items.push(typeof step.item === "function" ? step.item(pos) : step.item);
      } else {
        items.push(
          db
            .insert(writeGuards)
            .values({ name: step.guard, ok: sql`changes() > 0` })
            .onConflictDoUpdate({ target: writeGuards.name, set: { ok: sql`excluded.ok` } }),
        );
      }
    }
    for (const e of this.entries) {
      items.push(
        db.insert(auditLog).values({
          at,
          actorId: this.actor.id,
          actorName: this.actor.name,
          actorRole: this.actor.role,
          action: e.action,
          entity: e.entity,
          entityId: e.entityId == null ? null : String(e.entityId),
          before: e.before === undefined ? null : canonicalJson(scrub(e.before)),
          after: e.after === undefined ? null : canonicalJson(scrub(e.after)),
          requestId: this.ctx.requestId,
          prevHash: "",
          hash: "",
        }),
      );
    }
    let results: unknown[];
    try {
      results = await runBatch(this.ctx.d1, items);
    } catch (err) {
      const text = errorChainText(err);
      if (text.includes("write_guards_ok")) {
        const guards = this.steps.filter((s): s is { guard: string; message: string } => "guard" in s);
        throw new AppError("conflict", guards.length === 1 ? guards[0]!.message : "数据已被他人修改，请刷新后重试");
      }
      if (
        text.includes("paid_line_immutable") ||
        text.includes("reversal_immutable") ||
        text.includes("notice_immutable") ||
        text.includes("ledger_append_only")
      ) {
        throw new AppError("conflict", "已支付或已公开的记录不能修改或删除；如有错误，请做冲正或重新公示");
      }
      if (text.includes("idempotency_keys"))
        throw new AppError("conflict", "相同 Idempotency-Key 的请求已被处理，请勿重复提交");
      throw err;
    }
    await sealChains(this.ctx.d1, { ledger: n > 0 });
    return callerIndexes.map((i) => results[i]);
  }
}

const SEAL_PAGE = 200;

/**
 * Seals every unsealed entry of the audit log (and the ledger) in sequence order: each entry's
 * `prev_hash` is the hash of the entry before it, its `hash` covers its content and `prev_hash`.
 * The UPDATE only touches rows still unsealed, and the values are a pure function of the stored
 * rows, so concurrent sealers agree. Called after every write and before every verification.
 */
export async function sealChains(
  d1: D1Database,
  which: { audit?: boolean; ledger?: boolean } = { audit: true, ledger: true },
): Promise<void> {
  if (which.audit !== false)
    await sealTable(d1, "audit_log", (row, prevHash) => auditHash({ ...(row as unknown as AuditContent), prevHash }));
  if (which.ledger)
    await sealTable(d1, "ledger_entries", (row, prevHash) =>
      ledgerHash({
        seq: row.seq as number,
        at: row.at as number,
        kind: row.kind as string,
        ref: row.ref as string,
        contentHash: row.contentHash as string,
        prevHash,
      }),
    );
}

async function sealTable(
  d1: D1Database,
  table: "audit_log" | "ledger_entries",
  hashOf: (row: Record<string, unknown>, prevHash: string) => Promise<string>,
): Promise<void> {
  const columns =
    table === "audit_log"
      ? "seq, at, actor_id AS actorId, actor_name AS actorName, actor_role AS actorRole, action, entity, entity_id AS entityId, before, after, request_id AS requestId"
      : "seq, at, kind, ref, content_hash AS contentHash";
  for (;;) {
    const pending = (
      await d1
        .prepare(`SELECT ${columns} FROM ${table} WHERE hash = '' ORDER BY seq LIMIT ${SEAL_PAGE}`)
        .all<Record<string, unknown>>()
    ).results;
    if (pending.length === 0) return;
    const before = await d1
      .prepare(`SELECT hash FROM ${table} WHERE seq < ? ORDER BY seq DESC LIMIT 1`)
      .bind(pending[0]!.seq)
      .first<{ hash: string }>();
    let prevHash = before?.hash || GENESIS_HASH;
    const updates: D1PreparedStatement[] = [];
    for (const row of pending) {
      const hash = await hashOf(row, prevHash);
      updates.push(
        d1
          .prepare(`UPDATE ${table} SET prev_hash = ?, hash = ? WHERE seq = ? AND hash = ''`)
          .bind(prevHash, hash, row.seq),
      );
      prevHash = hash;
    }
    await d1.batch(updates);
    if (pending.length < SEAL_PAGE) return;
  }
}

/** The actor of the current request: the signed-in user, or the anonymous public. */
export function actorOf(ctx: ServiceContext): Actor {
  const u = ctx.user;
  return u ? { id: u.id, name: u.username, role: u.role } : { id: null, name: "公众", role: "anonymous" };
}

function scrub(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(scrub);
  if (value !== null && typeof value === "object") {
    const out: Record<string, unknown> = {};
    for (const [k, v] of Object.entries(value)) if (!SECRET_FIELDS.has(k)) out[k] = scrub(v);
    return out;
  }
  return value;
}

interface PreparedDrizzleQuery {
  getQuery(): { sql: string; params: unknown[] };
  mapResult(result: unknown, isFromBatch: boolean): unknown;
}

/**
 * One D1 batch (one implicit transaction) of ORM queries and raw statements. drizzle's own
 * `db.batch` cannot carry raw SQL with bound parameters (its SQLiteRaw has no prepared
 * statement), so the batch is assembled here from each query's SQL and mapped back the way
 * drizzle maps batch results.
 */
async function runBatch(d1: D1Database, items: (BatchItem<"sqlite"> | D1PreparedStatement)[]): Promise<unknown[]> {
  const mappers: ((r: unknown) => unknown)[] = [];
  const statements = items.map((item) => {
    if (isD1Statement(item)) {
      mappers.push((r) => r);
      return item;
    }
    const prepared = (item as unknown as { _prepare(): PreparedDrizzleQuery })._prepare();
    const q = prepared.getQuery();
    mappers.push((r) => prepared.mapResult(r, true));
    return d1.prepare(q.sql).bind(...q.params);
  });
  const results = await d1.batch(statements);
  return results.map((r, i) => mappers[i]!(r));
}

function isD1Statement(x: unknown): x is D1PreparedStatement {
  return (
    typeof (x as D1PreparedStatement).bind === "function" &&
    typeof (x as D1PreparedStatement).first === "function" &&
    !("_prepare" in (x as object))
  );
}
