import { z } from "@hono/zod-openapi";

export const AuditEntry = z
  .object({
    seq: z.number().int(),
    at: z.number().int(),
    actorId: z.number().int().nullable(),
    actorName: z.string(),
    actorRole: z.string(),
    action: z.string(),
    entity: z.string(),
    entityId: z.string().nullable(),
    before: z.string().nullable(),
    after: z.string().nullable(),
    requestId: z.string(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi("AuditEntry");

export const AuditPage = z
  .object({ items: z.array(AuditEntry), nextBefore: z.number().int().nullable() })
  .openapi("AuditPage");

export const AuditQuery = z.object({
  before: z.coerce
    .number()
    .int()
    .positive()
    .optional()
    .openapi({ description: "只列出序号小于此值的条目（向前翻页）" }),
  limit: z.coerce.number().int().min(1).max(200).default(50),
  action: z.string().max(64).optional(),
  entity: z.string().max(64).optional(),
});

export const ChainReport = z
  .object({
    ok: z.boolean(),
    count: z.number().int().openapi({ description: "校验通过的条目数" }),
    head: z.string().openapi({ description: "最后一条通过校验的哈希" }),
    firstBreak: z
      .object({
        seq: z.number().int(),
        reason: z.enum(["prev_hash_mismatch", "hash_mismatch", "sequence_gap"]),
        expected: z.string(),
        actual: z.string(),
      })
      .nullable(),
  })
  .openapi("AuditChainReport");
