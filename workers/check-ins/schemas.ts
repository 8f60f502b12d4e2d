import { z } from "@hono/zod-openapi";
import { CHECK_IN_FLAGS, CHECK_IN_SLOTS, NO_LOCATION_REASONS } from "../../db/schema/tenant/presence.ts";
import { PageQuery } from "../lib/paging.ts";
import { isValidDate } from "../lib/dates.ts";
import { Month } from "../assignments/schemas.ts";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
const Degrees = (what: string, max: number) =>
  z.preprocess(
    blank,
    z.coerce
      .number({ error: `${what}须为数字（度）` })
      .min(-max, `${what}须在 -${max} 到 ${max} 度之间`)
      .max(max, `${what}须在 -${max} 到 ${max} 度之间`)
      .optional(),
  );
const TownshipCode = z.preprocess(
  blank,
  z
    .string()
    .regex(/^\d{9}$/, "乡镇代码为 9 位数字")
    .optional(),
);
const DayFilter = (what: string) =>
  z.preprocess(blank, z.string().trim().refine(isValidDate, `${what}应为有效日期，格式 YYYY-MM-DD`).optional());

/**
 * One check-in from the phone. Location comes from the browser when the phone allows (with its
 * accuracy); without it a reason is required (the page without JavaScript sends "unsupported").
 * `checkedAt` lets a phone that was offline send the moment it was tapped (at most 24 hours back,
 * never in the future); by default it is now.
 */
export const CheckInCreate = z
  .object({
    assignmentId: z.preprocess(
      blank,
      z.coerce
        .number({ error: "请选择驻村任务" })
        .int("请选择驻村任务")
        .positive("请选择驻村任务")
        .max(2 ** 31)
        .optional(),
    ),
    latitude: Degrees("纬度", 90),
    longitude: Degrees("经度", 180),
    accuracy: z.preprocess(
      blank,
      z.coerce
        .number({ error: "定位精度须为数字（米）" })
        .min(0, "定位精度不能为负")
        .max(100_000, "定位精度不能超过 100 公里")
        .transform(Math.round)
        .optional(),
    ),
    noLocationReason: z.preprocess(blank, z.enum(NO_LOCATION_REASONS, "请选择无法定位的原因").optional()),
    checkedAt: z.preprocess(
      blank,
      z.iso
        .datetime({ offset: true, error: "签到时间格式为 ISO 8601，如 2026-03-05T08:30:00+08:00" })
        .optional()
        .openapi({ description: "离线补报的签到时刻；缺省为当前时间；最多补报 24 小时内，不能晚于当前时间" }),
    ),
    note: z.preprocess(blank, z.string().trim().max(200, "备注最多 200 个字").optional()),
  })
  .superRefine((v, ctx) => {
    if ((v.latitude === undefined) !== (v.longitude === undefined))
      ctx.addIssue({
        code: "custom",
        path: [v.latitude === undefined ? "latitude" : "longitude"],
        message: "经纬度须同时提供",
      });
    if (v.latitude === undefined && v.longitude === undefined && v.noLocationReason === undefined)
      ctx.addIssue({ code: "custom", path: ["noLocationReason"], message: "没有定位时请选择原因" });
  })
  .openapi("CheckInCreate");
export type CheckInCreateInput = z.infer<typeof CheckInCreate>;

export const CheckInFilter = z.object({
  assignmentId: z.preprocess(
    blank,
    z.coerce
      .number()
      .int()
      .positive()
      .max(2 ** 31)
      .optional(),
  ),
  townshipCode: TownshipCode,
  from: DayFilter("起始日期"),
  to: DayFilter("截止日期"),
  flag: z.preprocess(blank, z.enum(CHECK_IN_FLAGS, "未知的标记").optional()),
});
export const CheckInQuery = PageQuery.extend(CheckInFilter.shape);
export type CheckInQueryInput = z.infer<typeof CheckInQuery>;

export const CheckIn = z
  .object({
    id: z.number().int(),
    assignmentId: z.number().int(),
    cadreId: z.number().int(),
    cadreName: z.string().nullable(),
    villageCode: z.string(),
    villageName: z.string(),
    townshipCode: z.string(),
    day: z.string(),
    slot: z.enum(CHECK_IN_SLOTS).openapi({ description: "morning 上午 / evening 下午（北京时间 12 点前后）" }),
    checkedAt: z.number().int(),
    latitude: z.number().nullable(),
    longitude: z.number().nullable(),
    accuracyM: z.number().int().nullable(),
    distanceM: z.number().int().nullable().openapi({ description: "距村登记位置（米）" }),
    flag: z
      .enum(CHECK_IN_FLAGS)
      .nullable()
      .openapi({ description: "far 远离村址 / no_location 未定位 / village_unlocated 村未登记位置；只标记，不拒绝" }),
    noLocationReason: z.enum(NO_LOCATION_REASONS).nullable(),
    note: z.string().nullable(),
  })
  .openapi("CheckIn");
export const CheckInResult = CheckIn.extend({
  monthDays: z.number().int().openapi({ description: "本月有签到的天数（已作为驻村天数填报，待乡镇确认）" }),
}).openapi("CheckInResult");
export const CheckInPage = z
  .object({ items: z.array(CheckIn), total: z.number().int(), page: z.number().int(), size: z.number().int() })
  .openapi("CheckInPage");

export const PresenceQuery = PageQuery.extend({ month: Month, townshipCode: TownshipCode });
export type PresenceQueryInput = z.infer<typeof PresenceQuery>;
export const PresenceRow = z
  .object({
    assignmentId: z.number().int(),
    cadreName: z.string().nullable(),
    villageCode: z.string(),
    villageName: z.string(),
    townshipCode: z.string(),
    role: z.string(),
    checkInDays: z.number().int(),
    flaggedCheckIns: z.number().int(),
    leaveDays: z.number().int(),
    reportedDays: z.number().int().nullable(),
    attendanceStatus: z.enum(["reported", "confirmed"]).nullable(),
  })
  .openapi("PresenceRow");
export const PresenceReport = z
  .object({
    month: z.string(),
    items: z.array(PresenceRow),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
  })
  .openapi("PresenceReport");
