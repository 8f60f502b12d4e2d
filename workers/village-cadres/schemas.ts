import { z } from "@hono/zod-openapi";
import {
  HONOUR_LEVELS,
  VILLAGE_OFFICIAL_POSTS,
  VILLAGE_OFFICIAL_SOURCES,
  VILLAGE_OFFICIAL_STATUSES,
} from "../../db/schema/tenant/village-cadres.ts";
import { PageQuery } from "../lib/paging.ts";
import { validateIdNumber } from "../lib/id-number.ts";
import { isValidDate } from "../lib/dates.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);

// Own copies of the two small field types: importing them from households/assignments would make
// a folder cycle (the village page in places/ shows this roster).
const DateStr = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .refine(isValidDate, `${what}应为有效日期，格式 YYYY-MM-DD`);
/** GB 11643 ID number: checked and normalised (x → X); encrypted at rest. */
const IdNumber = z
  .string({ error: "请填写身份证号" })
  .transform((v, ctx) => {
    const r = validateIdNumber(v);
    if (!r.ok) {
      ctx.addIssue({ code: "custom", message: r.message });
      return z.NEVER;
    }
    return r.value;
  })
  .openapi({ type: "string", description: "18 位公民身份号码，加密存储", example: "510112198001010011" });

const VillageCode = z
  .string({ error: "请选择村（社区）" })
  .trim()
  .regex(/^\d{12}$/, "村级区划代码为 12 位数字");
const Name = z.string({ error: "请填写姓名" }).trim().min(1, "请填写姓名").max(40, "姓名最多 40 个字");
const ElectionYear = z.preprocess(
  blank,
  z.coerce
    .number({ error: "换届年份须为 4 位年份" })
    .int("换届年份须为 4 位年份")
    .min(1980, "换届年份不早于 1980")
    .max(2100, "换届年份不晚于 2100")
    .optional(),
);
const Honours = z.preprocess(blank, z.string().trim().max(200, "荣誉最多 200 个字").optional());
const Post = z.enum(VILLAGE_OFFICIAL_POSTS, "请选择职务");
const Source = z.enum(VILLAGE_OFFICIAL_SOURCES, "请选择来源");
const HonourLevel = z.enum(HONOUR_LEVELS, "请选择表彰级别");

/** 一肩挑 and 专职书记 describe a party secretary only. */
function secretaryFlags(
  v: { post?: string | undefined; concurrentDirector?: boolean | undefined; fullTimeSecretary?: boolean | undefined },
  ctx: z.RefinementCtx,
) {
  if (v.post === undefined || v.post === "party_secretary") return;
  if (v.concurrentDirector)
    ctx.addIssue({ code: "custom", path: ["concurrentDirector"], message: "只有村党组织书记可以“一肩挑”" });
  if (v.fullTimeSecretary)
    ctx.addIssue({ code: "custom", path: ["fullTimeSecretary"], message: "只有村党组织书记可以是专职书记" });
}

/** 村两委成员 / 组干部 as registered: the ID number is encrypted, birth date and sex come from it. */
export const VillageOfficialCreate = z
  .object({
    villageCode: VillageCode,
    name: Name,
    idNumber: IdNumber,
    post: Post,
    concurrentDirector: z.boolean().default(false),
    fullTimeSecretary: z.boolean().default(false),
    source: Source,
    partyMember: z.boolean().default(false),
    electionYear: ElectionYear,
    termStart: DateStr("任职日期"),
    honourLevel: HonourLevel.default("none"),
    honours: Honours,
  })
  .superRefine(secretaryFlags)
  .openapi("VillageOfficialCreate");
export type VillageOfficialCreateInput = z.infer<typeof VillageOfficialCreate>;

/** Changes of a serving official (post, flags, honours); leaving goes through /leave. */
export const VillageOfficialUpdate = z
  .object({
    name: Name.optional(),
    post: Post.optional(),
    concurrentDirector: z.boolean().optional(),
    fullTimeSecretary: z.boolean().optional(),
    source: Source.optional(),
    partyMember: z.boolean().optional(),
    electionYear: ElectionYear.nullable(),
    honourLevel: HonourLevel.optional(),
    honours: Honours.nullable(),
  })
  .superRefine(secretaryFlags)
  .openapi("VillageOfficialUpdate");
export type VillageOfficialUpdateInput = z.infer<typeof VillageOfficialUpdate>;

/** 离任: 正常离任 (离任补助 by years served) or 免职 / 罢免 (none), on a date not before the term began. */
export const VillageOfficialLeave = z
  .object({
    status: z.enum(["left", "removed"], "请选择离任方式"),
    termEnd: DateStr("离任日期"),
  })
  .openapi("VillageOfficialLeave");

