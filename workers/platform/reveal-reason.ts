import { z } from "@hono/zod-openapi";

/**
 * Why a user reveals someone's personal data in full (ID number, phone, contact). Required on
 * every reveal and kept in its audit entry, so auditors can judge each reveal.
 */
export const RevealReason = z
  .object({
    reason: z
      .string({ error: "请填写查看原因" })
      .trim()
      .min(2, "查看原因至少 2 个字")
      .max(200, "查看原因最多 200 个字")
      .openapi({ description: "查看原因（2–200 字），记入审计日志", example: "核对补贴发放银行信息" }),
  })
  .openapi("RevealReason");

export type RevealReasonInput = z.infer<typeof RevealReason>;

/** An objector's or feedback contact shown in full. */
export const ContactReveal = z
  .object({ id: z.number().int(), contact: z.string().nullable() })
  .openapi("ContactReveal");
