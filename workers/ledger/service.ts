import { asc, desc, gt } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { ledgerEntries } from "../../db/schema/tenant/notices.ts";
import { parseContent } from "../notices/service.ts";

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

export async function rowsAfter(ctx: ServiceContext, after: number, limit: number): Promise<Row[]> {
  return ctx.db
    .select()
    .from(ledgerEntries)
    .where(gt(ledgerEntries.seq, after))
    .orderBy(asc(ledgerEntries.seq))
    .limit(limit)
    .all();
}

/**
 * The whole ledger as JSON Lines, streamed: each pull reads the next CHUNK entries by keyset
 * (seq > last), so memory holds one page whatever the ledger's length, and the client sees the
 * first bytes before the last page is read.
 */
export function exportStream(ctx: ServiceContext): ReadableStream<Uint8Array> {
  const utf8 = new TextEncoder();
  let after = 0;
  return new ReadableStream<Uint8Array>(
    {
      async pull(controller) {
        const rows = await rowsAfter(ctx, after, CHUNK);
        if (rows.length > 0) {
          controller.enqueue(utf8.encode(`${rows.map(exportLine).join("\n")}\n`));
          after = rows[rows.length - 1]!.seq;
        }
        if (rows.length < CHUNK) controller.close();
      },
    },
    // One page in flight at a time: the stream reads the next page only when the client took this one.
    { highWaterMark: 0 },
  );
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
