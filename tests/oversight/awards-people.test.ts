import { describe, expect, it } from "vitest";
import { api, call, postForm } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { place } from "../helpers/fixtures.ts";
import { householdSetup } from "../notices/fixtures.ts";
import { createBatch, createProgram, endNoticePeriod, post, setBudget } from "../helpers/money-fixtures.ts";
import { makeIdNumber } from "../../workers/lib/id-number.ts";

/** 表彰 of the people seed 002 honours besides resident cadres: 优秀村官 and 农村党员致富先锋. */
const T = "longquanyi";

interface Line {
  recipientKind: string;
  recipientId: number;
  amountFen: number;
  status: string;
}
const linesOf = async (token: string, batchId: number) =>
  ((await (await api(T, `/batches/${batchId}/lines`, { token })).json()) as { items: Line[] }).items;

describe("表彰 of village cadres and party members pays through their own award programs", () => {
  it("pays 农村党员致富先锋 1,500 元 to a party member: award → lines → 公示 → approval → payment", async () => {
    const admin = await signIn(T, "county_admin");
    const { householdId } = await householdSetup(T, { headName: "罗致富" });
    const reg = await api(T, "/party-members", { token: admin.token, json: { householdId, pioneerYear: 2026 } });
    expect(reg.status, await reg.clone().text()).toBe(201);
    const member = (await reg.json()) as { id: number };
    const program = await createProgram(T, admin.token, {
      name: `农村党员致富先锋奖励${Date.now()}`,
      category: "award",
      recipientKind: "party_member",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 150_000,
    });
    await setBudget(T, admin.token, program.id, 2026, 10_000_000);

    // The form offers the member as 致富先锋 and posts "party_member:<id>".
    const page = await (await call(`/t/${T}/admin/awards`, { headers: { Cookie: admin.cookie } })).text();
    expect(page).toContain(`value="party_member:${member.id}"`);
    const recorded = await postForm(
      `/t/${T}/admin/awards`,
      {
        year: "2026",
        kind: "prosperity_pioneer",
        recipientId: `party_member:${member.id}`,
        programId: String(program.id),
        citation: "带动 30 户种植增收",
        _csrf: admin.csrfToken,
      },
      { cookie: admin.cookie },
    );
    expect(recorded.status, await recorded.clone().text()).toBe(303);

    const batchId = await createBatch(T, admin.token, program.id, "2026");
    const gen = await post(T, admin.token, `/batches/${batchId}/generate`, { source: "awards" });
    expect(gen.status, await gen.clone().text()).toBe(200);
    expect(await linesOf(admin.token, batchId)).toEqual([
      expect.objectContaining({ recipientKind: "party_member", recipientId: member.id, amountFen: 150_000 }),
    ]);
    expect((await post(T, admin.token, `/batches/${batchId}/submit`)).status).toBe(200);
    await endNoticePeriod(T, batchId);
    expect((await post(T, (await signIn(T, "county_admin")).token, `/batches/${batchId}/approve`)).status).toBe(200);
    const finance = await signIn(T, "finance_officer");
    const paid = await post(T, finance.token, `/batches/${batchId}/pay`, {
      paidDate: "2026-11-28",
      paymentRef: "ZFXF2026",
    });
    expect(paid.status, await paid.clone().text()).toBe(200);
    expect((await linesOf(admin.token, batchId))[0]!.status).toBe("paid");
  });

  it("honours a 村两委 member as 优秀村官 only through a village-cadre program, and refuses a cadre program", async () => {
    const admin = await signIn(T, "county_admin");
    const { village } = await place(T, ["poor"]);
    const official = await api(T, "/village-officials", {
      token: admin.token,
      json: {
        villageCode: village.code,
        name: "唐村官",
        idNumber: makeIdNumber(`51011219750607${String(100 + Math.floor(Math.random() * 800))}`),
        post: "party_secretary",
        source: "other",
        termStart: "2021-03-01",
      },
    });
    expect(official.status, await official.clone().text()).toBe(201);
    const { id } = (await official.json()) as { id: number };
    const forOfficials = await createProgram(T, admin.token, {
      category: "award",
      recipientKind: "village_official",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 300_000,
    });
    const forCadres = await createProgram(T, admin.token, {
      category: "award",
      recipientKind: "cadre",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 300_000,
    });
    const body = {
      year: 2026,
      kind: "excellent_village_official",
      citation: "集体经济破零",
      recipientKind: "village_official",
    };
    const wrong = await api(T, "/awards", {
      token: admin.token,
      json: { ...body, recipientId: id, programId: forCadres.id },
    });
    expect(wrong.status).toBe(400);
    expect(await wrong.text()).toContain("发放对象与表彰对象类别不符");
    const right = await api(T, "/awards", {
      token: admin.token,
      json: { ...body, recipientId: id, programId: forOfficials.id },
    });
    expect(right.status, await right.clone().text()).toBe(201);
    expect(await right.json()).toMatchObject({ recipientKind: "village_official", recipientName: "唐村官" });
  });
});
