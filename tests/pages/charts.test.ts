import { describe, expect, it } from "vitest";
import { call } from "../helpers/http.ts";
import { signIn, TENANT_DB, uniqueName } from "../helpers/users.ts";
import { household, township, village } from "../helpers/fixtures.ts";

/** Server-drawn charts: an SVG with <title> and <desc>, and the same figures as a table. */
const T = "pingchuan";
const db = () => TENANT_DB[T]!;

async function html(path: string, cookie?: string) {
  const res = await call(path, cookie ? { headers: { Cookie: cookie } } : {});
  expect(res.status).toBe(200);
  return res.text();
}

/** The chart with this id: its SVG title and its fallback table's caption. */
function expectChart(page: string, id: string, title: string) {
  expect(page).toContain(`<figure class="chart" id="${id}">`);
  expect(page).toContain(`<svg role="img" aria-labelledby="${id}-title ${id}-desc"`);
  expect(page).toContain(`<title id="${id}-title">${title}</title>`);
  expect(page).toMatch(new RegExp(`<desc id="${id}-desc">[^<]+</desc>`));
  expect(page).toContain(`<caption>${title}</caption>`);
}

async function paidLine(villageId: number, paidDate: string, amountFen: number) {
  const program = await db()
    .prepare(
      "INSERT INTO programs (name, category, fund_source, recipient_kind, rule_kind) VALUES (?, 'industry_support', 'county', 'household', 'per_line') RETURNING id",
    )
    .bind(uniqueName("项目"))
    .first<{ id: number }>();
  const year = Number(paidDate.slice(0, 4));
  await db()
    .prepare("INSERT INTO budgets (program_id, year, budget_fen) VALUES (?, ?, 1000000)")
    .bind(program!.id, year)
    .run();
  const batch = await db()
    .prepare(
      "INSERT INTO batches (program_id, year, period, title, status, created_by) VALUES (?, ?, ?, ?, 'paid', 1) RETURNING id",
    )
    .bind(program!.id, year, paidDate.slice(0, 7), uniqueName("批次"))
    .first<{ id: number }>();
  const h = await household(T, villageId);
  await db()
    .prepare(
      "INSERT INTO batch_lines (batch_id, program_id, period, recipient_kind, recipient_id, recipient_name, village_id, amount_fen, purpose, status, paid_date) VALUES (?, ?, ?, 'household', ?, '户主', ?, ?, '扶持', 'paid', ?)",
    )
    .bind(batch!.id, program!.id, paidDate.slice(0, 7), h.id, villageId, amountFen, paidDate)
    .run();
}

describe("charts", () => {
  it("draws the dashboard's charts for the county: progress, monthly payments, gaps, visits, households", async () => {
    // A township and a program of this file, so neither chart is empty (storage is per file).
    await paidLine((await village(T, await township(T))).id, "2032-01-15", 1000);
    const admin = await signIn(T, "county_admin");
    const page = await html(`/t/${T}/admin`, admin.cookie);
    const year = /<h2>(\d{4}) 年资金<\/h2>/.exec(page)![1];
    expectChart(page, "chart-program-progress", `${year} 年各资金项目支出进度`);
    expectChart(page, "chart-monthly-payments", `${year} 年每月支付金额`);
    expectChart(page, "chart-gaps-by-township", "各乡镇帮扶覆盖缺口");
    expectChart(page, "chart-visits-by-month", `${year} 年每月走访次数`);
    expectChart(page, "chart-households-by-status", "农户按状态");
  });

  it("leaves money charts off a cadre's dashboard", async () => {
    const cadre = await signIn(T, "cadre");
    const page = await html(`/t/${T}/admin`, cadre.cookie);
    expect(page).not.toContain("chart-program-progress");
    expect(page).not.toContain("chart-monthly-payments");
    expect(page).toContain("chart-visits-by-month");
  });

  it("sums a month's payments into its bar and table row on the program report", async () => {
    const v = await village(T, await township(T));
    await paidLine(v.id, "2031-04-10", 250000);
    await paidLine(v.id, "2031-04-20", 50000);
    const finance = await signIn(T, "finance_officer");
    const page = await html(`/t/${T}/admin/reports?year=2031`, finance.cookie);
    expectChart(page, "chart-monthly-payments", "2031 年每月支付金额");
    expectChart(page, "chart-program-progress", "2031 年各资金项目支出进度");
    expect(page).toMatch(/<td>4月<\/td><td class="num">¥3,000\.00<\/td>/);
    expect(page).toMatch(/<td>5月<\/td><td class="num">¥0\.00<\/td>/);
  });

  it("shows villagers the money their village received by year, with its table", async () => {
    const v = await village(T, await township(T));
    await paidLine(v.id, "2029-06-01", 100000);
    await paidLine(v.id, "2030-06-01", 200000);
    const page = await html(`/t/${T}/v/${v.code}`);
    expectChart(page, "chart-money-by-year", "历年发放到本村的资金");
    expect(page).toMatch(/<td>2029 年<\/td><td class="num">¥1,000<\/td>/);
    expect(page).toMatch(/<td>2030 年<\/td><td class="num">¥2,000<\/td>/);
  });
});
