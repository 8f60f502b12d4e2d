import type { ServiceContext } from "../domain/service-context.ts";

/**
 * The ONE way to read a notice's snapshot. A snapshot above CHUNK_BYTES (workers/lib/chunks.ts)
 * is stored in `notice_chunks` and `notices.content` is "" (see publishNotice); this joins the
 * pieces back into the exact canonical JSON that `notices.content_hash` covers. Never read
 * `notices.content` directly.
 */
export interface StoredNoticeContent {
  id: number;
  content: string;
  chunkCount: number;
}

export async function readNoticeContent(d1: D1Database, n: StoredNoticeContent): Promise<string> {
  if (!n.chunkCount) return n.content;
  const rows = (
    await d1
      .prepare("SELECT chunk_no AS chunkNo, text FROM notice_chunks WHERE notice_id = ? ORDER BY chunk_no")
      .bind(n.id)
      .all<{ chunkNo: number; text: string }>()
  ).results;
  // The triggers allow exactly chunk_count pieces, inserted with the notice: anything else is damage.
  if (rows.length !== n.chunkCount || rows.some((r, i) => r.chunkNo !== i))
    throw new Error(`notice ${n.id}: ${rows.length} of ${n.chunkCount} snapshot pieces found`);
  return rows.map((r) => r.text).join("");
}

export function noticeContent(ctx: ServiceContext, n: StoredNoticeContent): Promise<string> {
  return readNoticeContent(ctx.d1, n);
}
