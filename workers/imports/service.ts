import { and, asc, eq, sql } from "drizzle-orm";
import type { ServiceContext } from "../domain/service-context.ts";
import { csvImportChunks, csvImports } from "../../db/schema/tenant/imports.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { AuditedWrite } from "../domain/audited-write.ts";
import { can } from "../domain/permissions.ts";
import { CsvError, decodeCsvBytes, parseCsvSheet, sheetRecords, toCsv, csvResponseBody } from "../lib/csv.ts";
import type { AnyImport, RowError } from "./definition.ts";
import { importDefinition } from "./registry.ts";

import { decryptPii, encryptPii, isEncryptedPii } from "../lib/pii-crypto.ts";
import { storageOf } from "../lib/chunks.ts";

/**
 * Uploaded files hold personal data (ID numbers, phones) in plain text, so the staged copy is
 * encrypted like any other personal data, and emptied once the file is committed or discarded.
 */
const STAGED_CONTEXT = "csv_imports.content";
async function sealContent(ctx: ServiceContext, text: string): Promise<string> {
  return encryptPii(await ctx.piiKeys(), text, STAGED_CONTEXT);
}
async function openContent(ctx: ServiceContext, stored: string): Promise<string> {
  return isEncryptedPii(stored) ? decryptPii(await ctx.piiKeys(), stored, STAGED_CONTEXT) : stored;
}

/**
 * D1 caps a row at 2,000,000 bytes and the sealed copy of an upload near the 2 MB body limit is
 * up to about 4 MB (GB18030 → UTF-8 grows by half, base64 adds a third): a sealed text above CHUNK_BYTES is
 * staged in csv_import_chunks (same batch as the row, which then holds ""), so every file the body
 * limit lets through — and so every file of up to MAX_IMPORT_ROWS rows — can be previewed and
 * committed. The pieces are deleted with the staged copy on commit or discard.
 */
async function stagedText(ctx: ServiceContext, row: { id: number; content: string }): Promise<string> {
  if (row.content !== "") return openContent(ctx, row.content);
  const pieces = await ctx.db
    .select({ text: csvImportChunks.text })
    .from(csvImportChunks)
    .where(eq(csvImportChunks.importId, row.id))
    .orderBy(asc(csvImportChunks.chunkNo))
    .all();
  return openContent(ctx, pieces.map((p) => p.text).join(""));
}

/** Rows a single file may hold; well above the 5,000-household files counties use. */
export const MAX_IMPORT_ROWS = 20_000;
/** How many row errors are returned and shown (the count is always complete). */
const ERRORS_SHOWN = 500;

/** A staged entity is "<entity>" or, for targeted imports, "<entity>:<target>" (e.g. "batch_lines:12"). */
export function splitEntity(entity: string): { name: string; target: string | undefined } {
  const i = entity.indexOf(":");
  return i < 0 ? { name: entity, target: undefined } : { name: entity.slice(0, i), target: entity.slice(i + 1) };
}

export function definitionFor(ctx: ServiceContext, entity: string): AnyImport {
  const def = importDefinition(splitEntity(entity).name);
  if (!def) throw new AppError("not_found", "不支持导入这种数据");
  if (!can(ctx.user!.role, def.permission)) throw new AppError("forbidden", "您的角色无权导入这种数据");
  return def;
}

export function templateCsv(def: AnyImport): Uint8Array {
  const header = def.columns.map((col) => (col.required === false ? col.header : `${col.header}*`));
  return csvResponseBody(toCsv([header, ...def.example]));
}

interface Checked {
  rowCount: number;
  errors: RowError[];
  values: unknown[];
  prep: unknown;
}

/**
 * `keep`: whether the validated rows are kept (commit writes them; a preview only counts and
 * reports, and a 100,000-row file's rows are tens of MB of the isolate's 128).
 */
