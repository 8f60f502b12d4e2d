/**
 * 密钥轮换: re-encrypts a tenant's personal data under the current master key (PII_MASTER_KEY),
 * reading with the previous one (PII_MASTER_KEY_PREVIOUS), page by page.
 *
 * Why this shape:
 * - Resumable: after every page the table index and last row id are stored in `pii_rotations`, in
 *   the same D1 batch as the rewritten rows and the page's audit entry; an interruption loses at
 *   most the page in flight, which the next run redoes.
 * - Harmless twice: rows already under the current key are skipped; each row update compares the
 *   old ciphertext (a concurrent edit wins, it is already under the current key); the progress
 *   update is guarded on the old cursor, so a second runner on the same page gets a 409.
 * - Bounded: ≤ 100 rows per page, one UPDATE per changed row, ≤ 10 pages per call, well under
 *   D1's 100 parameters per statement and 1000 statements per invocation.
 * - No plaintext leaves the function: audit entries and logs name tables, row ids and counts.
 */
import { and, eq, ne } from "drizzle-orm";
import { piiRotations, type PiiRotationRow, type PiiRotationStatus } from "../../db/schema/tenant/pii-rotation.ts";
import { type Actor, AuditedWrite } from "../domain/audited-write.ts";
import type { ServiceContext } from "../domain/service-context.ts";
import { PiiDecryptError, type PiiKeys } from "../lib/pii-crypto.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { decryptColumn, needsRewrite, ROTATION_TABLES, type Row, rewriteColumn, selectList } from "./columns.ts";
import { endorseOlderCheckpointKeys } from "./endorsements.ts";

export const MAX_PAGE_SIZE = 100;
export const MAX_PAGES_PER_RUN = 10;

export interface RotationProgress {
  id: number | null;
  /** The key values are being rewritten under: the current PII_MASTER_KEY's id. */
  targetKid: string;
  status: PiiRotationStatus | "not_started";
  /** Table being rewritten, null when done. */
  table: string | null;
  step: number;
  steps: number;
  cursor: number;
  rewritten: number;
  unreadable: number;
  /** Rows still to visit (this table after the cursor, and the tables after it). */
  remainingRows: number;
  startedAt: number | null;
  finishedAt: number | null;
}

async function currentKeys(ctx: ServiceContext): Promise<PiiKeys & { kid: string }> {
  const keys = await ctx.piiKeys();
  if (keys.kid === null)
    throw new AppError("conflict", "该租户在控制库中还没有密钥盐（key_salt），请先执行控制库迁移 0002 再轮换");
  return keys as PiiKeys & { kid: string };
}

async function remainingRows(ctx: ServiceContext, step: number, cursor: number): Promise<number> {
  if (step >= ROTATION_TABLES.length) return 0;
  const parts = ROTATION_TABLES.slice(step).map(
    (t, i) => `(SELECT count(*) FROM ${t.table} WHERE id > ${i === 0 ? "?1" : "0"}${t.only ? ` AND ${t.only}` : ""})`,
  );
  const row = await ctx.d1
    .prepare(`SELECT ${parts.join(" + ")} AS n`)
    .bind(cursor)
    .first<{ n: number }>();
  return row?.n ?? 0;
}

/** A rotation finished before tables were appended to ROTATION_TABLES: the next call rewrites those. */
function unfinished(r: PiiRotationRow): boolean {
  return r.status === "done" && r.step < ROTATION_TABLES.length;
}

async function progressOf(ctx: ServiceContext, kid: string, r: PiiRotationRow | undefined): Promise<RotationProgress> {
  const step = r?.step ?? 0;
  const cursor = r?.cursor ?? 0;
  const reopen = r !== undefined && unfinished(r);
  const done = r?.status === "done" && !reopen;
  return {
    id: r?.id ?? null,
    targetKid: kid,
    status: reopen ? "running" : (r?.status ?? "not_started"),
    table: done ? null : (ROTATION_TABLES[step]?.table ?? null),
    step,
    steps: ROTATION_TABLES.length,
    cursor,
    rewritten: r?.rewritten ?? 0,
    unreadable: r?.unreadable ?? 0,
    remainingRows: done ? 0 : await remainingRows(ctx, step, cursor),
    startedAt: r?.startedAt ?? null,
    finishedAt: r?.finishedAt ?? null,
  };
}

