import { z } from "@hono/zod-openapi";
import { RATINGS, REVIEW_KINDS, REVIEW_STATUSES } from "../../db/schema/tenant/assessment.ts";
import { DateStr, Id } from "../pairings/schemas.ts";
import { PageQuery } from "../lib/paging.ts";
import { RATING_LABELS, REVIEW_KIND_LABELS } from "../../web/i18n/zh-CN.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
/** A local time in China as the datetime-local input sends it: 2026-12-03T09:30. */
const LocalTime = (what: string) =>
  z
    .string({ error: `请填写${what}` })
    .trim()
    .regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, `${what}格式如 2026-12-03T09:30`);
const Count = (what: string) =>
  z.coerce
    .number({ error: `请填写${what}` })
    .int(`${what}应为整数`)
    .min(0, `${what}不能为负数`)
    .max(100_000, `${what}不能超过 100000`);

export const ReviewCreate = z
  .object({
    kind: z.enum(REVIEW_KINDS, `请选择评议类别：${Object.values(REVIEW_KIND_LABELS).join("、")}`),
    year: z.coerce.number({ error: "请填写年度" }).int("年度无效").min(2000, "年度无效").max(2100, "年度无效"),
    villageId: Id("召开会议的村"),
    subjectName: z
      .string({ error: "请填写述职对象" })
      .trim()
      .min(1, "请填写述职对象")
      .max(100, "述职对象最多 100 个字"),
    subjectCadreId: z.preprocess(blank, Id("述职干部").optional()),
    audience: z.preprocess(blank, z.string().trim().max(100, "参会范围最多 100 个字").default("党员村民代表会议")),
    meetingDate: DateStr("会议日期"),
    opensAt: LocalTime("评议开始时间"),
    closesAt: LocalTime("评议结束时间"),
    writtenReport: z.preprocess(blank, z.string().trim().max(5000, "书面述职最多 5000 个字").optional()),
  })
  .openapi("ReviewCreate");
export type ReviewCreateInput = z.infer<typeof ReviewCreate>;

export const PaperBallots = z
  .object({
    attendance: z.coerce
      .number({ error: "请填写到会人数" })
      .int("到会人数应为整数")
      .min(1, "到会人数至少 1 人")
      .max(100_000, "到会人数不能超过 100000"),
    satisfied: Count("满意票"),
    fairlySatisfied: Count("基本满意票"),
    dissatisfied: Count("不满意票"),
  })
  .openapi("PaperBallots");
export type PaperBallotsInput = z.infer<typeof PaperBallots>;

export const BallotCodesRequest = z
  .object({
    count: z.coerce
      .number({ error: "请填写张数" })
      .int("张数应为整数")
      .min(1, "至少 1 张")
      .max(300, "一次最多生成 300 张"),
  })
  .openapi("BallotCodesRequest");

export const BallotCast = z.object({
  rating: z.enum(RATINGS, `请选择：${Object.values(RATING_LABELS).join("、")}`),
});

export const ReviewFilter = z.object({
  year: z.preprocess(blank, z.coerce.number().int().min(2000).max(2100).optional()),
  villageId: z.preprocess(blank, Id("村").optional()),
  kind: z.preprocess(blank, z.enum(REVIEW_KINDS).optional()),
});
export type ReviewFilterInput = z.infer<typeof ReviewFilter>;
export const ReviewQuery = PageQuery.extend(ReviewFilter.shape);

const Counts = z.object({
  satisfied: z.number().int(),
  fairlySatisfied: z.number().int(),
  dissatisfied: z.number().int(),
});

export const Review = z
  .object({
    id: z.number().int(),
    kind: z.enum(REVIEW_KINDS),
    year: z.number().int(),
    villageId: z.number().int(),
    villageName: z.string().nullable(),
    villageCode: z.string().nullable(),
    townshipCode: z.string(),
    subjectName: z.string(),
    subjectCadreId: z.number().int().nullable(),
    audience: z.string(),
    meetingDate: z.string(),
    opensAt: z.number().int(),
    closesAt: z.number().int(),
    writtenReport: z.string().nullable(),
    attendance: z.number().int().nullable(),
    status: z.enum(REVIEW_STATUSES),
    publishedAt: z.number().int().nullable(),
    paper: Counts,
    codes: Counts.extend({ issued: z.number().int() }),
    total: Counts,
    ballots: z.number().int().openapi({ description: "纸质票与已使用二维码票之和" }),
    satisfactionPermille: z.number().int().nullable().openapi({ description: "满意率（‰）：(满意+基本满意)/全部" }),
  })
  .openapi("Review");
export const ReviewPage = z
  .object({ items: z.array(Review), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("ReviewPage");

export const BallotCodes = z
  .object({
    reviewId: z.number().int(),
    codes: z.array(z.object({ code: z.string(), url: z.string() })).openapi({
      description: "只在本次返回；库中只保存各码的加密散列，丢失后无法找回",
    }),
  })
  .openapi("BallotCodes");
