import { z } from "@hono/zod-openapi";
import {
  HOUSEHOLD_STATUSES,
  HOUSEHOLD_TYPES,
  MONITOR_KINDS,
  POVERTY_CAUSES,
} from "../../db/schema/tenant/households.ts";
import { validateIdNumber } from "../lib/id-number.ts";
import { isValidDate, todayInChina } from "../lib/dates.ts";
import { PageQuery } from "../lib/paging.ts";

const blank = (v: unknown) => (v === "" ? undefined : v);
const blankNull = (v: unknown) => (v === "" ? null : v);

/** An 11-digit mainland mobile as people type it (spaces, dashes, +86 dropped); null when it is not one. */
export function normalizeMobile(raw: string): string | null {
  let v = raw.normalize("NFKC").replace(/[\s\-()（）]/g, "");
  const intl = /^(?:\+|00)86(\d+)$/.exec(v);
  if (intl) v = intl[1]!;
  return /^1[3-9]\d{9}$/.test(v) ? v : null;
}
export const MOBILE_MESSAGE = "手机号应为 11 位数字，以 13–19 开头";

/** GB 11643 ID number: checked (length, region, birth date, check digit) and normalised (x → X). */
export const IdNumber = z
  .string({ error: "请填写身份证号" })
  .transform((v, ctx) => {
    const r = validateIdNumber(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.value;
  })
  .openapi({
    type: "string",
    description: "18 位公民身份号码（校验位按 GB 11643 验证），加密存储",
    example: "510112198001010011",
  });

const Mobile = z
  .string()
  .trim()
  .refine((v) => normalizeMobile(v) !== null, MOBILE_MESSAGE)
  .transform((v) => normalizeMobile(v)!);

export const HeadName = z
  .string({ error: "请填写户主姓名" })
  .trim()
  .min(1, "请填写户主姓名")
  .max(40, "姓名最多 40 个字");
const VillageCode = z
  .string({ error: "请填写村级区划代码" })
  .trim()
  .regex(/^\d{12}$/, "村级区划代码为 12 位数字");
const GroupName = z.string().trim().max(40, "小组名称最多 40 个字");
const MemberCount = z.coerce
  .number({ error: "请填写家庭人口" })
  .int("家庭人口须为整数")
  .min(1, "家庭人口至少 1 人")
  .max(30, "家庭人口最多 30 人");
const Year = (what: string) =>
  z.coerce
    .number({ error: `请填写${what}` })
    .int(`${what}须为整数`)
    .min(1980, `${what}不早于 1980 年`)
    .max(2100, `${what}不晚于 2100 年`);
const Notes = z.string().trim().max(500, "备注最多 500 个字");
const Type = z.enum(HOUSEHOLD_TYPES, "未知的贫困户属性");
const Status = z.enum(HOUSEHOLD_STATUSES, "未知的户状态");
const MonitorKind = z.enum(MONITOR_KINDS, "未知的监测对象类别");

/** Causes arrive as a JSON array or as repeated / 、-separated form values. */
export const Causes = z.preprocess(
  (v) => (v === undefined || v === "" ? [] : typeof v === "string" ? v.split(/[,，、;；\s]+/).filter(Boolean) : v),
  z
    .array(z.enum(POVERTY_CAUSES, "未知的致贫原因"))
    .max(POVERTY_CAUSES.length)
    .transform((a) => [...new Set(a)]),
);

export const MemberInput = z
  .object({
    name: z.string({ error: "请填写成员姓名" }).trim().min(1, "请填写成员姓名").max(40, "姓名最多 40 个字"),
    relation: z
      .string({ error: "请填写与户主关系" })
      .trim()
      .min(1, "请填写与户主关系")
      .max(20, "与户主关系最多 20 个字"),
    birthYear: z.preprocess(
      blank,
      z.coerce
        .number()
        .int("出生年份须为整数")
        .min(1900, "出生年份不早于 1900")
        .max(new Date().getFullYear(), "出生年份不能晚于今年")
        .optional(),
    ),
  })
  .openapi("HouseholdMemberInput");

const statusRules = (
  v: { status?: string | undefined; monitorKind?: string | null | undefined; exitYear?: number | null | undefined },
  ctx: z.RefinementCtx,
) => {
  if (v.status === "monitored" && !v.monitorKind)
    ctx.addIssue({
      code: "custom",
      path: ["monitorKind"],
      message: "监测对象须选择类别（脱贫不稳定户、边缘易致贫户或突发严重困难户）",
    });
  if (v.status !== "monitored" && v.monitorKind)
    ctx.addIssue({ code: "custom", path: ["monitorKind"], message: "只有监测对象才有监测类别" });
  if (v.status !== "exited" && v.exitYear != null)
    ctx.addIssue({ code: "custom", path: ["exitYear"], message: "只有已脱贫户才有脱贫年度" });
};

export const HouseholdCreate = z
  .object({
    headName: HeadName,
    idNumber: IdNumber,
    phone: z
      .preprocess(blank, Mobile.optional())
      .openapi({ description: "户主手机号（11 位），加密存储", example: "13812345678" }),
    villageCode: VillageCode,
    groupName: z.preprocess(blank, GroupName.optional()).openapi({ description: "村民小组名称，须为该村已登记的小组" }),
    memberCount: z.preprocess(blank, MemberCount.optional()).openapi({ description: "家庭人口（含户主），默认 1" }),
    members: z.array(MemberInput).max(29, "家庭成员最多 29 人").optional(),
    type: z.preprocess(blank, Type.optional()),
    status: z.preprocess(blank, Status.optional()).openapi({
      description:
        "提出的状态（可选）：新登记农户一律为 registered（待认定）；填 poor 或 monitored 时同时提出一项待公示的认定，发布公示且期满无异议成立后才生效；不能直接登记为 exited",
    }),
    monitorKind: z.preprocess(blank, MonitorKind.optional()),
    causes: Causes.optional(),
    yearIdentified: z.preprocess(blank, Year("识别年度").optional()),
    exitYear: z.preprocess(blank, Year("脱贫年度").optional()),
    notes: z.preprocess(blank, Notes.optional()),
  })
  .superRefine(statusRules)
  .openapi("HouseholdCreate");

const NOT_EDITABLE = "户状态不能直接修改，请登记状态变更（POST /households/{id}/status-changes）";
const Forbidden = z.unknown().refine(() => false, NOT_EDITABLE);
/** Status, monitor kind and exit year change only through a recorded status change, never an edit. */
export const HouseholdUpdate = z
  .object({
    headName: HeadName.optional(),
    idNumber: IdNumber.optional(),
    phone: z.preprocess(blankNull, Mobile.nullable().optional()).openapi({ description: "不传则不变；传 null 清除" }),
    villageCode: VillageCode.optional(),
    groupName: z.preprocess(blankNull, GroupName.nullable().optional()),
    memberCount: MemberCount.optional(),
    type: Type.optional(),
    causes: Causes.optional(),
    yearIdentified: z.preprocess(blankNull, Year("识别年度").nullable().optional()),
    notes: z.preprocess(blankNull, Notes.nullable().optional()),
    status: Forbidden.optional().openapi({ description: "不可修改：状态变更须单独登记" }),
    monitorKind: Forbidden.optional().openapi({ description: "不可修改" }),
    exitYear: Forbidden.optional().openapi({ description: "不可修改：由“脱贫”状态变更写入" }),
  })
  .openapi("HouseholdUpdate");

export const StatusChangeInput = z
  .object({
    fromStatus: z
      .preprocess(blank, Status.optional())
      .openapi({ description: "提交者看到的当前状态；若已被他人变更则 409" }),
    toStatus: Status,
    monitorKind: z.preprocess(blank, MonitorKind.optional()),
    effectiveDate: z
      .preprocess(
        blank,
        z
          .string()
          .trim()
          .refine(isValidDate, "生效日期格式应为 YYYY-MM-DD")
          .refine((d) => d <= todayInChina(), "生效日期不能晚于今天")
          .refine((d) => d >= "1980-01-01", "生效日期不早于 1980 年")
          .optional(),
      )
      .openapi({ description: "不再使用：认定在公示期满后生效，生效日期为生效当天" }),
    reason: z.string({ error: "请填写变更原因" }).trim().min(1, "请填写变更原因").max(500, "原因最多 500 个字"),
  })
  .superRefine((v, ctx) => {
    if (v.toStatus === "monitored" && !v.monitorKind)
      ctx.addIssue({ code: "custom", path: ["monitorKind"], message: "纳入监测须选择监测类别" });
    if (v.toStatus !== "monitored" && v.monitorKind)
      ctx.addIssue({ code: "custom", path: ["monitorKind"], message: "只有监测对象才有监测类别" });
  })
  .openapi("HouseholdStatusChangeInput");

export const HouseholdFilter = z.object({
  villageCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{12}$/, "村级区划代码为 12 位数字")
      .optional(),
  ),
  townshipCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{9}$/, "乡镇代码为 9 位数字")
      .optional(),
  ),
  status: z.preprocess(blank, Status.optional()),
  monitorKind: z.preprocess(blank, MonitorKind.optional()),
  type: z.preprocess(blank, Type.optional()),
  cause: z.preprocess(blank, z.enum(POVERTY_CAUSES, "未知的致贫原因").optional()),
  q: z
    .preprocess(blank, z.string().trim().max(40).optional())
    .openapi({ description: "户主姓名，从头匹配（姓或全名），走索引；结果按姓名排序，最多列出 1000 户" }),
  idNumber: z.preprocess(blank, IdNumber.optional()).openapi({ description: "完整身份证号（精确，经加密哈希查找）" }),
});
export const HouseholdQuery = PageQuery.extend(HouseholdFilter.shape);

