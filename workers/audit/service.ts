import { and, asc, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { auditLog } from "../../db/schema/tenant/audit.ts";
import { verifyChain, type AuditContent } from "../lib/audit-chain.ts";
import { verifyCheckpoint } from "../lib/checkpoint-sign.ts";
import { CHECKPOINT_KIND } from "../domain/audited-write.ts";

export async function listAudit(
  ctx: ServiceContext,
  q: { before?: number | undefined; limit: number; action?: string | undefined; entity?: string | undefined },
) {
  const where: SQL[] = [];
  if (q.before) where.push(lt(auditLog.seq, q.before));
  if (q.action) where.push(eq(auditLog.action, q.action));
  if (q.entity) where.push(eq(auditLog.entity, q.entity));
  const items = await ctx.db
    .select()
    .from(auditLog)
    .where(and(...where))
    .orderBy(desc(auditLog.seq))
    .limit(q.limit)
    .all();
  const last = items[items.length - 1];
  return { items, nextBefore: items.length === q.limit && last ? last.seq : null };
}

const PAGE = 500;

type BreakReason =
  | "prev_hash_mismatch"
  | "hash_mismatch"
  | "sequence_gap"
  | "truncated"
  | "checkpoint_mismatch"
  | "checkpoint_forged";

interface Checkpoint {
  ledgerSeq: number;
  auditSeq: number;
  auditHash: string;
  at: number;
  signatureValid: boolean;
}

/** Every signed checkpoint of the audit head that the public ledger holds, oldest first. */
async function checkpoints(ctx: ServiceContext): Promise<Checkpoint[]> {
  const rows = (
    await ctx.d1
      .prepare("SELECT seq, content FROM ledger_entries WHERE kind = ? ORDER BY seq")
      .bind(CHECKPOINT_KIND)
      .all<{ seq: number; content: string }>()
  ).results;
  const ours = await ctx.checkpointKey();
  const out: Checkpoint[] = [];
  for (const r of rows) {
    let c: {
      tenant?: string;
      auditSeq?: number;
      auditHash?: string;
      at?: number;
      publicKey?: string;
      signature?: string;
    };
    try {
      c = JSON.parse(r.content);
    } catch {
      c = {};
    }
    const claim = {
      tenant: String(c.tenant),
      auditSeq: Number(c.auditSeq),
      auditHash: String(c.auditHash),
      at: Number(c.at),
    };
    const publicKey = ours?.publicKey ?? String(c.publicKey);
    const signatureValid =
      claim.tenant === ctx.tenant.slug &&
      c.publicKey === publicKey &&
      (await verifyCheckpoint(publicKey, claim, String(c.signature)));
    out.push({ ledgerSeq: r.seq, auditSeq: claim.auditSeq, auditHash: claim.auditHash, at: claim.at, signatureValid });
  }
  return out;
}

/**
 * Recomputes the whole chain, page by page, and reports the first broken link; then checks that
 * the chain still reaches every signed checkpoint published in the ledger (a deleted newest entry,
 * or a log cut back, is caught here). Reads only: verifying never writes.
 */
export async function verifyAudit(ctx: ServiceContext) {
  const db = ctx.db;
  const marks = await checkpoints(ctx);
  const wanted = new Set(marks.map((m) => m.auditSeq));
  const seen = new Map<number, string>();
  let lastSeq = 0;
  async function* entries(): AsyncGenerator<AuditContent & { hash: string }> {
    let after = 0;
    for (;;) {
      const page = await db
        .select()
        .from(auditLog)
        .where(gt(auditLog.seq, after))
        .orderBy(asc(auditLog.seq))
        .limit(PAGE)
        .all();
      for (const e of page) {
        if (wanted.has(e.seq)) seen.set(e.seq, e.hash);
        lastSeq = e.seq;
        yield e;
      }
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.seq;
    }
  }
  // Streams page by page: the chain may be far larger than a Worker's memory.
  const result = await verifyChain(entries());
  let firstBreak: { seq: number; reason: BreakReason; expected: string; actual: string } | null = result.firstBreak;
  if (!firstBreak) {
    for (const m of marks) {
      if (!m.signatureValid) {
        firstBreak = {
          seq: m.auditSeq,
          reason: "checkpoint_forged",
          expected: "valid signature",
          actual: `ledger #${m.ledgerSeq}`,
        };
      } else if (m.auditSeq > lastSeq) {
        firstBreak = { seq: m.auditSeq, reason: "truncated", expected: String(m.auditSeq), actual: String(lastSeq) };
      } else if (seen.get(m.auditSeq) !== m.auditHash) {
        firstBreak = {
          seq: m.auditSeq,
          reason: "checkpoint_mismatch",
          expected: m.auditHash,
          actual: seen.get(m.auditSeq) ?? "",
        };
      }
      if (firstBreak) break;
    }
  }
  const last = marks[marks.length - 1];
  return {
    ok: firstBreak === null,
    count: result.count,
    head: result.head,
    headSeq: lastSeq,
    firstBreak,
    checkpoints: marks.length,
    lastCheckpoint: last
      ? {
          ledgerSeq: last.ledgerSeq,
          auditSeq: last.auditSeq,
          auditHash: last.auditHash,
          at: last.at,
          signatureValid: last.signatureValid,
          headAtOrAfter: lastSeq >= last.auditSeq && seen.get(last.auditSeq) === last.auditHash,
        }
      : null,
  };
}
