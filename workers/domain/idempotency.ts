import { and, eq } from "drizzle-orm";
import type { ServiceContext } from "./service-context.ts";
import { idempotencyKeys } from "../../db/schema/tenant/money.ts";
import { AppError } from "../platform/errors/app-error.ts";
import type { AuditedWrite } from "./audited-write.ts";
import { canonicalJson } from "../lib/canonical-json.ts";
import { sha256Hex } from "../lib/bytes.ts";

export interface IdempotencyClaim {
  key: string;
  route: string;
  requestHash: string;
}

/**
 * Reads `Idempotency-Key`. A retry of the same request (same key, same body) finds the first
 * result's reference; the same key with another body is a client bug (409).
 */
export async function idempotencyOf(
  ctx: ServiceContext,
  /** The request's `Idempotency-Key` header, if any. */
  header: string | undefined,
  route: string,
  body: unknown,
): Promise<{ claim?: IdempotencyClaim; replayRef?: string }> {
  const key = header?.trim();
  if (!key) return {};
  if (!/^[\w.:-]{8,100}$/.test(key))
    throw new AppError("bad_request", "Idempotency-Key 应为 8–100 位字母、数字或 - _ . :");
  const requestHash = await sha256Hex(`${route}\n${canonicalJson(body ?? null)}`);
  const found = await ctx.db
    .select()
    .from(idempotencyKeys)
    .where(and(eq(idempotencyKeys.userId, ctx.user!.id), eq(idempotencyKeys.key, key)))
    .get();
  if (found) {
    if (found.requestHash !== requestHash) throw new AppError("conflict", "该 Idempotency-Key 已用于另一个不同的请求");
    return { replayRef: found.resultRef };
  }
  return { claim: { key, route, requestHash } };
}

/**
 * Records the key in the same batch, right after the statement that created the entity:
 * `last_insert_rowid()` is that entity's id. A concurrent duplicate loses on the primary key and
 * its whole batch (the entity included) rolls back.
 */
export function recordIdempotency(
  ctx: ServiceContext,
  w: AuditedWrite,
  claim: IdempotencyClaim | undefined,
  refPrefix: string,
): void {
  if (!claim) return;
  w.addRaw(
    ctx.d1
      .prepare(
        "INSERT INTO idempotency_keys (key, user_id, route, request_hash, result_ref) VALUES (?, ?, ?, ?, ? || last_insert_rowid())",
      )
      .bind(claim.key, ctx.user!.id, claim.route, claim.requestHash, `${refPrefix}:`),
  );
}

export function refId(ref: string): number {
  return Number(ref.split(":").pop());
}
