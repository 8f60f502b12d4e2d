import { z } from "@hono/zod-openapi";
import { AWARD_KINDS, AWARD_RECIPIENT_KINDS } from "../../db/schema/tenant/lagging.ts";
import { Year } from "../lagging-villages/schemas.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const Id = (message: string) =>
  z.coerce
    .number({ error: message })
    .int(message)
    .positive(message)
    .max(2 ** 31, message);

export const AwardCreate = z
  .object({
    year: Year,
    kind: z.enum(AWARD_KINDS, "请选择表彰类别"),
    recipientKind: z.enum(AWARD_RECIPIENT_KINDS, "请选择表彰对象类别").default("cadre"),
    recipientId: Id("请选择表彰对象"),
    programId: Id("请选择发放奖励的资金项目"),
    assessmentId: z.preprocess(blank, Id("年度考核编号无效").optional()),
    citation: z.string({ error: "请填写表彰事由" }).trim().min(1, "请填写表彰事由").max(500, "表彰事由最多 500 个字"),
  })
  .openapi("AwardCreate");
export type AwardCreateInput = z.infer<typeof AwardCreate>;

/**
 * The admin form offers cadres, village cadres and party members in one list, each option's value
 * being "kind:id"; a bare id still means a cadre.
 */
export const AwardCreateForm = z.preprocess((raw) => {
  if (!raw || typeof raw !== "object") return raw;
  const o = raw as Record<string, unknown>;
  const m =
    typeof o.recipientId === "string" ? /^(cadre|village_official|party_member):(\d+)$/.exec(o.recipientId) : null;
  return m ? { ...o, recipientKind: m[1], recipientId: m[2] } : o;
}, AwardCreate);

export const AwardQuery = z.object({
  year: z.preprocess(blank, Year.optional()),
  kind: z.preprocess(blank, z.enum(AWARD_KINDS, "表彰类别无效").optional()),
});
export type AwardQueryInput = z.infer<typeof AwardQuery>;

export const Award = z
  .object({
    id: z.number().int(),
    year: z.number().int(),
    kind: z.enum(AWARD_KINDS),
    recipientKind: z.enum(AWARD_RECIPIENT_KINDS),
    recipientId: z.number().int(),
    recipientName: z.string(),
    villageId: z.number().int().nullable(),
    programId: z.number().int(),
    programName: z.string(),
    assessmentId: z.number().int().nullable(),
    citation: z.string(),
    /** Consecutive years of this kind up to and including this one. */
    streak: z.number().int(),
    /** The batch line paying it, once generated. */
    lineId: z.number().int().nullable(),
    batchId: z.number().int().nullable(),
    lineStatus: z.string().nullable(),
  })
  .openapi("Award");
export const AwardList = z.object({ items: z.array(Award) }).openapi("AwardList");
export const IdParam = z.object({ id: Id("编号无效").openapi({ param: { name: "id", in: "path" } }) });
