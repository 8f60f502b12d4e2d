import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { api, ORIGIN, postForm } from "../helpers/http.ts";
import { signIn, TENANT_DB, uniqueName, type Session } from "../helpers/users.ts";
import {
  cadreFixture,
  createBatch,
  createProgram,
  householdFixture,
  registryFixture,
} from "../helpers/money-fixtures.ts";
import { adminPage } from "./fixtures.ts";
import { expectNoRow, nextIdOnlyIn } from "../helpers/fixtures.ts";

/**
 * 添加明细 on a draft batch: the recipient is a search-as-you-type picker over the lookup API of
 * the program's recipient kind, and without JavaScript the server resolves the typed text (one
 * match is taken, several are offered as choices, none is a field error).
 */

const A = (tenant: string) => `/t/${tenant}/admin`;
const form = (s: Session, path: string, fields: Record<string, string>) =>
  postForm(path, { _csrf: s.csrfToken, ...fields }, { cookie: s.cookie });

async function lineRecipients(tenant: string, token: string, batchId: number) {
  const res = await api(tenant, `/batches/${batchId}/lines`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { recipientId: number; recipientKind: string }[] }).items
    .map((l) => l.recipientId)
    .sort((a, b) => a - b);
}

describe("batch recipient picker", () => {
  it("picks households by name, offers same-name households as choices, refuses unknown text and another tenant's id", async () => {
    const finance = await signIn("longquanyi", "finance_officer");
    const admin = await signIn("longquanyi", "county_admin");
    const { villageId } = await registryFixture("longquanyi");
    const program = await createProgram("longquanyi", admin.token, {
      recipientKind: "household",
      ruleKind: "per_line",
      ruleAmountFen: undefined,
      category: "industry_support",
    });
    const batchId = await createBatch("longquanyi", finance.token, program.id, "2026");
    const single = uniqueName("单");
    const twin = uniqueName("双");
    const one = await householdFixture("longquanyi", villageId, single);
    const twinA = await householdFixture("longquanyi", villageId, twin);
    const twinB = await householdFixture("longquanyi", villageId, twin);
    const path = `${A("longquanyi")}/batches/${batchId}`;

    const page = await adminPage(path, finance.cookie);
    expect(page.html).toContain('data-lookup="/t/longquanyi/api/v1/lookup/households"');
    expect(page.html).toContain("/static/picker.js");
    expect(page.html).not.toContain('<select name="recipientId"');

    // One household of that name: taken as typed.
    expect((await form(finance, `${path}/lines`, { recipientId: single, amount: "100" })).status).toBe(303);
    // Two of that name: the form comes back with both to choose from, nothing is added.
    const ambiguous = await form(finance, `${path}/lines`, { recipientId: twin, amount: "100" });
    expect(ambiguous.status).toBe(400);
    const html = await ambiguous.text();
    expect(html).toContain("有多个农户");
    expect(html).toContain(`type="radio" name="recipientId" value="${twinA}"`);
    expect(html).toContain(`type="radio" name="recipientId" value="${twinB}"`);
    expect(await lineRecipients("longquanyi", finance.token, batchId)).toEqual([one]);
    // The choice is posted after the text and wins.
    const chosen = new URLSearchParams([
      ["_csrf", finance.csrfToken],
      ["recipientId", twin],
      ["recipientId", String(twinB)],
      ["amount", "100"],
    ]);
    const choose = await SELF.fetch(`${ORIGIN}${path}/lines`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: finance.cookie },
      body: chosen.toString(),
      redirect: "manual",
    });
    expect(choose.status).toBe(303);
    expect(await lineRecipients("longquanyi", finance.token, batchId)).toEqual([one, twinB].sort((a, b) => a - b));

    const unknown = await form(finance, `${path}/lines`, { recipientId: uniqueName("无此人"), amount: "100" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("没有找到");

    // Another tenant's household number is not a recipient here.
    const elsewhere = await registryFixture("pingchuan");
    await nextIdOnlyIn("pingchuan", "households", "longquanyi");
    const foreign = await householdFixture("pingchuan", elsewhere.villageId, single);
    await expectNoRow("longquanyi", "households", foreign);
    const foreignPost = await form(finance, `${path}/lines`, { recipientId: String(foreign), amount: "100" });
    expect(foreignPost.status).toBe(400);
    expect(await foreignPost.text()).toContain("发放对象不存在");
    expect(await lineRecipients("longquanyi", finance.token, batchId)).toEqual([one, twinB].sort((a, b) => a - b));
  });

  it("picks villages by name or 12-digit code and stores the village's id", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const first = await registryFixture("pingchuan");
    const second = await registryFixture("pingchuan");
    const db = TENANT_DB.pingchuan!;
    const name = uniqueName("村");
    await db.prepare("UPDATE villages SET name = ? WHERE id = ?").bind(name, first.villageId).run();
    const code = (await db.prepare("SELECT code FROM villages WHERE id = ?").bind(second.villageId).first<{
      code: string;
    }>())!.code;
    const program = await createProgram("pingchuan", admin.token, {
      recipientKind: "village",
      ruleKind: "per_line",
      ruleAmountFen: undefined,
      category: "industry_support",
    });
    const batchId = await createBatch("pingchuan", admin.token, program.id, "2026");
    const path = `${A("pingchuan")}/batches/${batchId}`;
    expect((await adminPage(path, admin.cookie)).html).toContain('data-lookup="/t/pingchuan/api/v1/lookup/villages"');

    expect((await form(admin, `${path}/lines`, { recipientId: name, amount: "5000" })).status).toBe(303);
    expect((await form(admin, `${path}/lines`, { recipientId: code, amount: "5000" })).status).toBe(303);
    expect(await lineRecipients("pingchuan", admin.token, batchId)).toEqual(
      [first.villageId, second.villageId].sort((a, b) => a - b),
    );
    const noSuchCode = await form(admin, `${path}/lines`, { recipientId: "620403999999", amount: "5000" });
    expect(noSuchCode.status).toBe(400);
    expect(await noSuchCode.text()).toContain("没有这个村");
  });

  it("picks cadres by name for a cadre program", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { villageId, unitId } = await registryFixture("dazhou");
    const name = uniqueName("干");
    const { cadreId } = await cadreFixture("dazhou", unitId, villageId, "team_member", name);
    const program = await createProgram("dazhou", admin.token, {
      recipientKind: "cadre",
      ruleKind: "per_line",
      ruleAmountFen: undefined,
      category: "resident_allowance",
    });
    const batchId = await createBatch("dazhou", admin.token, program.id, "2026-11");
    const path = `${A("dazhou")}/batches/${batchId}`;
    expect((await adminPage(path, admin.cookie)).html).toContain('data-lookup="/t/dazhou/api/v1/lookup/cadres"');
    expect((await form(admin, `${path}/lines`, { recipientId: name, amount: "300" })).status).toBe(303);
    expect(await lineRecipients("dazhou", admin.token, batchId)).toEqual([cadreId]);
  });
});