export const VillageOfficialFilter = z.object({
  villageCode: z.preprocess(blank, VillageCode.optional()),
  townshipCode: z.preprocess(
    blank,
    z
      .string()
      .regex(/^\d{9}$/, "乡镇代码为 9 位数字")
      .optional(),
  ),
  post: z.preprocess(blank, z.enum(VILLAGE_OFFICIAL_POSTS, "未知的职务").optional()),
  status: z.preprocess(blank, z.enum(VILLAGE_OFFICIAL_STATUSES, "未知的状态").optional()),
  q: z.preprocess(blank, z.string().trim().max(40, "姓名最多 40 个字").optional()),
});
export const VillageOfficialQuery = PageQuery.extend(VillageOfficialFilter.shape);
export type VillageOfficialQueryInput = z.infer<typeof VillageOfficialQuery>;

export const VillageOfficial = z
  .object({
    id: z.number().int(),
    villageId: z.number().int(),
    villageCode: z.string(),
    villageName: z.string(),
    townshipCode: z.string(),
    name: z.string(),
    idNumberMasked: z.string().openapi({ description: "脱敏身份证号（前 4 位与后 4 位）" }),
    birthDate: z.string(),
    age: z.number().int().openapi({ description: "今天的周岁" }),
    sex: z.enum(["male", "female"]),
    post: Post,
    concurrentDirector: z.boolean(),
    fullTimeSecretary: z.boolean(),
    source: Source,
    partyMember: z.boolean(),
    electionYear: z.number().int().nullable(),
    termStart: z.string(),
    termEnd: z.string().nullable(),
    status: z.enum(VILLAGE_OFFICIAL_STATUSES),
    honourLevel: HonourLevel,
    honours: z.string().nullable(),
  })
  .openapi("VillageOfficial");
export const VillageOfficialPage = z
  .object({ items: z.array(VillageOfficial), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("VillageOfficialPage");

/** 按岗位标准 of one program: at most one amount per post (7 posts). */
export const PayRatesSet = z
  .object({
    rates: z
      .array(
        z.object({
          post: Post,
          amountFen: z
            .number({ error: "金额须为整数（单位：分）" })
            .int("金额须为整数（单位：分）")
            .positive("金额须大于 0")
            .max(100_000_000, "金额过大"),
        }),
      )
      .max(VILLAGE_OFFICIAL_POSTS.length, "每个职务最多一个标准")
      .refine((r) => new Set(r.map((x) => x.post)).size === r.length, "每个职务只能有一个标准"),
    /** The program's uplift for provincial honours (seed 002: +20 %); left out, it stays as it is. */
    honourUpliftPct: z
      .number({ error: "上浮比例须为 0–100 的整数" })
      .int("上浮比例须为 0–100 的整数")
      .min(0, "上浮比例须为 0–100 的整数")
      .max(100, "上浮比例不超过 100%")
      .optional(),
  })
  .openapi("VillageOfficialPayRatesSet");
export type PayRatesSetInput = z.infer<typeof PayRatesSet>;
export const PayRates = z
  .object({
    programId: z.number().int(),
    programName: z.string(),
    ruleAmountFen: z.number().int().nullable(),
    honourUpliftPct: z.number().int(),
    rates: z.array(z.object({ post: Post, amountFen: z.number().int() })),
  })
  .openapi("VillageOfficialPayRates");

export const ReportQuery = z.object({
  year: z.preprocess(
    blank,
    z.coerce
      .number({ error: "年份须为 4 位数字" })
      .int()
      .min(2000, "年份不早于 2000")
      .max(2100, "年份不晚于 2100")
      .optional(),
  ),
});

const Ratio = { count: z.number().int(), total: z.number().int() };
export const VillageCadreReports = z
  .object({
    year: z.number().int(),
    asOf: z.string().openapi({ description: "年龄与在任状态的计算日期" }),
    concurrent: z.object({
      rows: z.array(z.object({ townshipCode: z.string(), townshipName: z.string(), ...Ratio })),
      ...Ratio,
    }),
    youngInPoorVillages: z.object({
      rows: z.array(
        z.object({
          villageCode: z.string(),
          villageName: z.string(),
          townshipName: z.string(),
          young: z.number().int(),
          members: z.number().int(),
        }),
      ),
      villagesMeeting: z.number().int(),
      villages: z.number().int(),
    }),
    newSecretaries: z.object({
      rows: z.array(z.object({ source: Source, count: z.number().int() })),
      wealthLeaders: z.number().int(),
      total: z.number().int(),
      newMembersWealthLeaders: z.number().int(),
      newMembers: z.number().int(),
    }),
  })
  .openapi("VillageCadreReports");
