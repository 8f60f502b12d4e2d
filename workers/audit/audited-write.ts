import type { Context } from "hono";
import { desc, sql } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { AppEnv } from "../env.ts";
import { auditLog, writeGuards } from "../../db/schema/tenant/audit.ts";
import { ledgerEntries } from "../../db/schema/tenant/notices.ts";
import { ledgerContentHash, ledgerHash } from "../ledger/chain.ts";
import { AppError } from "../errors/app-error.ts";
import { auditHash, GENESIS_HASH, type AuditContent } from "./chain.ts";
import { canonicalJson } from "../lib/canonical-json.ts";

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
  ledgerSeqs: number[];
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

/** Writers that lose the race for the chain head retry with a little random backoff. */
const MAX_ATTEMPTS = 25;
const backoff = (attempt: number) => new Promise((r) => setTimeout(r, Math.random() * Math.min(5 * attempt, 50)));

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

  constructor(private readonly c: Context<AppEnv>, private readonly actor: Actor = actorOf(c)) {}

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

  /** Runs the batch; returns the results of the caller's statements in order. */
  async commit(): Promise<unknown[]> {
    if (this.entries.length === 0) throw new Error("AuditedWrite without an audit entry");
    const db = this.c.var.db;
    for (let attempt = 1; ; attempt++) {
      const head = await db.select({ seq: auditLog.seq, hash: auditLog.hash }).from(auditLog).orderBy(desc(auditLog.seq)).limit(1).get();
      const rows = await this.chainRows(head?.seq ?? 0, head?.hash ?? GENESIS_HASH);
      const ledgerRows = await this.ledgerRows();
      const pos: ChainPositions = { ledgerSeqs: ledgerRows.map((r) => r.seq) };
      const items: Built[] = [];
      const callerIndexes: number[] = [];
      for (const ledgerRow of ledgerRows) items.push(db.insert(ledgerEntries).values(ledgerRow));
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
      for (const row of rows) items.push(db.insert(auditLog).values(row));
      try {
        const results = await runBatch(this.c.var.tenantD1, items);
        return callerIndexes.map((i) => results[i]);
      } catch (err) {
        const text = errorText(err);
        if (text.includes("write_guards_ok")) {
          const guards = this.steps.filter((s): s is { guard: string; message: string } => "guard" in s);
          throw new AppError("conflict", guards.length === 1 ? guards[0]!.message : "数据已被他人修改，请刷新后重试");
        }
        if (text.includes("paid_line_immutable") || text.includes("reversal_immutable") || text.includes("notice_immutable") || text.includes("ledger_append_only")) {
          throw new AppError("conflict", "已支付或已公开的记录不能修改或删除；如有错误，请做冲正或重新公示");
        }
        if (text.includes("idempotency_keys")) throw new AppError("conflict", "相同 Idempotency-Key 的请求已被处理，请勿重复提交");
        if (text.includes("audit_log.seq") || text.includes("ledger_entries.seq")) {
          if (attempt < MAX_ATTEMPTS) {
            await backoff(attempt);
            continue;
          }
          throw new AppError("busy", "系统繁忙，请稍后重试", { headers: { "Retry-After": "2" } });
        }
        throw err;
      }
    }
  }

  private async ledgerRows() {
    if (this.publications.length === 0) return [];
    const db = this.c.var.db;
    const head = await db.select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash }).from(ledgerEntries).orderBy(desc(ledgerEntries.seq)).limit(1).get();
    const at = Math.floor(Date.now() / 1000);
    let seq = head?.seq ?? 0;
    let prevHash = head?.hash ?? GENESIS_HASH;
    const rows = [];
    for (const p of this.publications) {
      seq++;
      const content = canonicalJson(p.content);
      const contentHash = await ledgerContentHash(content);
      const hash = await ledgerHash({ seq, at, kind: p.kind, ref: p.ref, contentHash, prevHash });
      rows.push({ seq, at, kind: p.kind, ref: p.ref, villageIds: p.villageIds ?? [], content, contentHash, prevHash, hash });
      prevHash = hash;
    }
    return rows;
  }

  private async chainRows(headSeq: number, headHash: string) {
    const at = Math.floor(Date.now() / 1000);
    let prevHash = headHash;
    const rows = [];
    for (const [i, e] of this.entries.entries()) {
      const content: AuditContent = {
        seq: headSeq + 1 + i,
        at,
        actorId: this.actor.id,
        actorName: this.actor.name,
        actorRole: this.actor.role,
        action: e.action,
        entity: e.entity,
        entityId: e.entityId == null ? null : String(e.entityId),
        before: e.before === undefined ? null : canonicalJson(scrub(e.before)),
        after: e.after === undefined ? null : canonicalJson(scrub(e.after)),
        requestId: this.c.var.requestId,
        prevHash,
      };
      const hash = await auditHash(content);
      rows.push({ ...content, hash });
      prevHash = hash;
    }
    return rows;
  }
}

/** The actor of the current request: the signed-in user, or the anonymous public. */
export function actorOf(c: Context<AppEnv>): Actor {
  const u = c.var.user;
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

function errorText(err: unknown): string {
  const parts: string[] = [];
  let e: unknown = err;
  for (let depth = 0; e && depth < 5; depth++) {
    parts.push(e instanceof Error ? e.message : String(e));
    e = e instanceof Error ? e.cause : undefined;
  }
  return parts.join(" | ");
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
  return typeof (x as D1PreparedStatement).bind === "function" && typeof (x as D1PreparedStatement).first === "function" && !("_prepare" in (x as object));
}
