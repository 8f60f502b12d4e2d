import { describe, expect, it } from "vitest";
import { api, postForm } from "../helpers/http.ts";
import { signIn, uniqueName, type Session } from "../helpers/users.ts";
import { freshIdNumber, household, township, village } from "../helpers/fixtures.ts";
import { createBatch, createProgram } from "../helpers/money-fixtures.ts";
import { adminPage } from "../money-ui/fixtures.ts";

/**
 * The pickers of 村两委 members and 党员 (GET /lookup/village-officials, /lookup/party-members):
 * by a part of the name, the record id, the last four characters of an ID number or all of it,
 * inside the list's scope; and the batch 添加明细 form of programs paying them uses them.
 */
const T = "longquanyi";
type Item = { value: string; label: string; detail: string };

async function lookup(tenant: string, token: string, entity: string, q: string): Promise<Item[]> {
  const res = await api(tenant, `/lookup/${entity}?q=${encodeURIComponent(q)}&limit=20`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return ((await res.json()) as { items: Item[] }).items;
}
const values = (items: Item[]) => items.map((i) => i.value).sort();

async function official(token: string, villageCode: string, name: string, idNumber = freshIdNumber(T)) {
  const res = await api(T, "/village-officials", {
    token,
    json: { villageCode, name, idNumber, post: "member", source: "other", termStart: "2024-01-01" },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return { id: ((await res.json()) as { id: number }).id, idNumber };
}

async function partyMember(token: string, householdId: number) {
  const res = await api(T, "/party-members", { token, json: { householdId, poor: true } });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number; name: string };
}

async function twoTownships() {
  const t1 = await township(T);
  const t2 = await township(T);
  return { t1, t2, mine: await village(T, t1), other: await village(T, t2) };
}

describe("村两委 lookup", () => {
  it("finds members by name, id, last four or whole ID number, masked; a township officer only their township's", async () => {
    const admin = await signIn(T, "county_admin");
    const { t1, t2, mine, other } = await twoTownships();
    const name = uniqueName("李村官");
    const a = await official(admin.token, mine.code, `${name}甲`);
    const b = await official(admin.token, other.code, `${name}乙`);

    expect(values(await lookup(T, admin.token, "village-officials", name))).toEqual(values([a, b].map(toItem)));
    const byTail = await lookup(T, admin.token, "village-officials", a.idNumber.slice(-4));
    expect(byTail.map((i) => i.value)).toContain(String(a.id));
    expect(byTail.every((i) => !i.detail.includes(a.idNumber))).toBe(true);
    expect(values(await lookup(T, admin.token, "village-officials", a.idNumber))).toEqual([String(a.id)]);
    expect((await lookup(T, admin.token, "village-officials", `${name}甲`))[0]!.detail).toContain("两委委员");

    const officer = await signIn(T, "township_officer", { townshipCode: t1 });
    expect(values(await lookup(T, officer.token, "village-officials", name))).toEqual([String(a.id)]);
    const outsider = await signIn(T, "township_officer", { townshipCode: t2 });
    expect(values(await lookup(T, outsider.token, "village-officials", `${name}甲`))).toEqual([]);
    expect(values(await lookup(T, outsider.token, "village-officials", a.idNumber))).toEqual([]);
    // Another tenant's users find nothing of this tenant.
    const stranger = await signIn("pingchuan", "county_admin");
    expect(await lookup("pingchuan", stranger.token, "village-officials", name)).toEqual([]);
  });
});

describe("党员 lookup", () => {
  it("finds party members by name or the head's ID number; a township officer of another township gets none", async () => {
    const admin = await signIn(T, "county_admin");
    const { t1, t2, mine, other } = await twoTownships();
    const hhMine = await household(T, mine.id);
    const hhOther = await household(T, other.id);
    const pm = await partyMember(admin.token, hhMine.id);
    const pmOther = await partyMember(admin.token, hhOther.id);

    expect(values(await lookup(T, admin.token, "party-members", pm.name))).toEqual([String(pm.id)]);
    expect(values(await lookup(T, admin.token, "party-members", hhMine.idNumber))).toEqual([String(pm.id)]);
    expect((await lookup(T, admin.token, "party-members", hhOther.idNumber.slice(-4))).map((i) => i.value)).toContain(
      String(pmOther.id),
    );
    expect((await lookup(T, admin.token, "party-members", pm.name))[0]!.detail).toContain("贫困党员");

    const officer = await signIn(T, "township_officer", { townshipCode: t1 });
    expect(values(await lookup(T, officer.token, "party-members", pm.name))).toEqual([String(pm.id)]);
    expect(values(await lookup(T, officer.token, "party-members", pmOther.name))).toEqual([]);
    const outsider = await signIn(T, "township_officer", { townshipCode: t2 });
    expect(values(await lookup(T, outsider.token, "party-members", pm.name))).toEqual([]);
    expect(values(await lookup(T, outsider.token, "party-members", hhMine.idNumber))).toEqual([]);
    // The party-member list is not a cadre's: neither is its picker.
    const cadre = await signIn(T, "cadre");
    expect(
      (await api(T, `/lookup/party-members?q=${encodeURIComponent(pm.name)}`, { token: cadre.token })).status,
    ).toBe(403);
  });
});

function toItem(x: { id: number }): Item {
  return { value: String(x.id), label: "", detail: "" };
}

describe("batch 添加明细 for party members and 村两委", () => {
  const form = (s: Session, path: string, fields: Record<string, string>) =>
    postForm(path, { _csrf: s.csrfToken, ...fields }, { cookie: s.cookie });

  it("a 党内关爱 batch picks the party member by typed name, without JavaScript too", async () => {
    const admin = await signIn(T, "county_admin");
    const { mine } = await twoTownships();
    const pm = await partyMember(admin.token, (await household(T, mine.id)).id);
    const program = await createProgram(T, admin.token, {
      category: "party_care_fund",
      fundSource: "party_dues",
      recipientKind: "party_member",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 100_000,
    });
    const batchId = await createBatch(T, admin.token, program.id, "2026");
    const path = `/t/${T}/admin/batches/${batchId}`;
    const page = await adminPage(path, admin.cookie);
    expect(page.html).toContain(`data-lookup="/t/${T}/api/v1/lookup/party-members"`);

    const unknown = await form(admin, `${path}/lines`, { recipientId: uniqueName("无此党员"), purpose: "关爱帮扶" });
    expect(unknown.status).toBe(400);
    expect(await unknown.text()).toContain("没有找到");
    expect((await form(admin, `${path}/lines`, { recipientId: pm.name, purpose: "关爱帮扶" })).status).toBe(303);
    const lines = await api(T, `/batches/${batchId}/lines`, { token: admin.token });
    expect(((await lines.json()) as { items: { recipientId: number }[] }).items.map((l) => l.recipientId)).toEqual([
      pm.id,
    ]);
  });

  it("a 村干部报酬 batch offers same-name members as choices", async () => {
    const admin = await signIn(T, "county_admin");
    const { mine } = await twoTownships();
    const name = uniqueName("王同名");
    const a = await official(admin.token, mine.code, name);
    const b = await official(admin.token, mine.code, name);
    const program = await createProgram(T, admin.token, {
      category: "village_cadre_pay",
      recipientKind: "village_official",
      ruleKind: "per_month",
      ruleAmountFen: 50_000,
    });
    const batchId = await createBatch(T, admin.token, program.id, "2026-11");
    const path = `/t/${T}/admin/batches/${batchId}`;
    expect((await adminPage(path, admin.cookie)).html).toContain(
      `data-lookup="/t/${T}/api/v1/lookup/village-officials?programId=${program.id}"`,
    );
    const res = await form(admin, `${path}/lines`, { recipientId: name, quantity: "1" });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("有多个村干部");
    expect(html).toContain(`type="radio" name="recipientId" value="${a.id}"`);
    expect(html).toContain(`type="radio" name="recipientId" value="${b.id}"`);
  });
});
