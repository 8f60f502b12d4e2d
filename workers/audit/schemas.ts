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
    count: z.number().int().openapi({ description: "本次请求校验通过的条目数" }),
    head: z.string().openapi({ description: "最后一条通过校验的哈希" }),
    firstBreak: z
      .object({
        seq: z.number().int(),
        reason: z
          .enum([
            "prev_hash_mismatch",
            "hash_mismatch",
            "sequence_gap",
            "truncated",
            "checkpoint_mismatch",
            "checkpoint_forged",
          ])
          .openapi({
            description:
              "truncated：日志短于已签名的校验点（末尾条目被删除）；checkpoint_mismatch：校验点处的哈希不符；checkpoint_forged：校验点签名无效",
          }),
        expected: z.string(),
        actual: z.string(),
      })
      .nullable(),
    headSeq: z.number().int().openapi({ description: "当前最后一条审计条目的序号" }),
    mode: z.enum(["since_checkpoint", "full"]).openapi({
      description: "since_checkpoint：自最近的已签名校验点校验到链头；full：分页完整校验中的一页",
    }),
    from: z.number().int().openapi({ description: "从此序号之后开始校验（0 即第 1 条）" }),
    through: z.number().int().openapi({ description: "校验到的最后序号" }),
    next: z.string().nullable().openapi({ description: "下一页的 cursor；为 null 时已校验到链头" }),
    checkpoints: z.number().int().openapi({ description: "公开账本中已签名的审计校验点数量" }),
    lastCheckpoint: z
      .object({
        ledgerSeq: z.number().int(),
        auditSeq: z.number().int(),
        auditHash: z.string(),
        at: z.number().int(),
        signatureValid: z.boolean(),
        headAtOrAfter: z.boolean().openapi({ description: "当前审计链是否仍到达（或超过）该校验点" }),
      })
      .nullable(),
  })
  .openapi("AuditChainReport");
