import { describe, expect, it } from "vitest";
import { signIn } from "../helpers/users.ts";
import {
  addLine,
  createBatch,
  createProgram,
  householdFixture,
  registryFixture,
  setBudget,
} from "../helpers/money-fixtures.ts";
import { adminPage } from "../money-ui/fixtures.ts";

/**
 * Wide admin tables stack as cards on a phone (tests/browser/phone-overflow.test.ts measures
 * them): here, the HTML they need. Each body cell carries its column's name (data-label), taken
 * from the table's own header; the "empty" row spanning all columns carries none.
 */
const T = "longquanyi";

describe("tables that stack on a phone", () => {
  it("labels every cell of the batch lines with its column, and leaves the empty row alone", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageId } = await registryFixture(T);
    const program = await createProgram(T, admin.token, {
      recipientKind: "household",
      ruleKind: "per_line",
      ruleAmountFen: undefined,
      category: "industry_support",
    });
    const batchId = await createBatch(T, admin.token, program.id, "2026");
    const empty = await adminPage(`/t/${T}/admin/batches/${batchId}`, admin.cookie);
    expect(empty.html).toMatch(/<table class="stack"><thead><tr><th class="num">编号<\/th>/);
    expect(empty.html).toMatch(/<td colspan="7" class="muted">/);
    expect(empty.html).not.toMatch(/<td colspan="7" class="muted" data-label/);

    const householdId = await householdFixture(T, villageId, "卡片户");
    const line = await addLine(T, admin.token, batchId, { recipientId: householdId, amountFen: 12_300 });
    expect(line.status, await line.clone().text()).toBe(201);
    const { html } = await adminPage(`/t/${T}/admin/batches/${batchId}`, admin.cookie);
    for (const label of ["编号", "对象", "金额", "用途", "状态"]) expect(html).toContain(`data-label="${label}"`);
    expect(html).toMatch(/<td class="num" data-label="金额">¥123\.00<\/td>/);
  });

  it("labels a program's budget cells too, though a helper draws them (预算, 已承诺, 已支付)", async () => {
    const admin = await signIn(T, "county_admin");
    const program = await createProgram(T, admin.token);
    await setBudget(T, admin.token, program.id, 2026, 1_234_500);
    const { html } = await adminPage(`/t/${T}/admin/programs/${program.id}`, admin.cookie);
    expect(html).toMatch(/<td class="num" data-label="预算">¥12,345\.00<\/td>/);
    for (const label of ["年度", "已承诺", "已支付", "支出进度", "可用"])
      expect(html).toContain(`data-label="${label}"`);
  });

  it("labels the cells of a register list drawn with RecordList (后备干部库)", async () => {
    const admin = await signIn(T, "county_admin");
    const { html } = await adminPage(`/t/${T}/admin/reserves`, admin.cookie);
    expect(html).toMatch(/<form class="inline" method="get" action="\/t\/longquanyi\/admin\/reserves" role="search">/);
    expect(html).toMatch(/<table class="stack"><thead><tr><th>姓名<\/th><th>库别<\/th>/);
  });
});