async function check(
  ctx: ServiceContext,
  def: AnyImport,
  text: string,
  target: string | undefined,
  keep: boolean,
): Promise<Checked> {
  // First: an unknown or foreign target (a batch id) is 404 even when the file itself is bad.
  const prep = await def.prepare(ctx, target);
  const sheet = parseCsvSheet(text, def.columns);
  if (!sheet.ok)
    return {
      rowCount: 0,
      errors: [{ row: sheet.row ?? 1, column: "（表头）", message: sheet.message }],
      values: [],
      prep: undefined,
    };
  const rowCount = sheet.recordCount;
  if (rowCount === 0)
    return {
      rowCount: 0,
      errors: [{ row: 2, column: "（文件）", message: "文件中没有数据行" }],
      values: [],
      prep: undefined,
    };
  const maxRows = def.maxRows ?? MAX_IMPORT_ROWS;
  if (rowCount > maxRows) {
    return {
      rowCount,
      errors: [{ row: maxRows + 2, column: "（文件）", message: `一次最多导入 ${maxRows} 行，请拆分文件` }],
      values: [],
      prep: undefined,
    };
  }
  const errors: RowError[] = [];
  const values: unknown[] = [];
  // A slice at a time: its records, and the recipients looked up for them, are garbage before the
  // next slice's are made (at 100,000 rows, all at once they were tens of MB beside the file).
  for (let from = 1; from < sheet.rows.length; from += ROWS_PER_SLICE) {
    const records = sheetRecords(sheet, from, from + ROWS_PER_SLICE);
    await def.lookup?.(
      ctx,
      prep,
      records.map((r) => r.values),
    );
    for (const record of records) {
      const result = await def.validate(record.values, prep, ctx, record.row);
      if (result.ok) {
        if (keep) values.push(result.value);
      } else for (const e of result.errors) errors.push({ row: record.row, column: e.column, message: e.message });
    }
  }
  return { rowCount, errors, values, prep: keep ? prep : undefined };
}

/** Rows validated per slice (one lookup round per slice). */
const ROWS_PER_SLICE = 20_000;

export interface Preview {
  id: number;
  entity: string;
  label: string;
  fileName: string | null;
  encoding: string;
  rowCount: number;
  errorCount: number;
  errors: RowError[];
  status: "previewed" | "committed" | "discarded";
}

/** Decodes, parses and validates a file and stages it; nothing of the entity is written yet. */
export async function previewImport(
  ctx: ServiceContext,
  entity: string,
  bytes: Uint8Array,
  fileName: string | null,
  target?: string,
): Promise<Preview> {
  const def = definitionFor(ctx, entity);
  if (Boolean(def.targeted) !== (target !== undefined)) throw new AppError("not_found", "不支持导入这种数据");
  const stagedEntity = target === undefined ? def.entity : `${def.entity}:${target}`;
  let decoded: ReturnType<typeof decodeCsvBytes>;
  try {
    decoded = decodeCsvBytes(bytes);
  } catch (err) {
    if (err instanceof CsvError) throw new AppError("bad_request", err.message);
    throw err;
  }
  // Only the counts and errors outlive the check: the rows, the lookups and the parsed file are
  // garbage before the awaits below (a 100,000-row file's are tens of MB of the isolate's 128).
  const { rowCount, errors } = await check(ctx, def, decoded.text, target, false);
  const sealed = storageOf(await sealContent(ctx, decoded.text));
  const encoding = decoded.encoding;
  const userId = ctx.user!.id;
  const w = new AuditedWrite(ctx).add(
    ctx.db
      .insert(csvImports)
      .values({
        entity: stagedEntity,
        fileName,
        encoding,
        content: sealed.inline,
        rowCount,
        errorCount: errors.length,
        errors: JSON.stringify(errors.slice(0, ERRORS_SHOWN)),
        createdBy: userId,
      })
      .returning({ id: csvImports.id }),
  );
  // The pieces find their row as this user's newest staged file: the batch runs as one transaction.
  const importId = sql`(SELECT max(id) FROM csv_imports WHERE created_by = ${userId})`;
  for (const [chunkNo, text] of sealed.chunks.entries())
    w.add(ctx.db.insert(csvImportChunks).values({ importId, chunkNo, text }));
  const [rows] = (await w
    .audit({
      action: "import.preview",
      entity: "csv_import",
      after: { entity: stagedEntity, fileName, rows: rowCount, errors: errors.length },
    })
    .commit()) as [{ id: number }[]];
  return {
    id: rows[0]!.id,
    entity: stagedEntity,
    label: def.label,
    fileName,
    encoding,
    rowCount,
    errorCount: errors.length,
    errors: errors.slice(0, ERRORS_SHOWN),
    status: "previewed",
  };
}

