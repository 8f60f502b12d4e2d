import { sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { noticeChunks, notices, type NoticeKind } from "../../db/schema/tenant/notices.ts";
import type { AuditedWrite } from "../domain/audited-write.ts";
import { canonicalJson } from "../lib/canonical-json.ts";
import { toHex } from "../lib/bytes.ts";
import { addDays, todayInChina } from "../lib/dates.ts";
import { storageOfEncoded } from "../lib/chunks.ts";
import { scrubPublicText } from "../lib/scrub.ts";

/** One line of a notice as the public sees it: already masked. */
export interface NoticeLine {
  no: number;
  /** Masked recipient name (张*明), village name, amount in fen, purpose. */
  recipient: string;
  village: string | null;
  amountFen?: number;
  purpose: string;
}

export interface NoticeDraft {
  kind: NoticeKind;
  subjectId: number;
  title: string;
  villageIds: number[];
  noticeDays: number;
  /** Everything else the villager should see: period, program, totals, reasons… (masked). */
  summary: Record<string, unknown>;
  lines: NoticeLine[];
}

export interface PreparedNotice {
  startDate: string;
  endDate: string;
  /**
   * SHA-256 of the whole canonical snapshot. The snapshot itself is not kept as one string: at
   * 100,000 lines it is 10 MB of the isolate's 128, and only its stored pieces are needed.
   */
  contentHash: string;
  lineCount: number;
  /** How the row stores it: `content` inline, or "" and `chunks` in notice_chunks (D1 row limit). */
  stored: { content: string; chunkCount: number; chunks: string[] };
}

/**
 * A notice is public, and its title, summary texts and line purposes are typed by officers: any
 * ID number, mobile or bank account in them is masked (workers/public/scrub.ts) BEFORE the
 * snapshot is hashed, so what the public sees is exactly what the hash covers. Summary values
 * are scrubbed one level deep (they are labels, names, periods and amounts, never codes).
 */
export function publicDraft(d: NoticeDraft): NoticeDraft {
  return {
    ...d,
    title: scrubPublicText(d.title),
    summary: Object.fromEntries(
      Object.entries(d.summary).map(([k, v]) => [k, typeof v === "string" ? scrubPublicText(v) : v]),
    ),
    // A line with nothing to scrub is kept as it is (no copy of 100,000 objects).
    lines: d.lines.map((l) => {
      const recipient = scrubPublicText(l.recipient);
      const purpose = scrubPublicText(l.purpose);
      return recipient === l.recipient && purpose === l.purpose ? l : { ...l, recipient, purpose };
    }),
  };
}

/**
 * 公示 opens today (Asia/Shanghai) and runs `noticeDays` calendar days: start … start + days − 1
 * inclusive, so a 7-day notice opened on the 1st can be approved from the 8th.
 */
export async function prepareNotice(draft: NoticeDraft, today = todayInChina()): Promise<PreparedNotice> {
  const { lines, ...head } = publicDraft(draft);
  return snapshotOf(head, lines, today);
}

/**
 * `prepareNotice` of a draft already through `publicDraft` (scrubbing 100,000 lines once is
 * enough). Memory at 100,000 lines: the lines are not referenced past the serialisation and the
 * text not past its encoding, so at the hash's await only the bytes are held, and at the write's
 * only the pieces.
 */
async function snapshotOf(
  head: Omit<NoticeDraft, "lines">,
  lines: NoticeLine[],
  today: string,
): Promise<PreparedNotice> {
  const startDate = today;
  const endDate = addDays(startDate, head.noticeDays - 1);
  const lineCount = lines.length;
  // Encoded once for both the hash and the pieces (a 100,000-line snapshot is about 10 MB).
  const bytes = new TextEncoder().encode(
    canonicalJson({
      kind: head.kind,
      subjectId: head.subjectId,
      title: head.title,
      startDate,
      endDate,
      summary: head.summary,
      lines,
    }),
  );
  const contentHash = toHex(await crypto.subtle.digest("SHA-256", bytes));
  const { inline, chunks } = storageOfEncoded(bytes);
  return { startDate, endDate, contentHash, lineCount, stored: { content: inline, chunkCount: chunks.length, chunks } };
}

/**
 * Adds the notice and its ledger entry to `w`'s batch. The notice row learns its ledger
 * sequence number inside the same batch. A snapshot above CHUNK_BYTES goes into notice_chunks
 * in the same batch (the pieces find their notice by kind + subject: `latestNoticeId`), so the
 * notice never exists without all of its pieces. Returns the prepared snapshot.
 */
export async function publishNotice(ctx: ServiceContext, w: AuditedWrite, draft: NoticeDraft): Promise<PreparedNotice> {
  const { lines, ...d } = publicDraft(draft);
  const p = await snapshotOf(d, lines, todayInChina());
  // The ledger carries the notice's header and the hash of its full snapshot (which the public
  // notice API serves), so a 10,000-line list is not stored twice.
  w.publish({
    kind: "notice.published",
    ref: `${d.kind}:${d.subjectId}`,
    villageIds: d.villageIds,
    content: {
      kind: d.kind,
      subjectId: d.subjectId,
      title: d.title,
      startDate: p.startDate,
      endDate: p.endDate,
      summary: d.summary,
      lineCount: p.lineCount,
      noticeContentHash: p.contentHash,
    },
  });
  w.add((pos) =>
    ctx.db.insert(notices).values({
      kind: d.kind,
      subjectId: d.subjectId,
      title: d.title,
      villageIds: d.villageIds,
      startDate: p.startDate,
      endDate: p.endDate,
      content: p.stored.content,
      contentHash: p.contentHash,
      chunkCount: p.stored.chunkCount,
      lineCount: p.lineCount,
      ledgerSeq: pos.ledgerSeqs[pos.ledgerSeqs.length - 1] ?? null,
    }),
  );
  p.stored.chunks.forEach((text, chunkNo) => {
    w.add(ctx.db.insert(noticeChunks).values({ noticeId: latestNoticeId(d.kind, d.subjectId), chunkNo, text }));
  });
  return p;
}

/** SQL for "the newest notice of this subject" inside a batch (its id is not known beforehand). */
export function latestNoticeId(kind: NoticeKind, subjectId: number) {
  return sql`(SELECT max(id) FROM notices WHERE kind = ${kind} AND subject_id = ${subjectId})`;
}