async function rotationOf(ctx: ServiceContext, kid: string): Promise<PiiRotationRow | undefined> {
  return ctx.db.select().from(piiRotations).where(eq(piiRotations.targetKid, kid)).get();
}

/** Where the rotation to the current master key stands (not_started when it was never run). */
export async function rotationProgress(ctx: ServiceContext): Promise<RotationProgress> {
  const keys = await currentKeys(ctx);
  return progressOf(ctx, keys.kid, await rotationOf(ctx, keys.kid));
}

/** The rotation to the current key, started (and audited) if there is none; an older running one is superseded. */
async function startRotation(ctx: ServiceContext, actor: Actor, kid: string): Promise<PiiRotationRow> {
  const existing = await rotationOf(ctx, kid);
  if (existing) return existing;
  const now = ctx.now();
  await new AuditedWrite(ctx, actor)
    .addRaw(
      ctx.d1
        .prepare(
          "INSERT INTO pii_rotations (target_kid, status, started_at, updated_at) VALUES (?1, 'running', ?2, ?2) ON CONFLICT (target_kid) DO NOTHING",
        )
        .bind(kid, now),
    )
    .add(
      ctx.db
        .update(piiRotations)
        .set({ status: "superseded", updatedAt: now })
        .where(and(eq(piiRotations.status, "running"), ne(piiRotations.targetKid, kid))),
    )
    .audit({ action: "pii.rotation_started", entity: "pii_rotation", entityId: kid, after: { targetKid: kid } })
    .commit();
  return (await rotationOf(ctx, kid))!;
}

/**
 * Reopens a rotation marked done before tables were appended to ROTATION_TABLES (评议 codes and
 * 村两委 ID numbers, 0025): its step already points at the first new table, so the job goes on
 * there instead of leaving those values under a key about to be removed.
 */
async function reopenRotation(ctx: ServiceContext, actor: Actor, r: PiiRotationRow): Promise<PiiRotationRow> {
  await new AuditedWrite(ctx, actor)
    .addRaw(
      ctx.d1
        .prepare(
          "UPDATE pii_rotations SET status = 'running', finished_at = NULL, updated_at = ?1 WHERE id = ?2 AND status = 'done' AND step = ?3",
        )
        .bind(ctx.now(), r.id, r.step),
    )
    .audit({
      action: "pii.rotation_reopened",
      entity: "pii_rotation",
      entityId: r.targetKid,
      after: { table: ROTATION_TABLES[r.step]?.table ?? null },
    })
    .commit();
  return (await rotationOf(ctx, r.targetKid))!;
}

interface PageResult {
  rewritten: number;
  unreadable: number;
}

/** Rewrites one page of one table; returns the statements (row updates) and counts. */
async function rewritePage(
  ctx: ServiceContext,
  keys: PiiKeys,
  step: number,
  rows: Row[],
): Promise<{ stmts: D1PreparedStatement[] } & PageResult> {
  const t = ROTATION_TABLES[step]!;
  const stmts: D1PreparedStatement[] = [];
  let rewritten = 0;
  let unreadable = 0;
  for (const row of rows) {
    const sets: Record<string, string> = {};
    const compare: Record<string, string | number | null> = {};
    for (const c of t.columns) {
      if (!needsRewrite(keys, c, row)) continue;
      let plain: string;
      try {
        plain = await decryptColumn(keys, t, c, row);
      } catch (err) {
        if (!(err instanceof PiiDecryptError)) throw err;
        unreadable++;
        console.error(
          `[pii_rotation] tenant=${ctx.tenant.slug} record=${t.table}#${row.id} column=${c.column}: ${err.message}`,
        );
        continue;
      }
      Object.assign(sets, await rewriteColumn(keys, t, c, row, plain));
      compare[c.column] = row[c.column] ?? null;
    }
    const names = Object.keys(sets);
    if (names.length === 0) continue;
    for (const e of t.extra) compare[e] = row[e] ?? null;
    const cmp = Object.keys(compare);
    // Compare-and-set: a row edited since it was read keeps the edit (already under the current key).
    const sql = `UPDATE ${t.table} SET ${names.map((n, i) => `${n} = ?${i + 1}`).join(", ")}
      WHERE id = ?${names.length + 1} AND ${cmp.map((n, i) => `${n} IS ?${names.length + 2 + i}`).join(" AND ")}`;
    stmts.push(ctx.d1.prepare(sql).bind(...names.map((n) => sets[n]), row.id, ...cmp.map((n) => compare[n])));
    rewritten++;
  }
  return { stmts, rewritten, unreadable };
}