export const HouseholdIdParam = z.object({
  id: z.coerce
    .number({ error: "无效的农户编号" })
    .int("无效的农户编号")
    .positive("无效的农户编号")
    .max(2 ** 53)
    .openapi({ param: { name: "id", in: "path" } }),
});
export const MemberIdParam = HouseholdIdParam.extend({
  memberId: z.coerce
    .number({ error: "无效的成员编号" })
    .int("无效的成员编号")
    .positive("无效的成员编号")
    .max(2 ** 53)
    .openapi({ param: { name: "memberId", in: "path" } }),
});

export const Household = z
  .object({
    id: z.number().int(),
    headName: z.string(),
    idNumberMasked: z.string().openapi({ example: "5101**********1234" }),
    phoneMasked: z.string().nullable().openapi({ example: "138****5678" }),
    villageId: z.number().int(),
    villageCode: z.string(),
    villageName: z.string(),
    townshipCode: z.string(),
    townshipName: z.string().nullable(),
    groupName: z.string().nullable(),
    memberCount: z.number().int(),
    type: Type,
    status: Status,
    monitorKind: MonitorKind.nullable(),
    causes: z.array(z.string()),
    yearIdentified: z.number().int().nullable(),
    exitYear: z.number().int().nullable(),
    notes: z.string().nullable(),
    createdAt: z.number().int(),
    updatedAt: z.number().int(),
  })
  .openapi("Household");
