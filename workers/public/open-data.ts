import { Hono, type Context } from "hono";
import type { AppEnv } from "../platform/env.ts";
import { formatFenPlain } from "../../web/components/format.ts";
import { toCsv, type CsvCell } from "../lib/csv.ts";
import {
  DECISION_STAGE_LABELS,
  FUND_SOURCE_LABELS,
  label,
  PROJECT_STATUS_LABELS,
  RECIPIENT_KIND_LABELS,
} from "../../web/i18n/zh-CN.ts";
import { cachedPublic } from "./cache.ts";
import { allVillagePaymentLines, villageByCode, villageData } from "./queries.ts";

/**
 * Open data: each village's published data as JSON (one document, described at /open-data and
 * in its own `schema` field) and as CSV files (UTF-8 with BOM, for Excel). Same masking as the
 * pages; the same version-keyed cache.
 */
export const openDataRoutes = new Hono<AppEnv>();

const JSON_TYPE = "application/json; charset=utf-8";
const CSV_TYPE = "text/csv; charset=utf-8";
const BOM = "\uFEFF";

function attachment(name: string): Record<string, string> {
  return { "Content-Disposition": `attachment; filename="data.csv"; filename*=UTF-8''${encodeURIComponent(name)}` };
}

function csv(header: string[], rows: CsvCell[][]): string {
  return BOM + toCsv([header, ...rows]);
}

openDataRoutes.get("/v/:code/data.json", (c) =>
  cachedPublic(c, JSON_TYPE, async () => {
    const d = await villageData(c.var.ctx, c.req.param("code"), { recentLines: 0 });
    const base = `/t/${c.var.tenant.slug}`;
    return JSON.stringify({
      schema: `${base}/open-data#schema`,
      generatedFrom: { tenant: c.var.tenant.slug, ledger: `${base}/ledger` },
      village: { code: d.village.code, name: d.village.name, township: d.village.townshipName, tags: d.village.tags },
      team: d.team,
      helpers: d.helpers.map(({ villageCode: _v, ...h }) => h),
      notices: d.notices.map((n) => ({
        id: n.id,
        title: n.title,
        startDate: n.startDate,
        endDate: n.endDate,
        status: n.status,
        url: `${base}/notices/${n.id}`,
      })),
      payments: d.payments,
      projects: d.projects,
      decisions: d.decisions,
      feedback: d.feedback,
      incomes: d.incomes,
    });
  }),
);

async function village(c: Context<AppEnv>) {
  return villageByCode(c.var.ctx, c.req.param("code") ?? "");
}

openDataRoutes.get("/v/:code/payments.csv", async (c) => {
  const v = await village(c);
  return cachedPublic(
    c,
    CSV_TYPE,
    async () => {
      const lines = await allVillagePaymentLines(c.var.ctx, v.id);
      return csv(
        [
          "发放日期",
          "所属期间",
          "资金项目",
          "资金来源",
          "对象类别",
          "对象（已脱敏）",
          "金额（元）",
          "金额（分）",
          "用途",
          "是否冲正",
          "公示编号",
        ],
        lines.map((l) => [
          l.paidDate,
          l.period,
          l.program,
          label(FUND_SOURCE_LABELS, l.fundSource),
          label(RECIPIENT_KIND_LABELS, l.recipientKind),
          l.recipient,
          formatFenPlain(l.amountFen),
          l.amountFen,
          l.purpose,
          l.reversed ? "是" : "否",
          l.noticeId,
        ]),
      );
    },
    attachment(`${v.name}-资金发放明细.csv`),
  );
});

openDataRoutes.get("/v/:code/projects.csv", async (c) => {
  const v = await village(c);
  return cachedPublic(
    c,
    CSV_TYPE,
    async () => {
      const d = await villageData(c.var.ctx, v.code, { recentLines: 0 });
      return csv(
        ["项目名称", "资金来源", "预算（元）", "已支出（元）", "状态", "开始日期", "结束日期"],
        d.projects.map((p) => [
          p.name,
          label(FUND_SOURCE_LABELS, p.fundSource),
          formatFenPlain(p.budgetFen),
          formatFenPlain(p.spentFen),
          label(PROJECT_STATUS_LABELS, p.status),
          p.startDate,
          p.endDate,
        ]),
      );
    },
    attachment(`${v.name}-村级项目.csv`),
  );
});

openDataRoutes.get("/v/:code/decisions.csv", async (c) => {
  const v = await village(c);
  return cachedPublic(
    c,
    CSV_TYPE,
    async () => {
      const d = await villageData(c.var.ctx, v.code, { recentLines: 0 });
      const rows: CsvCell[][] = [];
      for (const x of d.decisions)
        for (const s of x.stages)
          rows.push([
            x.title,
            x.amountFen == null ? "" : formatFenPlain(x.amountFen),
            DECISION_STAGE_LABELS[s.stage],
            s.date,
            s.eligible,
            s.attendees,
            s.votesFor,
            s.votesAgainst,
            s.votesAbstain,
            s.summary,
          ]);
      return csv(["事项", "金额（元）", "环节", "日期", "应到", "实到", "赞成", "反对", "弃权", "内容"], rows);
    },
    attachment(`${v.name}-四议两公开.csv`),
  );
});
