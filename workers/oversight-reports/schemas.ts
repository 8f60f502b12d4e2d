import { z } from "@hono/zod-openapi";

const blank = (v: unknown) => (v === "" ? undefined : v);

/** How the oversight report groups its rows: by township, or by dispatching unit. */
export const OVERSIGHT_GROUPINGS = ["township", "unit"] as const;
export type OversightGrouping = (typeof OVERSIGHT_GROUPINGS)[number];

export const OversightQuery = z.object({
  year: z.preprocess(
    blank,
    z.coerce
      .number({ error: "年度应为 2000–2100 之间的整数" })
      .int("年度应为 2000–2100 之间的整数")
      .min(2000, "年度应为 2000–2100 之间的整数")
      .max(2100, "年度应为 2000–2100 之间的整数")
      .optional(),
  ),
  by: z.preprocess(blank, z.enum(OVERSIGHT_GROUPINGS, "统计口径只能是按乡镇或按派出单位").default("township")),
});

const Count = z.number().int();
export const OversightRow = z.object({
  /** Township code or unit id. */
  key: z.string(),
  name: z.string(),
  excellent: Count,
  competent: Count,
  basicallyCompetent: Count,
  incompetent: Count,
  /** Cadre assessments of the year not yet signed by the county. */
  ungraded: Count,
  notices: Count,
  interviews: Count,
  accountabilities: Count,
  referrals: Count,
  problems: Count,
  open: Count,
  overdue: Count,
  rectified: Count,
  reviews: Count,
  ballots: Count,
  satisfactionPermille: Count.nullable(),
});
export type OversightRow = z.infer<typeof OversightRow>;

export const OversightReport = z
  .object({ year: Count, by: z.enum(OVERSIGHT_GROUPINGS), rows: z.array(OversightRow) })
  .openapi("OversightReport");
export type OversightReportView = z.infer<typeof OversightReport>;
