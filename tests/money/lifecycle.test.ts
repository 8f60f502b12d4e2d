import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { expectNoRow, nextIdOnlyIn } from "../helpers/fixtures.ts";
import { readNoticeContent } from "../../workers/notices/content.ts";
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

interface Batch {
  id: number;
  status: string;
  totalFen: number;
  noticeId: number | null;
  noticeEnd: string | null;
}
const batchOf = async (tenant: string, token: string, id: number) =>
  (await (await api(tenant, `/batches/${id}`, { token })).json()) as Batch;
const budgetOf = async (tenant: string, token: string, programId: number, year: number) =>
  (
    (await (await api(tenant, `/programs/${programId}`, { token })).json()) as {
      budgets: { year: number; budgetFen: number; committedFen: number; paidFen: number; executionRate: string }[];
    }
  ).budgets.find((b) => b.year === year)!;

/** A noticed batch of one or more per-line household payments, ready for the period to pass. */
async function noticedBatch(tenant: string, amounts: number[], budgetFen = 10_000_000) {
  const admin = await signIn(tenant, "county_admin");
  const { villageId } = await registryFixture(tenant);
  const program = await createProgram(tenant, admin.token, {
    recipientKind: "household",
    ruleKind: "per_line",
    ruleAmountFen: undefined,
    category: "industry_support",
  });
  await setBudget(tenant, admin.token, program.id, 2026, budgetFen);
  const batchId = await createBatch(tenant, admin.token, program.id, "2026");
  for (const amountFen of amounts) {
    const hh = await householdFixture(tenant, villageId, "李四光");
    expect(
      (await addLine(tenant, admin.token, batchId, { recipientId: hh, amountFen, purpose: "产业扶持" })).status,
    ).toBe(201);
  }
  expect((await post(tenant, admin.token, `/batches/${batchId}/submit`)).status).toBe(200);
  // Maker-checker: the approver is another county administrator than the one who created and submitted.
  const approver = await signIn(tenant, "county_admin");
  return { admin, approver, program, batchId, villageId };
}

