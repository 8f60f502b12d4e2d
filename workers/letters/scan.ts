import { eq } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { letterScanChunks, responsibilityLetters } from "../../db/schema/tenant/supervision.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { fromBase64, toBase64, toHex } from "../lib/bytes.ts";
import { splitUtf8 } from "../lib/chunks.ts";
import { villageInScope } from "../projects/service.ts";
import { getLetter } from "./service.ts";
import { SCAN_MAX_BYTES, scanTypeOf } from "./scan-file.ts";

/**
 * The signed letter's scan, kept in D1 because no R2 bucket is bound: base64 text in pieces of
 * ≤ 400,000 bytes (a D1 value is capped at 2 MB; 700 KB becomes 3 pieces), replaced as a whole in
 * one batch with the letter's scan columns, so a reader never sees half a file.
 */
export async function putLetterScan(ctx: ServiceContext, letterId: number, name: string, bytes: Uint8Array) {
  const letter = await getLetter(ctx, letterId);
  await villageInScope(ctx, letter.villageCode);
  if (bytes.length === 0)
    throw new AppError("validation_failed", "请选择扫描件文件", {
      fields: [{ field: "scan", message: "请选择扫描件文件" }],
    });
  if (bytes.length > SCAN_MAX_BYTES)
    throw new AppError("payload_too_large", `扫描件不能超过 ${SCAN_MAX_BYTES / 1024} KB，请压缩后再上传`);
  const type = scanTypeOf(bytes);
  if (!type) throw new AppError("unsupported_media_type", "扫描件须为 PDF、JPEG 或 PNG 文件");
  const sha256 = toHex(await crypto.subtle.digest("SHA-256", bytes));
  const pieces = splitUtf8(toBase64(bytes));
  const meta = {
    scanName: name.slice(0, 120) || "责任书扫描件",
    scanType: type,
    scanBytes: bytes.length,
    scanSha256: sha256,
  };
  const w = new AuditedWrite(ctx).add(ctx.db.delete(letterScanChunks).where(eq(letterScanChunks.letterId, letterId)));
  for (const [chunkNo, text] of pieces.entries())
    w.add(ctx.db.insert(letterScanChunks).values({ letterId, chunkNo, text }));
  await w
    .add(
      ctx.db
        .update(responsibilityLetters)
        .set({ ...meta, updatedAt: ctx.now() })
        .where(eq(responsibilityLetters.id, letterId)),
    )
    .audit({ action: "letter.scan", entity: "letter", entityId: letterId, before: letter.scan, after: meta })
    .commit();
  return getLetter(ctx, letterId);
}

export async function getLetterScan(ctx: ServiceContext, letterId: number) {
  const letter = await getLetter(ctx, letterId);
  if (!letter.scan) throw new AppError("not_found", "这份责任书还没有上传扫描件");
  const rows = await ctx.db
    .select({ text: letterScanChunks.text })
    .from(letterScanChunks)
    .where(eq(letterScanChunks.letterId, letterId))
    .orderBy(letterScanChunks.chunkNo)
    .all();
  return { ...letter.scan, bytes: fromBase64(rows.map((r) => r.text).join("")) };
}
