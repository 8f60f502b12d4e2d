import { z } from "@hono/zod-openapi";
import { PageQuery } from "../lib/paging.ts";
import { DateStr } from "../assignments/schemas.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const Id = (msg: string) =>
  z.coerce
    .number({ error: msg })
    .int(msg)
    .positive(msg)
    .max(2 ** 31, msg);
/** Checkbox / JSON boolean: "on", "true", "1", true → true; absent → false. */
const Flag = z.preprocess((v) => v === true || v === "on" || v === "true" || v === "1", z.boolean());
const PioneerYear = z.preprocess(
  blank,
  z.coerce
    .number({ error: "年度为 4 位数字" })
    .int("年度为 4 位数字")
    .min(2000, "年度不早于 2000 年")
    .max(2100, "年度不晚于 2100 年")
    .optional(),
);
const Note = (max: number, label: string) =>
  z.preprocess(blank, z.string().trim().max(max, `${label}最多 ${max} 个字`).optional());

/** 登记党员: the household's head (no member) or one of its members. */
export const PartyMemberCreate = z
  .object({
    householdId: Id("请选择农户"),
    householdMemberId: z.preprocess(blank, Id("请选择家庭成员").optional()),
    joinedOn: z.preprocess(blank, DateStr("入党日期").optional()),
    poor: Flag,
    pioneerYear: PioneerYear,
    pioneerNote: Note(200, "致富先锋事迹"),
    note: Note(300, "备注"),
  })
  .openapi("PartyMemberCreate");
export type PartyMemberCreateInput = z.infer<typeof PartyMemberCreate>;

export const PartyMemberUpdate = z
  .object({
    joinedOn: z.preprocess(blank, DateStr("入党日期").optional()),
    poor: Flag,
    pioneerYear: PioneerYear,
    pioneerNote: Note(200, "致富先锋事迹"),
    note: Note(300, "备注"),
  })
  .openapi("PartyMemberUpdate");
export type PartyMemberUpdateInput = z.infer<typeof PartyMemberUpdate>;

export const PartyMemberFilter = z.object({
  villageId: z.preprocess(blank, Id("未知的村").optional()),
  householdId: z.preprocess(blank, Id("未知的农户").optional()),
  /** poor: 贫困党员 only; pioneer: 致富先锋 only. */
  only: z.preprocess(blank, z.enum(["poor", "pioneer"], "未知的筛选").optional()),
  q: z.preprocess(blank, z.string().trim().max(40, "关键词最多 40 个字").optional()),
});
export const PartyMemberQuery = PageQuery.extend(PartyMemberFilter.shape);
export type PartyMemberQueryInput = z.infer<typeof PartyMemberQuery>;

export const PartyMember = z
  .object({
    id: z.number().int(),
    householdId: z.number().int(),
    householdMemberId: z.number().int().nullable(),
    name: z.string(),
    relation: z.string().nullable(),
    villageId: z.number().int(),
    villageName: z.string(),
    townshipCode: z.string(),
    householdStatus: z.string(),
    joinedOn: z.string().nullable(),
    poor: z.boolean(),
    pioneerYear: z.number().int().nullable(),
    pioneerNote: z.string().nullable(),
    note: z.string().nullable(),
    /** Paid to this member so far, net of reversals, in fen (all programs). */
    paidFen: z.number().int(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi("PartyMember");
export const PartyMemberPage = z
  .object({
    items: z.array(PartyMember),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
    /** Counts over the whole filtered set: 贫困党员 and 致富先锋. */
    poorCount: z.number().int(),
    pioneerCount: z.number().int(),
  })
  .openapi("PartyMemberPage");