/**
 * Runs up to `maxPages` pages of the rotation to the current master key and reports progress.
 * Safe to call any number of times, from a script or the operator API; when done it changes nothing.
 */
export async function runRotation(
  ctx: ServiceContext,
  actor: Actor,
  opts: { maxPages?: number; pageSize?: number } = {},
): Promise<RotationProgress> {
  const maxPages = Math.min(Math.max(opts.maxPages ?? MAX_PAGES_PER_RUN, 1), MAX_PAGES_PER_RUN);
  const pageSize = Math.min(Math.max(opts.pageSize ?? 50, 1), MAX_PAGE_SIZE);
  const keys = await currentKeys(ctx);
  // Before anything is re-encrypted: once the old key is gone, its checkpoints verify only through this.
  await endorseOlderCheckpointKeys(ctx, actor);
  let r = await startRotation(ctx, actor, keys.kid);
  if (unfinished(r)) r = await reopenRotation(ctx, actor, r);
  for (let page = 0; page < maxPages && r.status === "running"; page++) {
    const t = ROTATION_TABLES[r.step];
    const rows = t
      ? ((
          await ctx.d1
            .prepare(
              `SELECT ${selectList(t)} FROM ${t.table} WHERE id > ?1${t.only ? ` AND ${t.only}` : ""} ORDER BY id LIMIT ?2`,
            )
            .bind(r.cursor, pageSize)
            .all<Row>()
        ).results ?? [])
      : [];
    const { stmts, rewritten, unreadable } = t
      ? await rewritePage(ctx, keys, r.step, rows)
      : { stmts: [], rewritten: 0, unreadable: 0 };
    // A short page ends the table: the next run starts the next table at id 0.
    const lastId = rows.length > 0 ? Number(rows.at(-1)!.id) : r.cursor;
    const nextStep = rows.length < pageSize ? r.step + 1 : r.step;
    const nextCursor = nextStep === r.step ? lastId : 0;
    const done = nextStep >= ROTATION_TABLES.length;
    const now = ctx.now();
    const w = new AuditedWrite(ctx, actor);
    for (const s of stmts) w.addRaw(s);
    w.guardedRaw(
      ctx.d1
        .prepare(
          `UPDATE pii_rotations SET step = ?1, cursor = ?2, rewritten = rewritten + ?3, unreadable = unreadable + ?4,
             updated_at = ?5, status = ?6, finished_at = ?7
           WHERE id = ?8 AND step = ?9 AND cursor = ?10 AND status = 'running'`,
        )
        .bind(
          nextStep,
          nextCursor,
          rewritten,
          unreadable,
          now,
          done ? "done" : "running",
          done ? now : null,
          r.id,
          r.step,
          r.cursor,
        ),
      "另一个密钥轮换任务刚处理了这一页，请刷新进度后再继续",
    ).audit({
      action: done ? "pii.rotation_done" : "pii.rotated",
      entity: "pii_rotation",
      entityId: keys.kid,
      after: {
        table: t?.table ?? null,
        fromId: r.cursor + 1,
        toId: lastId,
        rows: rows.length,
        rewritten,
        unreadable,
      },
    });
    await w.commit();
    r = (await rotationOf(ctx, keys.kid))!;
  }
  return progressOf(ctx, keys.kid, r);
}
