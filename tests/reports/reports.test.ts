import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import {
  addLine,
  cadreFixture,
  createBatch,
  createProgram,
  endNoticePeriod,
  householdFixture,
  post,
  registryFixture,
  setBudget,
} from "../helpers/money-fixtures.ts";

type Json = Record<string, unknown>;
const get = async (tenant: string, token: string, path: string) => {
  const res = await api(tenant, path, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as never;
};

/** Pays a batch of household lines (some failing) and reverses one: every kind of figure a report nets. */
async function paidHouseholdBatch(tenant: string) {
  const admin = await signIn(tenant, "county_admin");
  const finance = await signIn(tenant, "finance_officer");
  const { villageId } = await registryFixture(tenant);
  const program = await createProgram(tenant, admin.token, {
    recipientKind: "household",
    ruleKind: "per_line",
    ruleAmountFen: undefined,
    category: "industry_support",
    fundSource: "provincial",
  });
  await setBudget(tenant, admin.token, program.id, 2026, 2_000_000);
  const batchId = await createBatch(tenant, admin.token, program.id, "2026");
  const [h1, h2, h3] = [
    await householdFixture(tenant, villageId, "周一"),
    await householdFixture(tenant, villageId, "周二"),
    await householdFixture(tenant, villageId, "周三"),
  ];
  for (const [h, fen] of [
    [h1, 300_000],
    [h2, 200_000],
    [h3, 100_000],
  ] as const)
    expect(
      (await addLine(tenant, admin.token, batchId, { recipientId: h, amountFen: fen, purpose: "产业扶持" })).status,
    ).toBe(201);
  expect((await post(tenant, admin.token, `/batches/${batchId}/submit`)).status).toBe(200);
  await endNoticePeriod(tenant, batchId);
  const approver = await signIn(tenant, "county_admin");
  expect((await post(tenant, approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
  const lines = (
    (await get(tenant, admin.token, `/batches/${batchId}/lines`)) as { items: { id: number; recipientId: number }[] }
  ).items;
  const idOf = (h: number) => lines.find((l) => l.recipientId === h)!.id;
  // h3's payment fails (bank return); h2's is paid and then reversed.
  expect(
    (
      await post(tenant, finance.token, `/batches/${batchId}/pay`, {
        paidDate: "2026-06-15",
        paymentRef: "PZ-R1",
        failures: [{ lineId: idOf(h3), reason: "账户冻结" }],
      })
    ).status,
  ).toBe(200);
  expect((await post(tenant, finance.token, `/lines/${idOf(h2)}/reverse`, { reason: "不符合条件，收回" })).status).toBe(
    200,
  );
  return { admin, finance, program, batchId, villageId, h1, h2, h3 };
}

describe("money reports", () => {
  it("per program and year: budget, committed, paid, execution rate, all net of failures and reversals", async () => {
    const { finance, program } = await paidHouseholdBatch("longquanyi");
    const r = (await get("longquanyi", finance.token, "/reports/programs?year=2026")) as {
      items: Json[];
      totals: Json;
    };
    const row = r.items.find((i) => i.programId === program.id);
    // 600,000 approved; 100,000 failed (released); 200,000 reversed → committed 300,000, paid 300,000.
    expect(row).toMatchObject({
      budgetFen: 2_000_000,
      committedFen: 300_000,
      paidFen: 300_000,
      reversedFen: 200_000,
      availableFen: 1_700_000,
      executionRate: "15%",
      batchCount: 1,
    });
    // Another year has no budget for it.
    const other = (await get("longquanyi", finance.token, "/reports/programs?year=2025")) as { items: Json[] };
    expect(other.items.find((i) => i.programId === program.id)).toMatchObject({
      hasBudget: false,
      budgetFen: 0,
      executionRate: "—",
    });
    expect((await api("longquanyi", "/reports/programs?year=1999", { token: finance.token })).status).toBe(400);
  });

  it("per village and per household: what was paid, when, from which program, net of reversals", async () => {
    const { finance, program, villageId, h1, h2, h3 } = await paidHouseholdBatch("pingchuan");
    const v = (await get("pingchuan", finance.token, `/reports/villages/${villageId}?year=2026`)) as {
      byProgram: Json[];
      totals: Json;
      lines: Json[];
    };
    expect(v.totals).toMatchObject({ lineCount: 2, paidFen: 500_000, reversedFen: 200_000, netFen: 300_000 });
    expect(v.byProgram).toEqual([expect.objectContaining({ programId: program.id, netFen: 300_000 })]);
    expect(v.lines.map((l) => [l.recipientName, l.paidDate, l.netFen])).toEqual(
      expect.arrayContaining([
        ["周一", "2026-06-15", 300_000],
        ["周二", "2026-06-15", 0],
      ]),
    );
    expect(v.lines.some((l) => l.recipientName === "周三")).toBe(false); // failed: never paid
    expect(
      ((await get("pingchuan", finance.token, `/reports/villages/${villageId}?year=2025`)) as { totals: Json }).totals,
    ).toMatchObject({ lineCount: 0, netFen: 0 });
    const index = (await get("pingchuan", finance.token, "/reports/villages?year=2026")) as { items: Json[] };
    expect(index.items.find((i) => i.villageId === villageId)).toMatchObject({ lineCount: 2, netFen: 300_000 });

    expect(
      ((await get("pingchuan", finance.token, `/reports/households/${h1}`)) as { totals: Json }).totals,
    ).toMatchObject({ netFen: 300_000 });
    const reversed = (await get("pingchuan", finance.token, `/reports/households/${h2}`)) as {
      totals: Json;
      lines: Json[];
    };
    expect(reversed.totals).toMatchObject({ paidFen: 200_000, reversedFen: 200_000, netFen: 0 });
    expect(reversed.lines[0]).toMatchObject({ programName: program.name, reversalReason: "不符合条件，收回" });
    expect(
      ((await get("pingchuan", finance.token, `/reports/households/${h3}`)) as { totals: Json }).totals,
    ).toMatchObject({ lineCount: 0 });
  });

  it("per cadre: allowances received", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { villageId, unitId } = await registryFixture("dazhou");
    const c1 = await cadreFixture("dazhou", unitId, villageId, "first_secretary", "补助书记");
    const program = await createProgram("dazhou", admin.token, {
      name: `第一书记补助${Date.now()}`,
      ruleKind: "per_month",
      ruleAmountFen: 50_000,
    });
    await setBudget("dazhou", admin.token, program.id, 2026, 1_000_000);
    const approver = await signIn("dazhou", "county_admin");
    for (const period of ["2026-10", "2026-11"]) {
      const b = await createBatch("dazhou", admin.token, program.id, period);
      expect((await addLine("dazhou", admin.token, b, { recipientId: c1.cadreId })).status).toBe(201);
      await post("dazhou", admin.token, `/batches/${b}/submit`);
      await endNoticePeriod("dazhou", b);
      expect((await post("dazhou", approver.token, `/batches/${b}/approve`)).status).toBe(200);
      expect(
        (
          await post("dazhou", admin.token, `/batches/${b}/pay`, {
            paidDate: `${period}-28`,
            paymentRef: `PZ${period}`,
          })
        ).status,
      ).toBe(200);
    }
    const r = (await get("dazhou", admin.token, `/reports/cadres/${c1.cadreId}?year=2026`)) as {
      totals: Json;
      lines: Json[];
    };
    expect(r.totals).toMatchObject({ lineCount: 2, netFen: 100_000 });
    expect(r.lines.map((l) => l.paidDate)).toEqual(["2026-11-28", "2026-10-28"]);
    const all = (await get("dazhou", admin.token, "/reports/cadres")) as { items: Json[] };
    expect(all.items.find((i) => i.cadreId === c1.cadreId)).toMatchObject({ lineCount: 2, netFen: 100_000 });
    const csv = await api("dazhou", "/reports/cadres/export?year=2026", { token: admin.token });
    const text = new Uint8Array(await csv.arrayBuffer());
    expect([...text.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    expect(new TextDecoder().decode(text)).toContain(`${c1.cadreId},补助书记,2,1000.00`);
  });

  it("exports CSV for Excel (UTF-8 with BOM, amounts in 元) and keeps other roles and tenants out", async () => {
    const { finance, program, villageId, h2 } = await paidHouseholdBatch("longquanyi");
    const res = await api("longquanyi", "/reports/programs/export?year=2026", { token: finance.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain(
      `${program.name},产业扶持资金,省级财政,2026,20000.00,3000.00,3000.00,2000.00,17000.00,15%,1`,
    );
    const village = new TextDecoder().decode(
      await (await api("longquanyi", `/reports/villages/${villageId}/export`, { token: finance.token })).arrayBuffer(),
    );
    expect(village).toContain("不符合条件，收回");
    expect((await api("longquanyi", `/reports/households/${h2}/export`, { token: finance.token })).status).toBe(200);
    // The admin page links the same export and shows the figures.
    const page = await call("/t/longquanyi/admin/reports?year=2026", { headers: { Cookie: finance.cookie } });
    const html = await page.text();
    expect(html).toContain("/api/v1/reports/programs/export?year=2026");
    expect(html).toContain("15%");
    const vpage = await (
      await call(`/t/longquanyi/admin/reports/villages/${villageId}`, { headers: { Cookie: finance.cookie } })
    ).text();
    expect(vpage).toContain("冲正 ¥2,000.00");

    for (const role of ["cadre", "township_officer"] as const) {
      const s = await signIn("longquanyi", role);
      expect((await api("longquanyi", "/reports/programs", { token: s.token })).status).toBe(403);
      expect((await api("longquanyi", `/reports/villages/${villageId}`, { token: s.token })).status).toBe(403);
      expect((await api("longquanyi", `/reports/households/${h2}/export`, { token: s.token })).status).toBe(403);
    }
    const other = await signIn("pingchuan", "finance_officer");
    expect((await api("pingchuan", `/reports/households/${h2 + 100_000}`, { token: other.token })).status).toBe(404);
    expect((await api("pingchuan", `/reports/villages/${villageId + 100_000}`, { token: other.token })).status).toBe(
      404,
    );
  });

  it("finds a household's report by the head's ID number through a POST form (never in the URL)", async () => {
    const finance = await signIn("longquanyi", "finance_officer");
    const bad = await call("/t/longquanyi/admin/reports/households", {
      method: "POST",
      headers: {
        Cookie: finance.cookie,
        "Content-Type": "application/x-www-form-urlencoded",
        Origin: "https://bangfu.test",
      },
      body: new URLSearchParams({ _csrf: finance.csrfToken, q: "12345678901234567X" }).toString(),
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("身份证号");
  });
});
