import { and, asc, desc, eq, gt, lt, type SQL } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { auditLog } from "../../db/schema/tenant/audit.ts";
import { verifyChain, type AuditContent } from "../lib/audit-chain.ts";
import { sealChains } from "../domain/audited-write.ts";

/** Entries are sealed right after each write; readers seal any left behind by an interrupted request. */
const sealAudit = (ctx: ServiceContext) => sealChains(ctx.d1, { audit: true, ledger: false });

export async function listAudit(
  ctx: ServiceContext,
  q: { before?: number | undefined; limit: number; action?: string | undefined; entity?: string | undefined },
) {
  await sealAudit(ctx);
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

/** Recomputes the whole chain, page by page, and reports the first broken link. */
export async function verifyAudit(ctx: ServiceContext) {
  await sealAudit(ctx);
  const db = ctx.db;
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
      yield* page;
      if (page.length < PAGE) return;
      after = page[page.length - 1]!.seq;
    }
  }
  // Streams page by page: the chain may be far larger than a Worker's memory.
  const result = await verifyChain(entries());
  return { ok: result.firstBreak === null, ...result };
}
