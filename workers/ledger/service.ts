import { asc, desc, gt } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { ledgerEntries } from "../../db/schema/tenant/notices.ts";
import { parseContent } from "../notices/service.ts";
import { verifyLedger, type LedgerLink } from "../lib/ledger-chain.ts";

type Row = typeof ledgerEntries.$inferSelect;

/** Pages read by the verifier and the export: small enough for D1, few enough round trips. */
const CHUNK = 500;

export async function ledgerHead(ctx: ServiceContext) {
  const head = await ctx.db
    .select({ seq: ledgerEntries.seq, hash: ledgerEntries.hash, at: ledgerEntries.at })
    .from(ledgerEntries)
    .orderBy(desc(ledgerEntries.seq))
    .limit(1)
    .get();
  return head ?? null;
}

/** The newest entries, for the admin ledger page. */
export async function recentLedgerEntries(ctx: ServiceContext, limit = 30) {
  return ctx.db
    .select({
      seq: ledgerEntries.seq,
      at: ledgerEntries.at,
      kind: ledgerEntries.kind,
      ref: ledgerEntries.ref,
      contentHash: ledgerEntries.contentHash,
      hash: ledgerEntries.hash,
    })
    .from(ledgerEntries)
    .orderBy(desc(ledgerEntries.seq))
    .limit(limit)
    .all();
}

async function rowsAfter(ctx: ServiceContext, after: number, limit: number): Promise<Row[]> {
  return ctx.db
    .select()
    .from(ledgerEntries)
    .where(gt(ledgerEntries.seq, after))
    .orderBy(asc(ledgerEntries.seq))
    .limit(limit)
    .all();
}

/** Every entry in sequence order, read in chunks. */
export async function* allEntries(ctx: ServiceContext): AsyncGenerator<Row> {
  let after = 0;
  for (;;) {
    const rows = await rowsAfter(ctx, after, CHUNK);
    for (const r of rows) yield r;
    if (rows.length < CHUNK) return;
    after = rows[rows.length - 1]!.seq;
  }
}

/** One page of the public ledger: entries after `after`, with `content` parsed, and the head. */
export async function ledgerPage(ctx: ServiceContext, after: number, limit: number) {
  const [rows, head] = await Promise.all([rowsAfter(ctx, after, limit), ledgerHead(ctx)]);
  const last = rows[rows.length - 1];
  return {
    items: rows.map((r) => ({
      seq: r.seq,
      at: r.at,
      kind: r.kind,
      ref: r.ref,
      villageIds: r.villageIds,
      content: parseContent(r.content),
      contentHash: r.contentHash,
      prevHash: r.prevHash,
      hash: r.hash,
    })),
    head,
    next: last && head && last.seq < head.seq ? last.seq : null,
  };
}

/** Recomputes every content hash and link; reports the first broken one. */
export async function verifyTenantLedger(ctx: ServiceContext) {
  const result = await verifyLedger(allEntries(ctx) as AsyncIterable<LedgerLink & { hash: string }>);
  return { ...result, checkedAt: Math.floor(Date.now() / 1000) };
}

/** The export line of one entry: `content` is the exact stored text the content hash covers. */
export function exportLine(r: Row): string {
  return JSON.stringify({
    seq: r.seq,
    at: r.at,
    kind: r.kind,
    ref: r.ref,
    villageIds: r.villageIds,
    content: r.content,
    contentHash: r.contentHash,
    prevHash: r.prevHash,
    hash: r.hash,
  });
}