describe("batch lifecycle", () => {
  it("goes draft → noticed → approved → paid → closed, and illegal transitions are 409 that change nothing", async () => {
    const { admin, approver, program, batchId } = await noticedBatch("longquanyi", [300_000, 150_000]);
    expect((await post("longquanyi", admin.token, `/batches/${batchId}/submit`)).status).toBe(409);
    expect((await post("longquanyi", admin.token, `/batches/${batchId}/cancel`)).status).toBe(409);
    expect(
      (await post("longquanyi", admin.token, `/batches/${batchId}/pay`, { paidDate: "2026-11-20", paymentRef: "X" }))
        .status,
    ).toBe(409);
    expect((await batchOf("longquanyi", admin.token, batchId)).status).toBe("noticed");
    await endNoticePeriod("longquanyi", batchId);
    expect((await post("longquanyi", approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
    expect(await budgetOf("longquanyi", admin.token, program.id, 2026)).toMatchObject({
      committedFen: 450_000,
      paidFen: 0,
    });
    const finance = await signIn("longquanyi", "finance_officer");
    expect(
      (
        await post("longquanyi", finance.token, `/batches/${batchId}/pay`, {
          paidDate: "2026-11-25",
          paymentRef: "GK20261125",
        })
      ).status,
    ).toBe(200);
    expect(await budgetOf("longquanyi", admin.token, program.id, 2026)).toMatchObject({
      committedFen: 450_000,
      paidFen: 450_000,
      executionRate: "4.5%",
    });
    expect((await post("longquanyi", admin.token, `/batches/${batchId}/close`)).status).toBe(200);
    expect((await batchOf("longquanyi", admin.token, batchId)).status).toBe("closed");
  });

  it("refuses approval before the notice period ends", async () => {
    const { admin, approver, batchId } = await noticedBatch("longquanyi", [100_000]);
    const res = await post("longquanyi", approver.token, `/batches/${batchId}/approve`);
    expect(res.status).toBe(409);
    expect((await problem(res)).detail).toContain("期满后才能审批");
    expect((await batchOf("longquanyi", admin.token, batchId)).status).toBe("noticed");
  });

  it("refuses approval while an objection is open", async () => {
    const { admin, approver, batchId } = await noticedBatch("longquanyi", [100_000]);
    const batch = await batchOf("longquanyi", admin.token, batchId);
    await TENANT_DB.longquanyi!.prepare(
      "INSERT INTO objections (notice_id, tracking_code, text) VALUES (?, ?, '金额有误')",
    )
      .bind(batch.noticeId, `T${batchId}x${Date.now()}`)
      .run();
    await endNoticePeriod("longquanyi", batchId);
    const res = await post("longquanyi", approver.token, `/batches/${batchId}/approve`);
    expect(res.status).toBe(409);
    expect((await problem(res)).detail).toContain("异议");
  });

  it("never lets two concurrent approvals together exceed the year's budget: exactly one succeeds", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { villageId } = await registryFixture("pingchuan");
    const program = await createProgram("pingchuan", admin.token, {
      recipientKind: "household",
      ruleKind: "per_line",
      ruleAmountFen: undefined,
    });
    await setBudget("pingchuan", admin.token, program.id, 2026, 1_000_000);
    const ids: number[] = [];
    for (let i = 0; i < 2; i++) {
      const batchId = await createBatch("pingchuan", admin.token, program.id, "2026");
      expect(
        (
          await addLine("pingchuan", admin.token, batchId, {
            recipientId: await householdFixture("pingchuan", villageId),
            amountFen: 600_000,
            purpose: "危房改造",
          })
        ).status,
      ).toBe(201);
      expect((await post("pingchuan", admin.token, `/batches/${batchId}/submit`)).status).toBe(200);
      await endNoticePeriod("pingchuan", batchId);
      ids.push(batchId);
    }
    const approver = await signIn("pingchuan", "county_admin");
    const results = await Promise.all(ids.map((id) => post("pingchuan", approver.token, `/batches/${id}/approve`)));
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
    const budget = await budgetOf("pingchuan", admin.token, program.id, 2026);
    expect(budget.committedFen).toBe(600_000);
    expect(budget.committedFen).toBeLessThanOrEqual(budget.budgetFen);
  });

  it("refuses a budget lowered below what is committed", async () => {
    const { admin, approver, program, batchId } = await noticedBatch("pingchuan", [400_000], 1_000_000);
    await endNoticePeriod("pingchuan", batchId);
    expect((await post("pingchuan", approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
    const res = await api("pingchuan", `/programs/${program.id}/budgets/2026`, {
      method: "PUT",
      token: admin.token,
      json: { budgetFen: 300_000 },
    });
    expect(res.status).toBe(409);
    expect((await budgetOf("pingchuan", admin.token, program.id, 2026)).budgetFen).toBe(1_000_000);
  });

  it("publishes a masked snapshot: the notice never carries a whole name", async () => {
    const { batchId } = await noticedBatch("dazhou", [88_800]);
    const row = await TENANT_DB.dazhou!.prepare(
      "SELECT id, content, chunk_count AS chunkCount, content_hash FROM notices WHERE kind = 'batch' AND subject_id = ?",
    )
      .bind(batchId)
      .first<{ id: number; content: string; chunkCount: number; content_hash: string }>();
    const content = await readNoticeContent(TENANT_DB.dazhou!, row!);
    expect(content).toContain("李*光");
    expect(content).not.toContain("李四光");
    const ledger = await TENANT_DB.dazhou!.prepare("SELECT content FROM ledger_entries WHERE ref = ?")
      .bind(`batch:${batchId}`)
      .first<{ content: string }>();
    expect(ledger!.content).toContain(row!.content_hash);
  });

  it("lets an upheld objection send a noticed batch back to draft, to be noticed again", async () => {
    const { admin, batchId } = await noticedBatch("dazhou", [10_000]);
    await TENANT_DB.dazhou!.prepare("UPDATE batches SET status = 'draft', notice_id = NULL WHERE id = ?")
      .bind(batchId)
      .run();
    expect((await post("dazhou", admin.token, `/batches/${batchId}/submit`)).status).toBe(200);
    const notices = await TENANT_DB.dazhou!.prepare(
      "SELECT count(*) AS n FROM notices WHERE subject_id = ? AND kind = 'batch'",
    )
      .bind(batchId)
      .first<{ n: number }>();
    expect(notices!.n).toBe(2);
  });

  it("keeps roles apart: finance prepares and pays, only the county approves, auditors read", async () => {
    await nextIdOnlyIn("dazhou", "batches", "pingchuan");
    const { batchId } = await noticedBatch("dazhou", [10_000]);
    await endNoticePeriod("dazhou", batchId);
    const finance = await signIn("dazhou", "finance_officer");
    expect((await post("dazhou", finance.token, `/batches/${batchId}/approve`)).status).toBe(403);
    const auditor = await signIn("dazhou", "auditor");
    expect((await api("dazhou", `/batches/${batchId}`, { token: auditor.token })).status).toBe(200);
    expect((await post("dazhou", auditor.token, "/batches", { programId: 1, period: "2026" })).status).toBe(403);
    const cadre = await signIn("dazhou", "cadre");
    expect((await api("dazhou", "/batches", { token: cadre.token })).status).toBe(403);
    const other = await signIn("pingchuan", "county_admin");
    await expectNoRow("pingchuan", "batches", batchId);
    expect((await api("pingchuan", `/batches/${batchId}`, { token: other.token })).status).toBe(404);
  });
});

describe("paid lines", () => {
  it("are never changed: the database refuses, the API offers only a reversal, which restores the budget", async () => {
    const { admin, approver, program, batchId } = await noticedBatch("longquanyi", [200_000]);
    await endNoticePeriod("longquanyi", batchId);
    await post("longquanyi", approver.token, `/batches/${batchId}/approve`);
    await post("longquanyi", admin.token, `/batches/${batchId}/pay`, { paidDate: "2026-11-25", paymentRef: "GK1" });
    const line = (
      (await (await api("longquanyi", `/batches/${batchId}/lines`, { token: admin.token })).json()) as {
        items: { id: number }[];
      }
    ).items[0]!;
    await expect(
      TENANT_DB.longquanyi!.prepare("UPDATE batch_lines SET amount_fen = 1 WHERE id = ?").bind(line.id).run(),
    ).rejects.toThrow(/paid_line_immutable/);
    await expect(
      TENANT_DB.longquanyi!.prepare("DELETE FROM batch_lines WHERE id = ?").bind(line.id).run(),
    ).rejects.toThrow(/paid_line_immutable/);
    expect(
      (await api("longquanyi", `/batches/${batchId}/lines/${line.id}`, { method: "DELETE", token: admin.token }))
        .status,
    ).toBe(409);
    const rev = await post("longquanyi", admin.token, `/lines/${line.id}/reverse`, { reason: "重复发放，已追回" });
    expect(rev.status).toBe(200);
    expect(await rev.json()).toMatchObject({
      status: "paid",
      amountFen: 200_000,
      reversed: { amountFen: 200_000, reason: "重复发放，已追回" },
    });
    expect(await budgetOf("longquanyi", admin.token, program.id, 2026)).toMatchObject({ committedFen: 0, paidFen: 0 });
    expect((await post("longquanyi", admin.token, `/lines/${line.id}/reverse`, { reason: "再冲一次" })).status).toBe(
      409,
    );
    const ledger = await TENANT_DB.longquanyi!.prepare(
      "SELECT content FROM ledger_entries WHERE kind = 'line.reversed' AND ref = ?",
    )
      .bind(`line:${line.id}`)
      .first<{ content: string }>();
    expect(ledger!.content).toContain("重复发放");
  });

  it("records failed lines with their reason, gives their amount back, and lets them be paid in a later batch", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { villageId, unitId } = await registryFixture("pingchuan");
    const program = await createProgram("pingchuan", admin.token, { ruleAmountFen: 50_000 });
    await setBudget("pingchuan", admin.token, program.id, 2026, 10_000_000);
    const a = await cadreFixture("pingchuan", unitId, villageId, "first_secretary", "赵一");
    const b = await cadreFixture("pingchuan", unitId, villageId, "team_member", "钱二");
    const batchId = await createBatch("pingchuan", admin.token, program.id, "2026-10");
    await addLine("pingchuan", admin.token, batchId, { recipientId: a.cadreId });
    await addLine("pingchuan", admin.token, batchId, { recipientId: b.cadreId });
    await post("pingchuan", admin.token, `/batches/${batchId}/submit`);
    await endNoticePeriod("pingchuan", batchId);
    const approver = await signIn("pingchuan", "county_admin");
    expect((await post("pingchuan", approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
    const lines = (
      (await (await api("pingchuan", `/batches/${batchId}/lines`, { token: admin.token })).json()) as {
        items: { id: number; recipientId: number }[];
      }
    ).items;
    const failed = lines.find((l) => l.recipientId === b.cadreId)!;
    expect(
      (
        await post("pingchuan", admin.token, `/batches/${batchId}/pay`, {
          paidDate: "2026-11-05",
          paymentRef: "GK2",
          failures: [{ lineId: failed.id, reason: "账户已销户，银行退回" }],
        })
      ).status,
    ).toBe(200);
    const after = (
      (await (await api("pingchuan", `/batches/${batchId}/lines`, { token: admin.token })).json()) as {
        items: { id: number; status: string; failReason: string | null }[];
      }
    ).items;
    expect(after.find((l) => l.id === failed.id)).toMatchObject({
      status: "failed",
      failReason: "账户已销户，银行退回",
    });
    expect(await budgetOf("pingchuan", admin.token, program.id, 2026)).toMatchObject({
      committedFen: 50_000,
      paidFen: 50_000,
    });
    const again = await createBatch("pingchuan", admin.token, program.id, "2026-10");
    expect(
      (await addLine("pingchuan", admin.token, again, { recipientId: b.cadreId, repaysLineId: failed.id })).status,
    ).toBe(201);
    expect((await addLine("pingchuan", admin.token, again, { recipientId: a.cadreId })).status).toBe(409);
  });
});

describe("integrity of the money path", () => {
  it("stores every amount as an integer number of fen", async () => {
    const rows = await env.TENANT_LONGQUANYI.prepare(
      "SELECT typeof(amount_fen) AS t FROM batch_lines UNION SELECT typeof(budget_fen) FROM budgets",
    ).all<{ t: string }>();
    for (const r of rows.results) expect(r.t).toBe("integer");
  });
});
