import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn, TENANT_DB, uniqueName } from "../helpers/users.ts";
import { createBatch, createProgram, endNoticePeriod, post, setBudget } from "../helpers/money-fixtures.ts";

/**
 * A batch above the old 20,000-line limit goes through preview, commit, notice and approval with
 * one request per step, within D1's limits (the commit reports its statement count; a D1 batch
 * takes at most 1,000). Recipients are written straight into the registry (fixture), the lines
 * come through the real CSV import.
 */
const LINES = 25_000;

async function cadresOfNewUnit(tenant: string, n: number): Promise<number[]> {
  const db = TENANT_DB[tenant]!;
  const unit = await db
    .prepare("INSERT INTO units (name, kind, level) VALUES (?, 'party_government', 'county') RETURNING id")
    .bind(uniqueName("压测单位"))
    .first<{ id: number }>();
  const names = Array.from({ length: n }, (_, i) => `干部${String(i).padStart(5, "0")}`);
  await db
    .prepare("INSERT INTO cadres (name, unit_id) SELECT value, ? FROM json_each(?)")
    .bind(unit!.id, JSON.stringify(names))
    .run();
  return (
    await db.prepare("SELECT id FROM cadres WHERE unit_id = ? ORDER BY id").bind(unit!.id).all<{ id: number }>()
  ).results.map((r) => r.id);
}

describe("a batch larger than 20,000 lines", () => {
  it("is previewed, committed, noticed and approved with one request per step", async () => {
    const finance = await signIn("dazhou", "finance_officer");
    const approver = await signIn("dazhou", "county_admin");
    const ids = await cadresOfNewUnit("dazhou", LINES);
    const program = await createProgram("dazhou", finance.token);
    await setBudget("dazhou", finance.token, program.id, 2026, LINES * 50_000);
    const batchId = await createBatch("dazhou", finance.token, program.id, "2026-11");

    const csv = ["干部编号,用途", ...ids.map((id) => `${id},驻村补助`)].join("\r\n");
    expect(csv.length).toBeGreaterThan(2 * 1024 * 100); // hundreds of KB: a real payroll file
    const previewRes = await api("dazhou", `/batches/${batchId}/lines/import`, {
      token: finance.token,
      body: csv,
      headers: { "Content-Type": "text/csv" },
    });
    expect(previewRes.status, await previewRes.clone().text()).toBe(201);
    const preview = (await previewRes.json()) as { id: number; rowCount: number; errorCount: number };
    expect(preview).toMatchObject({ rowCount: LINES, errorCount: 0 });

    const commitRes = await post("dazhou", finance.token, `/imports/${preview.id}/commit`);
    expect(commitRes.status, await commitRes.clone().text()).toBe(200);
    const commit = (await commitRes.json()) as { inserted: number; statements: number };
    expect(commit.inserted).toBe(LINES);
    // Bulk JSON inserts: a few dozen statements, far below D1's 1,000 per batch.
    expect(commit.statements).toBeLessThan(100);

    const submit = await post("dazhou", finance.token, `/batches/${batchId}/submit`);
    expect(submit.status, await submit.clone().text()).toBe(200);
    expect(await submit.json()).toMatchObject({ status: "noticed", lineCount: LINES, totalFen: LINES * 50_000 });
    await endNoticePeriod("dazhou", batchId);
    const approve = await post("dazhou", approver.token, `/batches/${batchId}/approve`);
    expect(approve.status, await approve.clone().text()).toBe(200);
    expect(await approve.json()).toMatchObject({ status: "approved" });
  });

  it("refuses more than 100,000 lines in one file, naming the limit", async () => {
    const finance = await signIn("pingchuan", "finance_officer");
    const program = await createProgram("pingchuan", finance.token);
    const batchId = await createBatch("pingchuan", finance.token, program.id, "2026-11");
    const csv = ["干部编号", ...Array.from({ length: 100_001 }, () => "1")].join("\n");
    const res = await api("pingchuan", `/batches/${batchId}/lines/import`, {
      token: finance.token,
      body: csv,
      headers: { "Content-Type": "text/csv" },
    });
    expect(res.status, await res.clone().text()).toBe(201);
    expect(await res.json()).toMatchObject({
      rowCount: 100_001,
      errors: [expect.objectContaining({ message: expect.stringContaining("100000") })],
    });
    const other = await api("pingchuan", "/units", {
      token: finance.token,
      body: "x".repeat(3 * 1024 * 1024),
      headers: { "Content-Type": "application/json" },
    });
    expect(other.status).toBe(413);
  });
});
