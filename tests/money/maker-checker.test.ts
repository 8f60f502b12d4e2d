import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, type Session } from "../helpers/users.ts";
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
import { adminPage, uploadCsv } from "../money-ui/fixtures.ts";

interface Batch {
  status: string;
  createdBy: number;
  submittedBy: number | null;
  approvedBy: number | null;
  paidBy: number | null;
}
const batchOf = async (tenant: string, token: string, id: number) =>
  (await (await api(tenant, `/batches/${id}`, { token })).json()) as Batch;

/** A batch of one household line created by `maker`, submitted by `submitter`, its notice period over. */
async function noticed(tenant: string, maker: Session, submitter: Session) {
  const { villageId } = await registryFixture(tenant);
  const program = await createProgram(tenant, maker.token, {
    recipientKind: "household",
    ruleKind: "per_line",
    ruleAmountFen: undefined,
    category: "industry_support",
  });
  await setBudget(tenant, maker.token, program.id, 2026, 10_000_000);
  const batchId = await createBatch(tenant, maker.token, program.id, "2026");
  const hh = await householdFixture(tenant, villageId, "审批户");
  expect((await addLine(tenant, maker.token, batchId, { recipientId: hh, amountFen: 80_000 })).status).toBe(201);
  expect((await post(tenant, submitter.token, `/batches/${batchId}/submit`)).status).toBe(200);
  await endNoticePeriod(tenant, batchId);
  return batchId;
}

describe("maker-checker on batches", () => {
  it("refuses approval by the creator or the submitter (403, nothing changes); another administrator approves", async () => {
    const maker = await signIn("longquanyi", "county_admin");
    const alone = await noticed("longquanyi", maker, maker);
    const self = await post("longquanyi", maker.token, `/batches/${alone}/approve`);
    expect(self.status).toBe(403);
    expect((await problem(self)).detail).toContain("您创建或提交了此批次，须由其他人审批");
    expect(await batchOf("longquanyi", maker.token, alone)).toMatchObject({
      status: "noticed",
      createdBy: maker.id,
      submittedBy: maker.id,
      approvedBy: null,
    });

    const finance = await signIn("longquanyi", "finance_officer");
    const submitter = await signIn("longquanyi", "county_admin");
    const batchId = await noticed("longquanyi", finance, submitter);
    expect((await post("longquanyi", submitter.token, `/batches/${batchId}/approve`)).status).toBe(403);
    const checker = await signIn("longquanyi", "county_admin");
    expect((await post("longquanyi", checker.token, `/batches/${batchId}/approve`)).status).toBe(200);
    expect(await batchOf("longquanyi", checker.token, batchId)).toMatchObject({
      status: "approved",
      createdBy: finance.id,
      submittedBy: submitter.id,
      approvedBy: checker.id,
    });
  });

  it("refuses payment by the approver while the tenant separates them (default), by API and by bank file", async () => {
    const finance = await signIn("pingchuan", "finance_officer");
    const approver = await signIn("pingchuan", "county_admin");
    const batchId = await noticed("pingchuan", finance, finance);
    expect((await post("pingchuan", approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
    const pay = { paidDate: "2026-11-30", paymentRef: "PZ-MC" };
    const self = await post("pingchuan", approver.token, `/batches/${batchId}/pay`, pay);
    expect(self.status).toBe(403);
    expect((await problem(self)).detail).toContain("您审批了此批次，须由其他人登记支付");
    const bank = await uploadCsv(
      "pingchuan",
      approver.token,
      `/batches/${batchId}/reconcile`,
      "明细编号,状态\n1,成功\n",
    );
    expect(bank.status).toBe(403);
    expect((await batchOf("pingchuan", approver.token, batchId)).status).toBe("approved");
    expect((await post("pingchuan", finance.token, `/batches/${batchId}/pay`, pay)).status).toBe(200);
    expect(await batchOf("pingchuan", finance.token, batchId)).toMatchObject({ status: "paid", paidBy: finance.id });
  });

  it("lets the approver pay when the tenant setting batchesSeparatePayer is 0", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const settings = await api("dazhou", "/settings", {
      method: "PUT",
      token: admin.token,
      json: { batchesSeparatePayer: 0 },
    });
    expect(settings.status, await settings.clone().text()).toBe(200);
    expect(await settings.json()).toMatchObject({ batchesSeparatePayer: 0 });
    const finance = await signIn("dazhou", "finance_officer");
    const batchId = await noticed("dazhou", finance, finance);
    expect((await post("dazhou", admin.token, `/batches/${batchId}/approve`)).status).toBe(200);
    const paid = await post("dazhou", admin.token, `/batches/${batchId}/pay`, {
      paidDate: "2026-11-30",
      paymentRef: "PZ-ONE",
    });
    expect(paid.status).toBe(200);
    expect(await batchOf("dazhou", admin.token, batchId)).toMatchObject({ approvedBy: admin.id, paidBy: admin.id });
  });

  it("says so on the batch page before the click: a disabled 审批 button with the reason, and no pay form for the approver", async () => {
    const maker = await signIn("longquanyi", "county_admin");
    const batchId = await noticed("longquanyi", maker, maker);
    const path = `/t/longquanyi/admin/batches/${batchId}`;
    const own = await adminPage(path, maker.cookie);
    expect(own.html).toContain("您创建或提交了此批次，须由其他人审批");
    expect(own.html).toMatch(/<button type="button" disabled="">\s*审批\s*<\/button>/);
    expect(own.html).not.toContain(`action="${path}/approve"`);
    const checker = await signIn("longquanyi", "county_admin");
    const other = await adminPage(path, checker.cookie);
    expect(other.html).toContain(`action="${path}/approve"`);
    expect(other.html).not.toContain("须由其他人审批");
    expect((await post("longquanyi", checker.token, `/batches/${batchId}/approve`)).status).toBe(200);
    const approved = await adminPage(path, checker.cookie);
    expect(approved.html).toContain("您审批了此批次，须由其他人登记支付");
    expect(approved.html).not.toContain(`action="${path}/pay"`);
    expect((await adminPage(path, maker.cookie)).html).toContain(`action="${path}/pay"`);
  });
});
