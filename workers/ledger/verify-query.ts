import { z } from "@hono/zod-openapi";
import { type ChainPoint, parseCursor } from "../lib/chain-cursor.ts";

/** `?cursor=` of a paged full verification: "0" to start at entry 1, then each answer's `next`. */
export const VerifyQuery = z.object({
  cursor: z
    .string()
    .max(100)
    .optional()
    .transform((s, ctx) => {
      if (s === undefined || s === "") return undefined;
      const p = parseCursor(s);
      if (!p) {
        ctx.addIssue({ code: "custom", message: "cursor 应为 0 或上一页返回的 next" });
        return z.NEVER;
      }
      return p;
    })
    .openapi({ description: "完整校验：0 从第 1 条开始，之后传上一页返回的 next；不传则自最近的校验点校验" }),
  limit: z.coerce
    .number({ error: "limit 应为数字" })
    .int()
    .min(1, "limit 至少为 1")
    .max(250, "每次最多校验 250 条")
    .default(250)
    .openapi({ description: "本次最多校验的条目数（1–250）" }),
});

/** The admin pages' `?cursor=`: a bad one starts the full verification over (it only reads). */
export function verifyCursor(raw: string | undefined): ChainPoint | undefined {
  return raw ? (parseCursor(raw) ?? parseCursor("0")!) : undefined;
}