async function staged(ctx: ServiceContext, id: number) {
  const row = await ctx.db
    .select()
    .from(csvImports)
    .where(and(eq(csvImports.id, id), eq(csvImports.createdBy, ctx.user!.id)))
    .get();
  if (!row) throw new AppError("not_found", "没有这个导入记录");
  return row;
}

export async function getImport(ctx: ServiceContext, id: number): Promise<Preview> {
  const row = await staged(ctx, id);
  const def = definitionFor(ctx, row.entity);
  return {
    id: row.id,
    entity: row.entity,
    label: def.label,
    fileName: row.fileName,
    encoding: row.encoding,
    rowCount: row.rowCount,
    errorCount: row.errorCount,
    errors: JSON.parse(row.errors) as RowError[],
    status: row.status,
  };
}

/**
 * Writes every row of a previewed file in one D1 batch, or nothing: the file is validated again
 * against the data as it is now, and any error refuses the whole file (422 with the row errors).
 */
export async function commitImport(
  ctx: ServiceContext,
  id: number,
): Promise<{ id: number; entity: string; inserted: number; statements: number }> {
  const row = await staged(ctx, id);
  if (row.status !== "previewed") throw new AppError("conflict", "该文件已经导入或已放弃，请重新上传");
  const def = definitionFor(ctx, row.entity);
  const { statements, guards, inserted, records } = await writePlan(ctx, def, row);
  const w = new AuditedWrite(ctx).guarded(
    ctx.db
      .update(csvImports)
      .set({ status: "committed", content: "", committedAt: Math.floor(Date.now() / 1000) })
      .where(and(eq(csvImports.id, id), eq(csvImports.status, "previewed"))),
    "该文件已经导入，请勿重复提交",
  );
  w.add(ctx.db.delete(csvImportChunks).where(eq(csvImportChunks.importId, id)));
  for (const g of guards) w.guarded(g.item, g.message);
  for (const s of statements) w.addRaw(s);
  await w
    .audit({
      action: "import.commit",
      entity: row.entity,
      entityId: `import-${id}`,
      after: { rows: inserted, records },
    })
    .commit()
    .catch((err) => {
      // A unique key another writer took between the re-validation and the write: nothing was written.
      if (!(err instanceof AppError) && /UNIQUE constraint/i.test(`${err?.message ?? err} ${String(err?.cause ?? "")}`))
        throw new AppError("conflict", "数据在预览后已发生变化（出现重复记录），未导入任何数据，请重新上传预览");
      throw err;
    });
  return { id, entity: row.entity, inserted, statements: statements.length };
}

/**
 * The staged file validated again and turned into its write statements. A function of its own so
 * that the file's text, parsed rows, validated rows and lookups are all unreachable once it
 * returns: while D1 runs the write, a 100,000-row file is held once (as statements), not three
 * times (measured by bench:batch's memory round).
 */
async function writePlan(ctx: ServiceContext, def: AnyImport, row: { id: number; entity: string; content: string }) {
  const checked = await check(ctx, def, await stagedText(ctx, row), splitEntity(row.entity).target, true);
  if (checked.errors.length > 0) {
    throw new AppError("validation_failed", `文件有 ${checked.errors.length} 处错误，未导入任何数据`, {
      fields: checked.errors
        .slice(0, ERRORS_SHOWN)
        .map((e) => ({ field: `第${e.row}行 ${e.column}`, message: e.message })),
    });
  }
  return {
    statements: await def.statements(ctx, checked.values, checked.prep),
    guards: def.guards?.(ctx, checked.prep) ?? [],
    inserted: checked.values.length,
    records: def.summary(checked.values) as unknown,
  };
}

export async function discardImport(ctx: ServiceContext, id: number): Promise<void> {
  const row = await staged(ctx, id);
  if (row.status !== "previewed") return;
  await new AuditedWrite(ctx)
    .add(ctx.db.update(csvImports).set({ status: "discarded", content: "" }).where(eq(csvImports.id, id)))
    .add(ctx.db.delete(csvImportChunks).where(eq(csvImportChunks.importId, id)))
    .audit({ action: "import.discard", entity: "csv_import", entityId: id })
    .commit();
}
