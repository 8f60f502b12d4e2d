import { describe, expect, it } from "vitest";
import { api, call, postForm, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { csrfOf } from "../helpers/html.ts";
import { cadre, unit } from "../helpers/fixtures.ts";
import { householdSetup } from "../notices/fixtures.ts";
import { addLine, createBatch, createProgram, endNoticePeriod, post, setBudget } from "../helpers/money-fixtures.ts";
import { readNoticeContent } from "../../workers/notices/content.ts";

interface PartyMember {
  id: number;
  name: string;
  poor: boolean;
  pioneerYear: number | null;
  householdMemberId: number | null;
  villageId: number;
  paidFen: number;
}

async function member(tenant: string, householdId: number, name: string) {
  return (await TENANT_DB[tenant]!.prepare(
    "INSERT INTO household_members (household_id, name, relation) VALUES (?, ?, '儿子') RETURNING id",
  )
    .bind(householdId, name)
    .first<{ id: number }>())!.id;
}

async function register(tenant: string, token: string, body: Record<string, unknown>) {
  const res = await api(tenant, "/party-members", { token, json: body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as PartyMember;
}

describe("party members and the care fund (党内关爱帮扶资金)", () => {
  it("pays a poor party member from the care fund end to end: program → line → 公示 → approval → payment", async () => {
    const T = "dazhou";
    const admin = await signIn(T, "county_admin");
    const { householdId } = await householdSetup(T, { headName: "黄德贵" });
    const poor = await register(T, admin.token, { householdId, poor: true, joinedOn: "1998-07-01" });
    expect(poor).toMatchObject({ name: "黄德贵", poor: true, householdMemberId: null, paidFen: 0 });
    const son = await register(T, admin.token, {
      householdId,
      householdMemberId: await member(T, householdId, "黄小龙"),
      pioneerYear: 2025,
      pioneerNote: "种植合作社带动 30 户增收",
    });
    expect(son).toMatchObject({ name: "黄小龙", poor: false, pioneerYear: 2025 });

    // 100 万元 a year for 1,000 poor members: 1,000 元 each (seed 004).
    const program = await createProgram(T, admin.token, {
      name: `党内关爱帮扶资金${Date.now()}`,
      category: "party_care_fund",
      fundSource: "party_dues",
      recipientKind: "party_member",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 100_000,
    });
    await setBudget(T, admin.token, program.id, 2026, 100_000_000);
    const batchId = await createBatch(T, admin.token, program.id, "2026");
    // A CSV names a party member by the household head's ID number: a row with a name only is refused.
    const imported = await api(T, `/batches/${batchId}/lines/import`, {
      token: admin.token,
      body: "姓名,金额（元）\n黄德贵,1000\n",
      headers: { "Content-Type": "text/csv" },
    });
    expect(imported.status).toBe(201);
    expect((await imported.json()) as { errorCount: number }).toMatchObject({ errorCount: 1 });
    // Only 贫困党员: the pioneer (not poor) is refused, and nothing is added.
    const refused = await addLine(T, admin.token, batchId, { recipientId: son.id, purpose: "关爱帮扶" });
    expect(refused.status).toBe(400);
    expect((await problem(refused)).detail).toContain("贫困党员");
    const line = await addLine(T, admin.token, batchId, { recipientId: poor.id, purpose: "关爱帮扶" });
    expect(line.status, await line.clone().text()).toBe(201);
    expect(await line.json()).toMatchObject({ recipientKind: "party_member", amountFen: 100_000 });
    // Paid at most once per program and period.
    expect((await addLine(T, admin.token, batchId, { recipientId: poor.id, purpose: "关爱帮扶" })).status).toBe(409);

    const submitted = await post(T, admin.token, `/batches/${batchId}/submit`);
    expect(submitted.status, await submitted.clone().text()).toBe(200);
    const noticeId = ((await submitted.json()) as { noticeId: number }).noticeId;
    const stored = await TENANT_DB[T]!.prepare(
      "SELECT id, content, chunk_count AS chunkCount FROM notices WHERE id = ?",
    )
      .bind(noticeId)
      .first<{ id: number; content: string; chunkCount: number }>();
    const content = await readNoticeContent(TENANT_DB[T]!, stored!);
    expect(content).toContain("黄*贵");
    expect(content).not.toContain("黄德贵");

    await endNoticePeriod(T, batchId);
    const approver = await signIn(T, "county_admin");
    expect((await post(T, approver.token, `/batches/${batchId}/approve`)).status).toBe(200);
    const finance = await signIn(T, "finance_officer");
    const paid = await post(T, finance.token, `/batches/${batchId}/pay`, {
      paidDate: "2026-11-25",
      paymentRef: "DF2026",
    });
    expect(paid.status, await paid.clone().text()).toBe(200);
    const after = (await (await api(T, `/party-members/${poor.id}`, { token: finance.token })).json()) as PartyMember;
    expect(after.paidFen).toBe(100_000);
    const list = (await (await api(T, "/party-members?only=poor&size=200", { token: finance.token })).json()) as {
      items: PartyMember[];
      poorCount: number;
    };
    expect(list.items.map((m) => m.id)).toContain(poor.id);
    expect(list.items.map((m) => m.id)).not.toContain(son.id);
  });

  it("records a person once, refuses bad input, keeps township officers in their township", async () => {
    const T = "longquanyi";
    const admin = await signIn(T, "county_admin");
    const a = await householdSetup(T);
    const b = await householdSetup(T);
    const count = async () =>
      (await TENANT_DB[T]!.prepare("SELECT count(*) AS n FROM party_members").first<{ n: number }>())!.n;
    const before = await count();
    const bad = await api(T, "/party-members", {
      token: admin.token,
      json: { householdId: "x", pioneerYear: 1900, joinedOn: "2025-13-40" },
    });
    expect(bad.status).toBe(400);
    expect((await problem(bad)).errors!.map((e) => e.field)).toEqual(
      expect.arrayContaining(["householdId", "pioneerYear", "joinedOn"]),
    );
    // A member of another household is not this household's member.
    const stranger = await member(T, b.householdId, "外人");
    const wrong = await api(T, "/party-members", {
      token: admin.token,
      json: { householdId: a.householdId, householdMemberId: stranger },
    });
    expect(wrong.status).toBe(400);
    expect((await problem(wrong)).errors![0]!.field).toBe("householdMemberId");
    const results = await Promise.all([
      api(T, "/party-members", { token: admin.token, json: { householdId: a.householdId, poor: true } }),
      api(T, "/party-members", { token: admin.token, json: { householdId: a.householdId, poor: true } }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count()).toBe(before + 1);
    const pm = (await results.find((r) => r.status === 201)!.json()) as PartyMember;

    const officer = await signIn(T, "township_officer", { townshipCode: a.township });
    expect((await api(T, `/party-members/${pm.id}`, { token: officer.token })).status).toBe(200);
    const elsewhere = await signIn(T, "township_officer", { townshipCode: "510112998" });
    expect((await api(T, `/party-members/${pm.id}`, { token: elsewhere.token })).status).toBe(404);
    expect(
      (await api(T, "/party-members", { token: elsewhere.token, json: { householdId: b.householdId } })).status,
    ).toBe(400);
    const cadreUser = await signIn(T, "cadre");
    expect((await api(T, "/party-members", { token: cadreUser.token })).status).toBe(403);
    // Update: the pioneer year is recorded and audited.
    const upd = await api(T, `/party-members/${pm.id}`, {
      method: "PUT",
      token: admin.token,
      json: { poor: true, pioneerYear: 2026, pioneerNote: "带头发展食用菌" },
    });
    expect(upd.status).toBe(200);
    expect(await upd.json()).toMatchObject({ pioneerYear: 2026, poor: true });
  });

  it("admin screens: register a member by household and name, list and edit", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const { householdId } = await householdSetup(T, { headName: "马建军" });
    await member(T, householdId, "马小梅");
    const page = await call("/t/pingchuan/admin/party-members", { headers: { Cookie: admin.cookie } });
    expect(page.status).toBe(200);
    const csrf = csrfOf(await page.text());
    const missing = await postForm(
      "/t/pingchuan/admin/party-members",
      { _csrf: csrf, householdId: String(householdId), memberName: "不存在" },
      { cookie: admin.cookie },
    );
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("该户没有名叫");
    const ok = await postForm(
      "/t/pingchuan/admin/party-members",
      { _csrf: csrf, householdId: String(householdId), memberName: "马小梅", poor: "on" },
      { cookie: admin.cookie },
    );
    expect(ok.status, await ok.clone().text()).toBe(303);
    const detail = new URL(ok.headers.get("Location")!, "https://x").pathname;
    const html = await (await call(detail, { headers: { Cookie: admin.cookie } })).text();
    expect(html).toContain("马小梅");
    expect(html).toContain("贫困党员");
    const saved = await postForm(detail, { _csrf: csrf, pioneerYear: "2024" }, { cookie: admin.cookie });
    expect(saved.status).toBe(303);
    const after = await (await call(detail, { headers: { Cookie: admin.cookie } })).text();
    expect(after).toContain("2024 致富先锋");
  });

  it("an 优秀 assessment's 推荐纳入后备干部库 creates a real nomination in the pool", async () => {
    const T = "pingchuan";
    const admin = await signIn(T, "county_admin");
    const c = await cadre(T, (await unit(T)).id);
    const db = TENANT_DB[T]!;
    const tpl = await db
      .prepare(
        "INSERT INTO assessment_templates (year, role, name) VALUES (2041, 'first_secretary', '第一书记考核清单') RETURNING id",
      )
      .first<{ id: number }>();
    const a = await db
      .prepare(
        "INSERT INTO assessments (year, subject_kind, cadre_id, template_id, status, grade, score) VALUES (2041, 'cadre', ?, ?, 'county_signed', 'excellent', 95) RETURNING id",
      )
      .bind(c.id, tpl!.id)
      .first<{ id: number }>();
    const res = await api(T, `/assessments/${a!.id}/consequences`, {
      token: admin.token,
      json: { kind: "reserve_nomination", note: "实绩突出" },
    });
    expect(res.status, await res.clone().text()).toBe(200);
    const pool = (await (await api(T, `/reserves?cadreId=${c.id}`, { token: admin.token })).json()) as {
      items: { id: number; poolKind: string; source: string; status: string; assessmentId: number }[];
    };
    expect(pool.items).toHaveLength(1);
    expect(pool.items[0]).toMatchObject({
      poolKind: "cadre_reserve",
      source: "assessment_excellent",
      status: "nominated",
      assessmentId: a!.id,
    });
  });
});
