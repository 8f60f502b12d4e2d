import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import {
  addLine,
  createBatch,
  createProgram,
  endNoticePeriod,
  householdFixture,
  post,
  registryFixture,
  setBudget,
} from "../helpers/money-fixtures.ts";
import { uploadCsv } from "./fixtures.ts";

interface Result {
  batchStatus: string;
  paid: number;
  failed: number;
  skipped: number;
  errors: number;
  paidFen: number;
  failedFen: number;
  pendingLeft: number;
  results: { row: number; lineId: number | null; outcome: string; message: string }[];
}
const budgetOf = async (tenant: string, token: string, programId: number) =>
  (
    (await (await api(tenant, `/programs/${programId}`, { token })).json()) as {
      budgets: { year: number; committedFen: number; paidFen: number }[];
    }
  ).budgets.find((b) => b.year === 2026)!;
const linesOf = async (tenant: string, token: string, batchId: number) =>
  (
    (await (await api(tenant, `/batches/${batchId}/lines?size=200`, { token })).json()) as {
      items: {
        id: number;
        recipientId: number;
        status: string;
        bankRef: string | null;
        paidDate: string | null;
        failReason: string | null;
      }[];
    }
  ).items;

/** An approved batch of per-line household payments. */
async function approvedBatch(tenant: string, amounts: number[]) {
  const admin = await signIn(tenant, "county_admin");
  const finance = await signIn(tenant, "finance_officer");
  const { villageId } = await registryFixture(tenant);
  const program = await createProgram(tenant, admin.token, {
    recipientKind: "household",
    ruleKind: "per_line",
    ruleAmountFen: undefined,
    category: "industry_support",
  });
  await setBudget(tenant, admin.token, program.id, 2026, 10_000_000);
  const batchId = await createBatch(tenant, admin.token, program.id, "2026");
  const households: number[] = [];
  for (const amountFen of amounts) {
    const hh = await householdFixture(tenant, villageId, "对账户");
    households.push(hh);
    expect(
      (await addLine(tenant, admin.token, batchId, { recipientId: hh, amountFen, purpose: "产业扶持" })).status,
    ).toBe(201);
  }
  expect((await post(tenant, admin.token, `/batches/${batchId}/submit`)).status).toBe(200);
  await endNoticePeriod(tenant, batchId);
  const approver = await signIn(tenant, "county_admin");
  expect((await post(tenant, approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
  const lines = await linesOf(tenant, admin.token, batchId);
  return { admin, finance, program, batchId, lines, households };
}

describe("bank result reconciliation", () => {
  it("applies what it can, reports the rest line by line, and moves the budget in the same batch", async () => {
    const { finance, program, batchId, lines, households } = await approvedBatch(
      "longquanyi",
      [100_000, 200_000, 300_000],
    );
    const { batchId: otherBatch, lines: otherLines } = await approvedBatch("longquanyi", [50_000]);
    const [a, b, c] = lines.map((l) => l.id) as [number, number, number];
    const csv = [
      "明细编号,状态,银行流水号,说明",
      `${a},成功,BK001,`,
      `${b},失败,,账户已销户`,
      `${otherLines[0]!.id},成功,BK999,`,
      `99999999,成功,BK404,`,
      `${a},成功,BK001,`,
      `abc,成功,,`,
      `${c},待定,,`,
    ].join("\n");
    const res = await uploadCsv("longquanyi", finance.token, `/batches/${batchId}/reconcile?paidDate=2026-12-01`, csv);
    expect(res.status, await res.clone().text()).toBe(200);
    const r = (await res.json()) as Result;
    expect(r).toMatchObject({
      paid: 1,
      failed: 1,
      skipped: 3,
      errors: 2,
      paidFen: 100_000,
      failedFen: 200_000,
      pendingLeft: 1,
      batchStatus: "approved",
    });
    expect(r.results.find((x) => x.row === 4)?.message).toContain(`#${otherBatch}`);
    expect(r.results.find((x) => x.row === 5)?.message).toContain("没有这条明细");
    const after = await linesOf("longquanyi", finance.token, batchId);
    expect(after.find((l) => l.id === a)).toMatchObject({ status: "paid", bankRef: "BK001", paidDate: "2026-12-01" });
    expect(after.find((l) => l.id === b)).toMatchObject({ status: "failed", failReason: "账户已销户" });
    expect(after.find((l) => l.id === c)).toMatchObject({ status: "pending" });
    // The other batch's line was not touched.
    expect((await linesOf("longquanyi", finance.token, otherBatch))[0]!.status).toBe("pending");
    // Approved 600,000; the failed 200,000 is released; 100,000 paid.
    expect(await budgetOf("longquanyi", finance.token, program.id)).toMatchObject({
      committedFen: 400_000,
      paidFen: 100_000,
    });
    // The failed line gave its claim back: the household can be paid in a later batch.
    const claim = await TENANT_DB.longquanyi!.prepare("SELECT count(*) AS n FROM payment_claims WHERE line_id = ?")
      .bind(b)
      .first<{ n: number }>();
    expect(claim?.n).toBe(0);
    const later = await createBatch("longquanyi", finance.token, program.id, "2026");
    expect(
      (
        await addLine("longquanyi", finance.token, later, {
          recipientId: households[1],
          amountFen: 200_000,
          purpose: "重新支付",
          repaysLineId: b,
        })
      ).status,
    ).toBe(201);

    // A second file: the last line succeeds, the already-paid one is reported and unchanged → batch paid.
    const second = (await (
      await uploadCsv(
        "longquanyi",
        finance.token,
        `/batches/${batchId}/reconcile`,
        `明细编号,状态,银行流水号\n${a},失败,\n${c},成功,BK003\n`,
      )
    ).json()) as Result;
    expect(second).toMatchObject({ paid: 1, failed: 0, skipped: 1, batchStatus: "paid", pendingLeft: 0 });
    expect(second.results[0]).toMatchObject({ outcome: "skipped", lineId: a });
    expect(await budgetOf("longquanyi", finance.token, program.id)).toMatchObject({
      committedFen: 400_000,
      paidFen: 400_000,
    });
    expect((await linesOf("longquanyi", finance.token, batchId)).find((l) => l.id === a)?.status).toBe("paid");
    // Now paid: reconciliation is over.
    expect(
      (await uploadCsv("longquanyi", finance.token, `/batches/${batchId}/reconcile`, `明细编号,状态\n${c},成功\n`))
        .status,
    ).toBe(409);
    const audit = await TENANT_DB.longquanyi!.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'batch.reconcile' AND entity_id = ?",
    )
      .bind(String(batchId))
      .first<{ n: number }>();
    expect(audit?.n).toBe(2);
  });

  it("refuses a file without the required columns, a draft batch, and other roles", async () => {
    const { admin, finance, batchId } = await approvedBatch("pingchuan", [10_000]);
    const bad = await uploadCsv("pingchuan", finance.token, `/batches/${batchId}/reconcile`, "编号,结果\n1,成功\n");
    expect(bad.status).toBe(400);
    expect((await problem(bad)).detail).toContain("明细编号");
    const draft = await createBatch(
      "pingchuan",
      admin.token,
      ((await (await api("pingchuan", `/batches/${batchId}`, { token: admin.token })).json()) as { programId: number })
        .programId,
      "2026",
    );
    expect(
      (await uploadCsv("pingchuan", finance.token, `/batches/${draft}/reconcile`, "明细编号,状态\n1,成功\n")).status,
    ).toBe(409);
    const auditor = await signIn("pingchuan", "auditor");
    expect(
      (await uploadCsv("pingchuan", auditor.token, `/batches/${batchId}/reconcile`, "明细编号,状态\n1,成功\n")).status,
    ).toBe(403);
    const other = await signIn("dazhou", "finance_officer");
    expect(
      (await uploadCsv("dazhou", other.token, `/batches/${batchId + 100_000}/reconcile`, "明细编号,状态\n1,成功\n"))
        .status,
    ).toBe(404);
    expect(
      (
        await uploadCsv(
          "pingchuan",
          finance.token,
          `/batches/${batchId}/reconcile?paidDate=2026-13-40`,
          "明细编号,状态\n1,成功\n",
        )
      ).status,
    ).toBe(400);
  });
});
