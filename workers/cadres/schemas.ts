import { z } from "@hono/zod-openapi";
import { PageQuery } from "../lib/paging.ts";
import { CADRE_RANKS } from "../../db/schema/tenant/people.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const blankNull = (v: unknown) => (v === "" ? null : v);

/** Booleans from JSON, query strings, form selects and spreadsheets (是/否). */
export const Bool = z.preprocess(
  (v) => {
    if (typeof v !== "string") return v;
    const t = v.trim().toLowerCase();
    if (["true", "1", "on", "yes", "是", "y"].includes(t)) return true;
    if (["false", "0", "off", "no", "否", "n"].includes(t)) return false;
    return v;
  },
  z.boolean({ error: "请选择“是”或“否”" }),
);

/**
 * Normalises a phone number as people type it: spaces and dashes go, a +86/0086 prefix goes.
 * Accepts an 11-digit mobile (1xxxxxxxxxx) or a landline with area code (0xx-xxxxxxx).
 * Returns null when it is neither.
 */
export function normalizePhone(raw: string): string | null {
  let v = raw.normalize("NFKC").replace(/[\s\-()（）]/g, "");
  const intl = /^(?:\+|00)86(\d+)$/.exec(v);
  if (intl) v = intl[1]!;
  if (/^1[3-9]\d{9}$/.test(v)) return v;
  if (/^0\d{9,11}$/.test(v)) return v;
  return null;
}
export const PHONE_MESSAGE = "请填写 11 位手机号或带区号的固定电话";
const Phone = z
  .string()
  .trim()
  .refine((v) => normalizePhone(v) !== null, PHONE_MESSAGE)
  .transform((v) => normalizePhone(v)!);
const OfficePhone = z
  .string()
  .trim()
  .max(40, "办公电话最多 40 个字符")
  .regex(/^[0-9+\-()（）\s转]*$/, "办公电话只能包含数字、+、-、括号");

export const CadreName = z.string().trim().min(1, "请填写姓名").max(40, "姓名最多 40 个字");
const UnitId = z.coerce
  .number({ error: "请选择所属单位" })
  .int("请选择所属单位")
  .positive("请选择所属单位")
  .max(2 ** 31);
const Position = z.string().trim().max(60, "职务最多 60 个字");
export const CadreRank = z.enum(CADRE_RANKS, "请选择职级").openapi({
  description:
    "职级：clerk 科员及以下，deputy_section 副科级，section 正科级，deputy_division 副处级，division 正处级，deputy_bureau 副厅级及以上",
});

export const CadreCreate = z
  .object({
    name: CadreName,
    unitId: UnitId,
    position: z.preprocess(blank, Position.optional()),
    rank: z.preprocess(blank, CadreRank.optional()),
    phone: z
      .preprocess(blank, Phone.optional())
      .openapi({ description: "个人手机，加密存储，列表只显示掩码", example: "13812345678" }),
    officePhone: z.preprocess(blank, OfficePhone.optional()).openapi({ description: "办公电话，可公开" }),
    partyMember: z.preprocess(blank, Bool.optional()).openapi({ description: "中共党员，默认是" }),
    reservePool: z.preprocess(blank, Bool.optional()).openapi({ description: "后备干部，默认否" }),
  })
  .openapi("CadreCreate");

export const CadreUpdate = z
  .object({
    name: CadreName.optional(),
    unitId: UnitId.optional(),
    position: z.preprocess(blankNull, Position.nullable().optional()),
    rank: z
      .preprocess(blankNull, CadreRank.nullable().optional())
      .openapi({ description: "不传则不变；传 null 或空串则清除" }),
    phone: z
      .preprocess(blankNull, Phone.nullable().optional())
      .openapi({ description: "不传则不变；传 null 或空串则清除" }),
    officePhone: z.preprocess(blankNull, OfficePhone.nullable().optional()),
    partyMember: z.preprocess(blank, Bool.optional()),
    reservePool: z.preprocess(blank, Bool.optional()),
  })
  .openapi("CadreUpdate");

export const CadreFilter = z.object({
  unitId: z.preprocess(
    blank,
    z.coerce
      .number()
      .int()
      .positive("无效的单位编号")
      .max(2 ** 31)
      .optional(),
  ),
  reservePool: z.preprocess(blank, Bool.optional()),
  partyMember: z.preprocess(blank, Bool.optional()),
  q: z
    .preprocess(blank, z.string().trim().max(40).optional())
    .openapi({ description: "姓名（模糊）或完整手机号（精确）" }),
});
export const CadreQuery = PageQuery.extend(CadreFilter.shape);

export const Cadre = z
  .object({
    id: z.number().int(),
    name: z.string(),
    unitId: z.number().int(),
    unitName: z.string().nullable(),
    position: z.string().nullable(),
    rank: z.enum(CADRE_RANKS).nullable(),
    phoneMasked: z.string().nullable(),
    officePhone: z.string().nullable(),
    partyMember: z.boolean(),
    reservePool: z.boolean(),
    activeAssignments: z.number().int(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi("Cadre");
export const CadrePage = z
  .object({ items: z.array(Cadre), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("CadrePage");
export const PhoneReveal = z.object({ id: z.number().int(), phone: z.string().nullable() }).openapi("CadrePhone");

export type CadreCreateInput = z.infer<typeof CadreCreate>;
export type CadreUpdateInput = z.infer<typeof CadreUpdate>;
export type CadreFilterInput = z.infer<typeof CadreFilter>;
