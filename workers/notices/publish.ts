import { sql } from "drizzle-orm";
import type { Context } from "hono";
import type { AppEnv } from "../env.ts";
import { notices, type NoticeKind } from "../../db/schema/tenant/notices.ts";
import type { AuditedWrite } from "../audit/audited-write.ts";
import { canonicalJson } from "../lib/canonical-json.ts";
import { sha256Hex } from "../lib/bytes.ts";
import { addDays, todayInChina } from "../lib/dates.ts";

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
  content: string;
  contentHash: string;
}

/**
 * 公示 opens today (Asia/Shanghai) and runs `noticeDays` calendar days: start … start + days − 1
 * inclusive, so a 7-day notice opened on the 1st can be approved from the 8th.
 */
export async function prepareNotice(d: NoticeDraft, today = todayInChina()): Promise<PreparedNotice> {
  const startDate = today;
  const endDate = addDays(startDate, d.noticeDays - 1);
  const content = canonicalJson({ kind: d.kind, subjectId: d.subjectId, title: d.title, startDate, endDate, summary: d.summary, lines: d.lines });
  return { startDate, endDate, content, contentHash: await sha256Hex(content) };
}

/**
 * Adds the notice and its ledger entry to `w`'s batch. The notice row learns its ledger
 * sequence number inside the same batch. Returns the prepared snapshot.
 */
export async function publishNotice(c: Context<AppEnv>, w: AuditedWrite, d: NoticeDraft): Promise<PreparedNotice> {
  const p = await prepareNotice(d);
  // The ledger carries the notice's header and the hash of its full snapshot (which the public
  // notice API serves), so a 10,000-line list is not stored twice.
  w.publish({
    kind: "notice.published",
    ref: `${d.kind}:${d.subjectId}`,
    villageIds: d.villageIds,
    content: { kind: d.kind, subjectId: d.subjectId, title: d.title, startDate: p.startDate, endDate: p.endDate, summary: d.summary, lineCount: d.lines.length, noticeContentHash: p.contentHash },
  });
  w.add((pos) =>
    c.var.db.insert(notices).values({
      kind: d.kind,
      subjectId: d.subjectId,
      title: d.title,
      villageIds: d.villageIds,
      startDate: p.startDate,
      endDate: p.endDate,
      content: p.content,
      contentHash: p.contentHash,
      ledgerSeq: pos.ledgerSeqs[pos.ledgerSeqs.length - 1] ?? null,
    }),
  );
  return p;
}

/** SQL for "the newest notice of this subject" inside a batch (its id is not known beforehand). */
export function latestNoticeId(kind: NoticeKind, subjectId: number) {
  return sql`(SELECT max(id) FROM notices WHERE kind = ${kind} AND subject_id = ${subjectId})`;
}