export const Member = z
  .object({ id: z.number().int(), name: z.string(), relation: z.string(), birthYear: z.number().int().nullable() })
  .openapi("HouseholdMember");
export const HouseholdDetail = Household.extend({ members: z.array(Member) }).openapi("HouseholdDetail");
export const HouseholdPage = z
  .object({
    items: z.array(Household),
    total: z.number().int(),
    totalCapped: z.boolean().openapi({
      description:
        "按姓名搜索时匹配超过 1000 户：total 记为 1000，只列出按姓名排序的前 1000 户，请输入全名或选择乡镇、村缩小范围",
    }),
    page: z.number().int(),
    size: z.number().int(),
  })
  .openapi("HouseholdPage");
export const StatusEvent = z
  .object({
    id: z.number().int(),
    fromStatus: Status,
    fromMonitorKind: MonitorKind.nullable(),
    toStatus: Status,
    toMonitorKind: MonitorKind.nullable(),
    effectiveDate: z.string(),
    reason: z.string(),
    actorName: z.string(),
    createdAt: z.number().int(),
  })
  .openapi("HouseholdStatusEvent");
export const PiiReveal = z
  .object({ id: z.number().int(), idNumber: z.string(), phone: z.string().nullable() })
  .openapi("HouseholdPii");

export type HouseholdCreateInput = z.infer<typeof HouseholdCreate>;
export type HouseholdUpdateInput = z.infer<typeof HouseholdUpdate>;
export type HouseholdFilterInput = z.infer<typeof HouseholdFilter>;
export type StatusChangeData = z.infer<typeof StatusChangeInput>;
export type MemberData = z.infer<typeof MemberInput>;
