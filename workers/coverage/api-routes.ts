import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, createRouter, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { PageQuery } from "../lib/paging.ts";
import { Settings } from "../settings/schemas.ts";
import { GAPS, coverageSummary, gapItems } from "./service.ts";

export const coverageApi = createRouter();
const tags = ["覆盖情况"];

const Counts = z.object(
  Object.fromEntries(GAPS.map((g) => [g, z.number().int()])) as Record<(typeof GAPS)[number], z.ZodNumber>,
);
const TownshipQuery = z.object({
  townshipCode: z
    .string()
    .regex(/^\d{9}$/, "乡镇代码为 9 位数字")
    .optional(),
});
const Summary = z
  .object({
    settings: Settings,
    visitsSince: z.string(),
    totals: Counts,
    townships: z.array(z.object({ code: z.string(), name: z.string(), counts: Counts })),
  })
  .openapi("CoverageSummary", {
    description:
      "no_first_secretary 贫困村未派第一书记；understaffed 驻村工作队人数少于最低人数；household_without_cadre 贫困户（含监测对象）无帮扶责任人；cadre_over_cap 干部结对户数超上限；cadre_no_recent_visit 在岗干部近 N 天无走访",
  });
const GapPage = z
  .object({
    gap: z.enum(GAPS),
    label: z.string(),
    settings: Settings,
    items: z.array(
      z.object({
        id: z.number().int(),
        name: z.string(),
        villageCode: z.string().nullable(),
        villageName: z.string().nullable(),
        townshipCodes: z.array(z.string()),
        value: z.union([z.number(), z.string()]).nullable(),
        extra: z.string().nullable(),
      }),
    ),
    total: z.number().int(),
    page: z.number().int(),
    size: z.number().int(),
  })
  .openapi("CoverageGapPage");

coverageApi.openapi(
  createRoute({
    method: "get",
    path: "/",
    operationId: "getCoverage",
    tags,
    summary: "覆盖情况：各乡镇五类缺口的数量（实时计算；乡镇干部只见本乡镇）",
    security,
    middleware: [requirePermission("coverage.read")] as const,
    request: { query: TownshipQuery },
    responses: { 200: jsonResponse(Summary, "覆盖情况"), ...commonErrors },
  }),
  async (c) => c.json(await coverageSummary(c.var.ctx, c.req.valid("query").townshipCode), 200),
);
coverageApi.openapi(
  createRoute({
    method: "get",
    path: "/{gap}",
    operationId: "listCoverageGap",
    tags,
    summary: "某类缺口的明细（村、农户或干部），分页",
    security,
    middleware: [requirePermission("coverage.read")] as const,
    request: {
      params: z.object({ gap: z.enum(GAPS, "未知的缺口类型").openapi({ param: { name: "gap", in: "path" } }) }),
      query: PageQuery.extend(TownshipQuery.shape),
    },
    responses: { 200: jsonResponse(GapPage, "缺口明细"), ...commonErrors },
  }),
  async (c) => c.json(await gapItems(c.var.ctx, c.req.valid("param").gap, c.req.valid("query")), 200),
);
