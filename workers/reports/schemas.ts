import { z } from "@hono/zod-openapi";

/** The report lookup of one household: its 户编号 or the head's ID number (looked up by POST, never in a URL). */
export const HouseholdLookup = z.object({
  q: z.string().trim().min(1, "请输入户主身份证号或农户编号").max(64, "户主身份证号或农户编号不超过 64 个字符"),
});
