import { createRoute, z } from "@hono/zod-openapi";
import { commonErrors, createRouter, jsonResponse, security } from "../platform/router.ts";
import { requirePermission } from "../platform/middleware/session.ts";
import { csvDownload } from "../platform/csv-download.ts";
import { formatFenPlain } from "../../web/components/format.ts";
import { FUND_SOURCE_LABELS, PROGRAM_CATEGORY_LABELS, RECIPIENT_KIND_LABELS } from "../../web/i18n/zh-CN.ts";
import {
  cadreReport,
  cadresSummary,
  householdReport,
  programReport,
  villageReport,
  villagesSummary,
  type PaidLine,
} from "./service.ts";

export const reportsApi = createRouter();
const tags = ["资金报表"];

const YearQuery = z.object({
  year: z.coerce
    .number({ error: "年份应为数字" })
    .int()
    .min(2000, "年份不早于 2000")
    .max(2100, "年份不晚于 2100")
    .optional(),
});
const IdParam = z.object({
  id: z.coerce
    .number()
    .int()
    .positive()
    .openapi({ param: { name: "id", in: "path" } }),
});
const thisYear = () =>
  Number(new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Shanghai", year: "numeric" }).format(new Date()));

const ProgramRow = z.object({
  programId: z.number().int(),
  name: z.string(),
  category: z.string(),
  fundSource: z.string(),
  budgetFen: z.number().int(),
  committedFen: z.number().int(),
  paidFen: z.number().int(),
  reversedFen: z.number().int(),
  availableFen: z.number().int(),
  executionRate: z.string(),
  hasBudget: z.boolean(),
  batchCount: z.number().int(),
});
const ProgramReport = z
  .object({
    year: z.number().int(),
    items: z.array(ProgramRow),
    totals: z.object({
      budgetFen: z.number().int(),
      committedFen: z.number().int(),
      paidFen: z.number().int(),
      reversedFen: z.number().int(),
      executionRate: z.string(),
    }),
  })
  .openapi("ProgramReport");
const PaidLineSchema = z
  .object({
    lineId: z.number().int(),
    batchId: z.number().int(),
    batchTitle: z.string(),
    programId: z.number().int(),
    programName: z.string(),
    period: z.string(),
    recipientKind: z.string(),
    recipientId: z.number().int(),
    recipientName: z.string(),
    villageId: z.number().int().nullable(),
    purpose: z.string(),
    paidDate: z.string().nullable(),
    bankRef: z.string().nullable(),
    amountFen: z.number().int(),
    reversedFen: z.number().int(),
    reversalReason: z.string().nullable(),
    netFen: z.number().int(),
  })
  .openapi("PaidLine");
const ByProgram = z.object({
  programId: z.number().int(),
  programName: z.string(),
  lineCount: z.number().int(),
  paidFen: z.number().int(),
  reversedFen: z.number().int(),
  netFen: z.number().int(),
});
const Totals = z.object({
  lineCount: z.number().int(),
  paidFen: z.number().int(),
  reversedFen: z.number().int(),
  netFen: z.number().int(),
});
const detail = <T extends z.ZodRawShape>(subject: T, name: string) =>
  z
    .object({
      ...subject,
      year: z.number().int().nullable(),
      byProgram: z.array(ByProgram),
      totals: Totals,
      lines: z.array(PaidLineSchema),
    })
    .openapi(name);
const VillageReport = detail(
  { village: z.object({ id: z.number().int(), code: z.string(), name: z.string(), townshipCode: z.string() }) },
  "VillagePaymentReport",
);
const HouseholdReport = detail(
  {
    household: z.object({
      id: z.number().int(),
      headName: z.string(),
      villageId: z.number().int(),
      villageName: z.string(),
    }),
  },
  "HouseholdPaymentReport",
);
const CadreReport = detail({ cadre: z.object({ id: z.number().int(), name: z.string() }) }, "CadreAllowanceReport");
const csvResponse = {
  200: { description: "CSV（UTF-8 带 BOM，Excel 可直接打开）", content: { "text/csv": { schema: z.string() } } },
  ...commonErrors,
};

const LINE_HEADER = [
  "支付日期",
  "资金项目",
  "批次",
  "期间",
  "对象类型",
  "对象名称",
  "用途",
  "金额（元）",
  "冲正（元）",
  "净额（元）",
  "冲正原因",
  "银行流水号",
  "明细编号",
];
const lineRow = (l: PaidLine) => [
  l.paidDate,
  l.programName,
  l.batchTitle,
  l.period,
  RECIPIENT_KIND_LABELS[l.recipientKind],
  l.recipientName,
  l.purpose,
  formatFenPlain(l.amountFen),
  formatFenPlain(l.reversedFen),
  formatFenPlain(l.netFen),
  l.reversalReason ?? "",
  l.bankRef,
  l.lineId,
];

// --- per program and year ---
reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/programs",
    operationId: "getProgramsReport",
    tags,
    summary: "按资金项目：年度预算、已承诺、已支付、冲正、支出进度",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { query: YearQuery },
    responses: { 200: jsonResponse(ProgramReport, "报表"), ...commonErrors },
  }),
  async (c) => c.json(await programReport(c.var.ctx, c.req.valid("query").year ?? thisYear()), 200),
);
reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/programs/export",
    operationId: "exportProgramsReport",
    tags,
    summary: "按资金项目报表 CSV",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { query: YearQuery },
    responses: csvResponse,
  }),
  async (c) => {
    const r = await programReport(c.var.ctx, c.req.valid("query").year ?? thisYear());
    return csvDownload(
      c,
      `资金项目执行情况-${r.year}.csv`,
      [
        "资金项目",
        "资金类别",
        "资金来源",
        "年度",
        "预算（元）",
        "已承诺（元）",
        "已支付（元）",
        "其中冲正（元）",
        "可用（元）",
        "支出进度",
        "批次数",
      ],
      [
        ...r.items.map((i) => [
          i.name,
          PROGRAM_CATEGORY_LABELS[i.category],
          FUND_SOURCE_LABELS[i.fundSource],
          r.year,
          formatFenPlain(i.budgetFen),
          formatFenPlain(i.committedFen),
          formatFenPlain(i.paidFen),
          formatFenPlain(i.reversedFen),
          formatFenPlain(i.availableFen),
          i.executionRate,
          i.batchCount,
        ]),
        [
          "合计",
          "",
          "",
          r.year,
          formatFenPlain(r.totals.budgetFen),
          formatFenPlain(r.totals.committedFen),
          formatFenPlain(r.totals.paidFen),
          formatFenPlain(r.totals.reversedFen),
          formatFenPlain(r.totals.budgetFen - r.totals.committedFen),
          r.totals.executionRate,
          "",
        ],
      ],
    ) as never;
  },
);

