import { sql, type SQL } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import type { ServiceContext } from "./service-context.ts";
import { auditLog, writeGuards } from "../../db/schema/tenant/audit.ts";
import { ledgerEntries } from "../../db/schema/tenant/notices.ts";
import { ledgerContentHash, ledgerHash } from "../lib/ledger-chain.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { auditHash, GENESIS_HASH, type AuditContent } from "../lib/audit-chain.ts";
import { canonicalJson } from "../lib/canonical-json.ts";
import { chinaDateOfUnix } from "../lib/dates.ts";
import { signCheckpoint } from "../lib/checkpoint-sign.ts";
import { errorChainText, uniqueConflict } from "./db-errors.ts";
import { forgetPublicVersion } from "./public-version.ts";

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
 * lost the race for the next sequence number retries with the new head. A UNIQUE index refusing
 * a row becomes a 409 that names the field.
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

  /** `guarded` for a raw statement (e.g. `INSERT … SELECT … WHERE <rule>`): no row changed → 409 with `message`. */
  guardedRaw(stmt: D1PreparedStatement, conflictMessage: string): this {
    this.steps.push({ item: stmt }, { guard: `g${this.steps.length}`, message: conflictMessage });
    return this;
  }

  audit(entry: AuditInput): this {
    this.entries.push(entry);
    return this;
  }

  /**
   * Runs the batch; returns the results of the caller's statements in order.
   *
   * Chain entries are sealed here, in the writer's own batch: the head of the audit log and of the
   * ledger is read first, each new entry gets `seq = head + 1…`, `prev_hash` and `hash` computed in
   * JS, and the batch inserts them. A trigger (migration 0009) refuses an entry that does not
   * extend the current head, and `seq` is the primary key, so a writer that lost the race rolls
   * back entirely (its business statements too) and tries again from the new head.
   * Nothing ever seals an entry after the fact: an unsealed or altered row stays broken.
   */
  async commit(): Promise<unknown[]> {
    if (this.entries.length === 0) throw new Error("AuditedWrite without an audit entry");
    try {
      return await this.attemptUntilSealed();
    } finally {
      // Whatever the outcome, this isolate's public pages read the version again (domain/public-version.ts).
      forgetPublicVersion(this.ctx.d1);
    }
  }

  private async attemptUntilSealed(): Promise<unknown[]> {
    for (let attempt = 1; ; attempt++) {
      try {
        return await this.attempt();
      } catch (err) {
        const text = errorChainText(err);
        if (isChainRace(text)) {
          if (attempt < CHAIN_ATTEMPTS) {
            await sleep(Math.floor(Math.random() * 10 * attempt) + 1);
            continue;
          }
          throw new AppError("busy", "系统繁忙（同时写入的请求过多），请稍后重试");
        }
        throw this.mapError(err, text);
      }
    }
  }

  private mapError(err: unknown, text: string): unknown {
    if (text.includes("write_guards_ok")) {
      const guards = this.steps.filter((s): s is { guard: string; message: string } => "guard" in s);
      return new AppError("conflict", guards.length === 1 ? guards[0]!.message : "数据已被他人修改，请刷新后重试");
    }
    if (
      text.includes("paid_line_immutable") ||
      text.includes("reversal_immutable") ||
      text.includes("notice_immutable") ||
      text.includes("ledger_append_only")
    ) {
      return new AppError("conflict", "已支付或已公开的记录不能修改或删除；如有错误，请做冲正或重新公示");
    }
    if (text.includes("audit_log_append_only")) return new AppError("conflict", "审计日志只能追加，不能修改或删除");
    if (text.includes("idempotency_keys"))
      return new AppError("conflict", "相同 Idempotency-Key 的请求已被处理，请勿重复提交");
    // Two identical creates at the same moment: the loser is told what already exists, never a 500.
    if (text.includes("UNIQUE constraint failed")) return uniqueConflict(err);
    return err;
  }

  private async attempt(): Promise<unknown[]> {
    const db = this.ctx.db;
    const at = this.ctx.now();
    // Every chain read goes through the primary key or an index (EXPLAIN QUERY PLAN: SEARCH), so a
    // write costs the same at 100,000 entries as at 1,000 (tests/integrity/chain-writes.test.ts).
    const head = await this.ctx.d1.prepare(CHAIN_HEADS_SQL).first<{
      auditSeq: number | null;
      auditHash: string | null;
      ledgerSeq: number | null;
      ledgerHash: string | null;
      checkpointAt: number | null;
    }>();

    // Audit entries first (in JS): the checkpoint below signs the head they end at.
    const auditRows: (typeof auditLog.$inferInsert)[] = [];
    let auditSeq = head?.auditSeq ?? 0;
    let auditPrev = head?.auditSeq == null ? GENESIS_HASH : (head.auditHash ?? "");
    for (const e of this.entries) {
      auditSeq++;
      const content: AuditContent = {
        seq: auditSeq,
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
        prevHash: auditPrev,
      };
      const hash = await auditHash(content);
      auditRows.push({ ...content, hash });
      auditPrev = hash;
    }

    const ledgerRows: (typeof ledgerEntries.$inferInsert)[] = [];
    let ledgerSeq = head?.ledgerSeq ?? 0;
    let ledgerPrev = head?.ledgerSeq == null ? GENESIS_HASH : (head.ledgerHash ?? "");
    const append = async (p: PublicationInput) => {
      ledgerSeq++;
      const content = canonicalJson(p.content);
      const contentHash = await ledgerContentHash(content);
      const hash = await ledgerHash({
        seq: ledgerSeq,
        at,
        kind: p.kind,
        ref: p.ref,
        contentHash,
        prevHash: ledgerPrev,
      });
      ledgerRows.push({
        seq: ledgerSeq,
        at,
        kind: p.kind,
        ref: p.ref,
        villageIds: p.villageIds ?? [],
        content,
        contentHash,
        prevHash: ledgerPrev,
        hash,
      });
      ledgerPrev = hash;
    };
    for (const p of this.publications) await append(p);
    // The checkpoint comes last and signs its own place in the ledger (seq, previous hash) too.
    const checkpoint = await this.checkpoint(at, head?.checkpointAt ?? null, head?.auditSeq ?? 0, auditSeq, auditPrev, {
      seq: ledgerSeq + 1,
      prevHash: ledgerPrev,
    });
    if (checkpoint) await append(checkpoint);

    const firstLedgerSeq = (head?.ledgerSeq ?? 0) + 1;
    const pos: ChainPositions = { ledgerSeqs: this.publications.map((_, i) => sql`${firstLedgerSeq + i}`) };
    const items: Built[] = [];
    const callerIndexes: number[] = [];
    // Ledger entries go first in the batch, so later statements can refer to them.
    for (const row of ledgerRows) items.push(db.insert(ledgerEntries).values(row));
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
    for (const row of auditRows) items.push(db.insert(auditLog).values(row));
    const results = await runBatch(this.ctx.d1, items);
    return callerIndexes.map((i) => results[i]);
  }

  /**
   * A signed checkpoint of the audit head this batch ends at, for the public ledger: with every
   * publication, with the first write of each day (Asia/Shanghai) and whenever the audit log
   * passes a multiple of CHECKPOINT_EVERY entries. Anyone holding it can later tell whether the
   * audit log was cut back behind it, and a verification starts at the newest one instead of at
   * entry 1 (workers/ledger/verify.ts), so it reads at most about CHECKPOINT_EVERY entries.
   */
  private async checkpoint(
    at: number,
    lastAt: number | null,
    auditSeqBefore: number,
    auditSeq: number,
    auditHeadHash: string,
    place: { seq: number; prevHash: string },
  ): Promise<PublicationInput | null> {
    const due =
      this.publications.length > 0 ||
      lastAt == null ||
      chinaDateOfUnix(lastAt) !== chinaDateOfUnix(at) ||
      Math.floor(auditSeqBefore / CHECKPOINT_EVERY) !== Math.floor(auditSeq / CHECKPOINT_EVERY);
    if (!due) return null;
    const key = await this.ctx.checkpointKey();
    if (!key) return null;
    const claim = {
      tenant: this.ctx.tenant.slug,
      auditSeq,
      auditHash: auditHeadHash,
      at,
      ledgerSeq: place.seq,
      ledgerPrevHash: place.prevHash,
      // v3: the signing master key's id, signed with the rest (absent for a tenant without key_salt).
      kid: key.kid ?? undefined,
    };
    const signature = await signCheckpoint(key, claim);
    return {
      kind: CHECKPOINT_KIND,
      ref: `audit:${auditSeq}`,
      villageIds: [],
      content: { ...claim, alg: "Ed25519", publicKey: key.publicKey, signature },
    };
  }
}

