import { createRoute, z } from "@hono/zod-openapi";
import { createRouter, jsonResponse, publicAccess, publicErrors } from "../platform/router.ts";
import { AppError } from "../platform/errors/app-error.ts";
import { exportStream, ledgerPage } from "./service.ts";
import { verifyTenantLedger } from "./verify.ts";
import { VerifyQuery } from "./verify-query.ts";
import { trustedKeys } from "./checkpoints.ts";

export const ledgerApi = createRouter();
const tags = ["公开账本"];

const Entry = z
  .object({
    seq: z.number().int(),
    at: z.number().int().openapi({ description: "Unix 秒" }),
    kind: z.string(),
    ref: z.string(),
    villageIds: z.array(z.number().int()),
    content: z.unknown().openapi({ description: "公开内容（已脱敏）；contentHash = SHA-256(content 的规范 JSON)" }),
    contentHash: z.string(),
    prevHash: z.string(),
    hash: z.string(),
  })
  .openapi("LedgerEntry");
const Head = z.object({ seq: z.number().int(), hash: z.string(), at: z.number().int() }).nullable();
const LedgerQuery = z.object({
  after: z.coerce.number({ error: "after 应为序号" }).int().min(0, "after 不能为负").default(0),
  limit: z.coerce
    .number({ error: "limit 应为数字" })
    .int()
    .min(1, "limit 至少为 1")
    .max(1000, "每页最多 1000 条")
    .default(200),
});
const Verification = z
  .object({
    ok: z.boolean(),
    count: z.number().int().openapi({ description: "本次请求校验的条目数" }),
    head: z.string().openapi({ description: "本次校验到的最后一条的哈希" }),
    firstBreak: z
      .object({
        seq: z.number().int(),
        reason: z.enum([
          "content_hash_mismatch",
          "prev_hash_mismatch",
          "hash_mismatch",
          "sequence_gap",
          "checkpoint_forged",
        ]),
      })
      .nullable(),
    checkedAt: z.number().int(),
    mode: z.enum(["since_checkpoint", "full"]).openapi({
      description: "since_checkpoint：自最近的已签名校验点校验到链头；full：从第 1 条起的分页完整校验中的一页",
    }),
    from: z.number().int().openapi({ description: "从此序号之后开始校验（0 即第 1 条）" }),
    through: z.number().int().openapi({ description: "校验到的最后序号" }),
    headSeq: z.number().int(),
    next: z.string().nullable().openapi({ description: "下一页的 cursor；为 null 时已校验到链头" }),
    cached: z.boolean().openapi({ description: "同一链头的校验结果取自缓存" }),
  })
  .openapi("LedgerVerification");

ledgerApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "listLedgerEntries",
    tags,
    summary: "公开：公开账本（哈希链），按序号分页：?after=上一页最后的序号&limit=（无需登录）",
    description: "校验方法见 workers/ledger/README.md，脚本 db/scripts/verify-ledger.mjs",
    security: publicAccess,
    request: { query: LedgerQuery },
    responses: {
      200: jsonResponse(
        z.object({ items: z.array(Entry), head: Head, next: z.number().int().nullable() }).openapi("LedgerPage"),
        "账本",
      ),
      ...publicErrors,
    },
  }),
  async (c) => {
    const q = c.req.valid("query");
    c.header("Cache-Control", "no-cache");
    return c.json(await ledgerPage(c.var.ctx, q.after, q.limit), 200);
  },
);

ledgerApi.openapi(
  createRoute({
    method: "get",
    path: "/verify",
    operationId: "verifyLedger",
    tags,
    summary: "公开：校验账本哈希链，报告第一处断裂",
    description:
      "不带 cursor：自最近的已签名校验点（audit.checkpoint v2 签名了自身在账本中的位置）重新计算到链头，结果按链头缓存。" +
      "完整校验：cursor=0 起，每次最多校验 250 条，按返回的 next 继续，直到 next 为 null。",
    security: publicAccess,
    request: { query: VerifyQuery },
    responses: { 200: jsonResponse(Verification, "校验结果"), 400: publicErrors[400], 404: publicErrors[404] },
  }),
  async (c) => {
    c.header("Cache-Control", "no-store");
    return c.json(await verifyTenantLedger(c.var.ctx, c.req.valid("query").cursor, c.req.valid("query").limit), 200);
  },
);

ledgerApi.openapi(
  createRoute({
    method: "get",
    path: "/export",
    operationId: "exportLedger",
    tags,
    summary: "公开：下载整条账本（JSON Lines，content 为原文；按页流式输出）",
    security: publicAccess,
    responses: {
      200: { description: "每行一条记录", content: { "application/x-ndjson": { schema: z.string() } } },
      404: publicErrors[404],
    },
  }),
  async (c) => {
    return c.body(exportStream(c.var.ctx), 200, {
      "Content-Type": "application/x-ndjson; charset=utf-8",
      "Content-Disposition": `attachment; filename="ledger-${c.var.tenant.slug}.jsonl"`,
      "Cache-Control": "no-store",
    }) as never;
  },
);

ledgerApi.openapi(
  createRoute({
    method: "get",
    path: "/checkpoint-key",
    operationId: "getCheckpointKey",
    tags,
    security: publicAccess,
    summary: "公开：审计日志校验点的签名公钥（Ed25519）",
    description:
      "账本中 kind = audit.checkpoint 的条目是审计日志链头（auditSeq、auditHash）的签名校验点；签名内容为 " +
      '"bangfu-audit-checkpoint/v1\\n<租户>\\n<auditSeq>\\n<auditHash>\\n<at>"（v2 另加账本位置；v3 另加签名密钥编号 kid，签名写作 "<kid>.<Base64>"）。' +
      "持有旧校验点或旧账本导出的人可据此发现审计日志或账本被截断。主密钥轮换后，旧公钥列在 previousKeys 中，由新密钥背书，旧校验点仍可校验。",
    responses: {
      200: jsonResponse(
        z
          .object({
            alg: z.literal("Ed25519"),
            publicKey: z.string().openapi({ description: "32 字节原始公钥，Base64" }),
            kid: z
              .string()
              .nullable()
              .openapi({ description: "签名密钥对应的主密钥编号；旧格式（按租户代码派生）为 null" }),
            previousKeys: z
              .array(z.object({ kid: z.string().nullable(), publicKey: z.string() }))
              .openapi({ description: "仍受信任的旧公钥（仍配置的旧主密钥，或经新密钥背书的已轮换密钥）" }),
          })
          .openapi("CheckpointKey"),
        "公钥",
      ),
      ...publicErrors,
    },
  }),
  async (c) => {
    const key = await c.var.ctx.checkpointKey();
    if (!key) throw new AppError("tenant_unavailable", "签名密钥未配置（PII_MASTER_KEY）");
    const trusted = (await trustedKeys(c.var.ctx)) ?? new Map<string, string | null>();
    const previousKeys = [...trusted]
      .filter(([publicKey]) => publicKey !== key.publicKey)
      .map(([publicKey, kid]) => ({ kid, publicKey }));
    c.header("Cache-Control", "public, max-age=3600");
    return c.json({ alg: "Ed25519" as const, publicKey: key.publicKey, kid: key.kid, previousKeys }, 200);
  },
);