// --- per village ---
reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/villages",
    operationId: "getVillagesReport",
    tags,
    summary: "各村已发放净额（扣除冲正）",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { query: YearQuery },
    responses: {
      200: jsonResponse(
        z.object({
          year: z.number().int().nullable(),
          items: z.array(
            z.object({
              villageId: z.number().int(),
              code: z.string(),
              name: z.string(),
              townshipCode: z.string(),
              lineCount: z.number().int(),
              netFen: z.number().int(),
            }),
          ),
        }),
        "各村汇总",
      ),
      ...commonErrors,
    },
  }),
  async (c) => {
    const year = c.req.valid("query").year;
    return c.json({ year: year ?? null, items: await villagesSummary(c.var.ctx, year) }, 200);
  },
);
reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/villages/{id}",
    operationId: "getVillageReport",
    tags,
    summary: "一个村：按项目合计与逐笔明细（何时、哪个项目、扣除冲正）",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { params: IdParam, query: YearQuery },
    responses: { 200: jsonResponse(VillageReport, "报表"), ...commonErrors },
  }),
  async (c) => c.json(await villageReport(c.var.ctx, c.req.valid("param").id, c.req.valid("query").year), 200),
);
reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/villages/{id}/export",
    operationId: "exportVillageReport",
    tags,
    summary: "一个村的发放明细 CSV",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { params: IdParam, query: YearQuery },
    responses: csvResponse,
  }),
  async (c) => {
    const r = await villageReport(c.var.ctx, c.req.valid("param").id, c.req.valid("query").year);
    return csvDownload(c, `${r.village.name}-资金发放${r.year ?? ""}.csv`, LINE_HEADER, r.lines.map(lineRow)) as never;
  },
);

// --- per household ---
reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/households/{id}",
    operationId: "getHouseholdReport",
    tags,
    summary: "一户：收到的资金（何时、哪个项目、扣除冲正）",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { params: IdParam, query: YearQuery },
    responses: { 200: jsonResponse(HouseholdReport, "报表"), ...commonErrors },
  }),
  async (c) => c.json(await householdReport(c.var.ctx, c.req.valid("param").id, c.req.valid("query").year), 200),
);
reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/households/{id}/export",
    operationId: "exportHouseholdReport",
    tags,
    summary: "一户收到的资金 CSV",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { params: IdParam, query: YearQuery },
    responses: csvResponse,
  }),
  async (c) => {
    const r = await householdReport(c.var.ctx, c.req.valid("param").id, c.req.valid("query").year);
    return csvDownload(
      c,
      `农户${r.household.id}-资金发放${r.year ?? ""}.csv`,
      LINE_HEADER,
      r.lines.map(lineRow),
    ) as never;
  },
);

// --- per cadre ---
reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/cadres",
    operationId: "getCadresReport",
    tags,
    summary: "干部领取的补助（每名干部合计，扣除冲正）",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { query: YearQuery },
    responses: {
      200: jsonResponse(
        z.object({
          year: z.number().int().nullable(),
          items: z.array(
            z.object({
              cadreId: z.number().int(),
              name: z.string(),
              lineCount: z.number().int(),
              netFen: z.number().int(),
            }),
          ),
        }),
        "干部汇总",
      ),
      ...commonErrors,
    },
  }),
  async (c) => {
    const year = c.req.valid("query").year;
    return c.json({ year: year ?? null, items: await cadresSummary(c.var.ctx, year) }, 200);
  },
);
reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/cadres/export",
    operationId: "exportCadresReport",
    tags,
    summary: "干部领取补助汇总 CSV",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { query: YearQuery },
    responses: csvResponse,
  }),
  async (c) => {
    const year = c.req.valid("query").year;
    const items = await cadresSummary(c.var.ctx, year);
    return csvDownload(
      c,
      `干部补助${year ?? ""}.csv`,
      ["干部编号", "姓名", "笔数", "净额（元）"],
      items.map((i) => [i.cadreId, i.name, i.lineCount, formatFenPlain(i.netFen)]),
    ) as never;
  },
);
reportsApi.openapi(
  createRoute({
    method: "get",
    path: "/cadres/{id}",
    operationId: "getCadreReport",
    tags,
    summary: "一名干部领取的补助明细",
    security,
    middleware: [requirePermission("money.read")] as const,
    request: { params: IdParam, query: YearQuery },
    responses: { 200: jsonResponse(CadreReport, "报表"), ...commonErrors },
  }),
  async (c) => c.json(await cadreReport(c.var.ctx, c.req.valid("param").id, c.req.valid("query").year), 200),
);
