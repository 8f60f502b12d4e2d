import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { createBatch, createProgram, endNoticePeriod, post, setBudget } from "../helpers/money-fixtures.ts";

/**
 * D1 binds at most 100 parameters per statement: every set a user can grow (programs, villages of
 * a batch, failed lines) must be sent as one JSON parameter or in chunks, never as `IN (?, ?, …)`.
 */

/** `n` households, each in its own new village (one township per call). */
async function householdsInVillages(tenant: string, n: number, township: string) {
  const db = TENANT_DB[tenant]!;
  await db.prepare("INSERT OR IGNORE INTO townships (code, name) VALUES (?, '百村镇')").bind(township).run();
  const codes = Array.from({ length: n }, (_, i) => `${township}${String(100 + i).padStart(3, "0")}`);
  await db
    .prepare(
      "INSERT INTO villages (code, name, township_code, tags) SELECT value, '百村' || substr(value, 10), ?, '[]' FROM json_each(?)",
    )
    .bind(township, JSON.stringify(codes))
    .run();
  await db
    .prepare(
      `INSERT INTO households (village_id, head_name, id_number_enc, id_number_hash, self_query_hash, id_number_last4, id_number_first4)
       SELECT id, '户主' || id, 'v1.x.y', 'h' || code, 's' || code, '1234', '5101' FROM villages WHERE township_code = ?`,
    )
    .bind(township)
    .run();
  return (
    await db
      .prepare(
        "SELECT h.id, h.village_id AS villageId FROM households h JOIN villages v ON v.id = h.village_id WHERE v.township_code = ? ORDER BY h.id",
      )
      .bind(township)
      .all<{ id: number; villageId: number }>()
  ).results;
}

/** A draft batch of one 100-yuan line per household, lines written straight into the draft (fixture). */
async function draftBatchFor(tenant: string, token: string, hhs: { id: number; villageId: number }[]) {
  const program = await createProgram(tenant, token, {
    recipientKind: "household",
    ruleKind: "per_line",
    ruleAmountFen: undefined,
    category: "industry_support",
  });
  await setBudget(tenant, token, program.id, 2026, 100_000_000);
  const batchId = await createBatch(tenant, token, program.id, "2026");
  const db = TENANT_DB[tenant]!;
  await db
    .prepare(
      `INSERT INTO batch_lines (batch_id, program_id, period, recipient_kind, recipient_id, recipient_name, village_id, amount_fen, purpose)
       SELECT ?1, ?2, '2026', 'household', json_extract(value, '$[0]'), '户主', json_extract(value, '$[1]'), 10000, '产业扶持'
       FROM json_each(?3)`,
    )
    .bind(batchId, program.id, JSON.stringify(hhs.map((h) => [h.id, h.villageId])))
    .run();
  await db
    .prepare(
      "INSERT INTO payment_claims (program_id, period, recipient_kind, recipient_id, line_id) SELECT program_id, period, recipient_kind, recipient_id, id FROM batch_lines WHERE batch_id = ?",
    )
    .bind(batchId)
    .run();
  await db
    .prepare(
      "UPDATE batches SET total_fen = (SELECT sum(amount_fen) FROM batch_lines WHERE batch_id = ?1), line_count = (SELECT count(*) FROM batch_lines WHERE batch_id = ?1) WHERE id = ?1",
    )
    .bind(batchId)
    .run();
  return batchId;
}

describe("D1's 100 bound parameters", () => {
  it("lists more than 100 programs with their budgets, in the API and on the programs page", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const db = TENANT_DB.longquanyi!;
    const names = Array.from({ length: 105 }, (_, i) => `百项目${i}`);
    await db
      .prepare(
        "INSERT INTO programs (name, category, fund_source, recipient_kind, rule_kind, rule_amount_fen) SELECT value, 'other', 'county', 'cadre', 'per_month', 1000 FROM json_each(?)",
      )
      .bind(JSON.stringify(names))
      .run();
    await db
      .prepare(
        "INSERT INTO budgets (program_id, year, budget_fen) SELECT id, 2026, 500000 FROM programs WHERE name LIKE '百项目%'",
      )
      .run();
    const res = await api("longquanyi", "/programs", { token: admin.token });
    expect(res.status, await res.clone().text()).toBe(200);
    const { items } = (await res.json()) as { items: { name: string; budgets: { budgetFen: number }[] }[] };
    const ours = items.filter((p) => p.name.startsWith("百项目"));
    expect(ours).toHaveLength(105);
    expect(ours.every((p) => p.budgets.length === 1 && p.budgets[0]!.budgetFen === 500000)).toBe(true);
    const page = await call("/t/longquanyi/admin/programs", { headers: { Cookie: admin.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("百项目0");
    expect(html).toContain("百项目104");
  });

  it("submits a batch whose lines span more than 100 villages", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const hhs = await householdsInVillages("pingchuan", 103, "620403777");
    const batchId = await draftBatchFor("pingchuan", admin.token, hhs);
    const res = await post("pingchuan", admin.token, `/batches/${batchId}/submit`);
    expect(res.status, await res.clone().text()).toBe(200);
    const notice = await TENANT_DB.pingchuan!.prepare(
      "SELECT (SELECT count(*) FROM json_each(n.village_ids)) AS villages FROM notices n JOIN batches b ON b.notice_id = n.id WHERE b.id = ?",
    )
      .bind(batchId)
      .first<{ villages: number }>();
    expect(notice?.villages).toBe(103);
  });

  it("pays a batch with more than 100 failed lines: they are failed, their claims and budget released", async () => {
    const maker = await signIn("dazhou", "county_admin");
    const approver = await signIn("dazhou", "county_admin");
    const finance = await signIn("dazhou", "finance_officer");
    const hhs = await householdsInVillages("dazhou", 104, "511702778");
    const batchId = await draftBatchFor("dazhou", maker.token, hhs);
    expect((await post("dazhou", maker.token, `/batches/${batchId}/submit`)).status).toBe(200);
    await endNoticePeriod("dazhou", batchId);
    expect((await post("dazhou", approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
    const lines = (
      await TENANT_DB.dazhou!.prepare("SELECT id FROM batch_lines WHERE batch_id = ? ORDER BY id")
        .bind(batchId)
        .all<{ id: number }>()
    ).results;
    const failures = lines.slice(0, 102).map((l) => ({ lineId: l.id, reason: "账号错误" }));
    const res = await post("dazhou", finance.token, `/batches/${batchId}/pay`, {
      paidDate: "2026-11-30",
      paymentRef: "PZ-BIG",
      failures,
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const counts = await TENANT_DB.dazhou!.prepare(
      "SELECT sum(status = 'failed') AS failed, sum(status = 'paid') AS paid, sum(fail_reason = '账号错误') AS reasons FROM batch_lines WHERE batch_id = ?",
    )
      .bind(batchId)
      .first<{ failed: number; paid: number; reasons: number }>();
    expect(counts).toEqual({ failed: 102, paid: 2, reasons: 102 });
    const claims = await TENANT_DB.dazhou!.prepare(
      "SELECT count(*) AS n FROM payment_claims WHERE line_id IN (SELECT id FROM batch_lines WHERE batch_id = ?)",
    )
      .bind(batchId)
      .first<{ n: number }>();
    expect(claims?.n).toBe(2);
  });
});