/** Ledger kind of a signed audit-head checkpoint. */
export const CHECKPOINT_KIND = "audit.checkpoint";

/** Both chain heads and the last checkpoint's time: primary-key and index lookups only. */
export const CHAIN_HEADS_SQL = `SELECT a.seq AS auditSeq, a.hash AS auditHash, l.seq AS ledgerSeq, l.hash AS ledgerHash,
  (SELECT max(at) FROM ledger_entries WHERE kind = '${CHECKPOINT_KIND}') AS checkpointAt
  FROM (SELECT 1) LEFT JOIN audit_log a ON a.seq = (SELECT max(seq) FROM audit_log)
  LEFT JOIN ledger_entries l ON l.seq = (SELECT max(seq) FROM ledger_entries)`;

/** A checkpoint is signed at least every this many audit entries (besides daily and per publication). */
export const CHECKPOINT_EVERY = 250;

/** Attempts before a writer that keeps losing the race for the chain head gives up (503). */
const CHAIN_ATTEMPTS = 12;

function isChainRace(text: string): boolean {
  return (
    text.includes("audit_chain_moved") ||
    text.includes("ledger_chain_moved") ||
    text.includes("UNIQUE constraint failed: audit_log.seq") ||
    text.includes("UNIQUE constraint failed: ledger_entries.seq")
  );
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

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
