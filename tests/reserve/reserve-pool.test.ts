import { describe, expect, it } from "vitest";
import { api, call, postForm, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { csrfOf } from "../helpers/html.ts";
import { cadre as cadreOf, unit } from "../helpers/fixtures.ts";
import { answer, endPeriod, householdSetup, objectionIdOf, objectOk } from "../notices/fixtures.ts";
import { readNoticeContent } from "../../workers/notices/content.ts";

interface Nomination {
  id: number;
  status: string;
  name: string;
  poolKind: string;
  noticeId: number | null;
  villageId: number | null;
  outcome: string | null;
  assessmentId: number | null;
}

const villageCodeOf = async (tenant: string, villageId: number) =>
  (await TENANT_DB[tenant]!.prepare("SELECT code FROM villages WHERE id = ?")
    .bind(villageId)
    .first<{ code: string }>())!.code;

async function nominate(tenant: string, token: string, body: Record<string, unknown>) {
  const res = await api(tenant, "/reserves", { token, json: body });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as Nomination;
}
const post = (tenant: string, token: string, path: string, json: unknown = {}) =>
  api(tenant, path, { method: "POST", token, json });
const gapVillages = async (tenant: string, token: string, townshipCode: string) =>
  (
    (await (
      await api(tenant, `/coverage/no_secretary_reserve?townshipCode=${townshipCode}&size=200`, { token })
    ).json()) as { items: { id: number }[] }
  ).items.map((i) => i.id);

describe("reserve pool (后备干部库)", () => {
  it("nominates a secretary reserve, notices it, and after the period it trains, closing the coverage gap", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { township, villageId } = await householdSetup("longquanyi");
    const villageCode = await villageCodeOf("longquanyi", villageId);
    expect(await gapVillages("longquanyi", admin.token, township)).toContain(villageId);

    const n = await nominate("longquanyi", admin.token, {
      poolKind: "secretary_reserve",
      source: "village_election",
      name: "李明华",
      villageCode,
      birthYear: 1990,
      reason: "致富带头人，群众威信高",
    });
    expect(n).toMatchObject({ status: "nominated", villageId, noticeId: null });
    // Not yet in training: the gap stays.
    expect(await gapVillages("longquanyi", admin.token, township)).toContain(villageId);
    // Finalizing before the 公示 is a conflict.
    expect((await post("longquanyi", admin.token, `/reserves/${n.id}/finalize`)).status).toBe(409);

    const noticed = (await (
      await post("longquanyi", admin.token, `/reserves/${n.id}/publish`, {})
    ).json()) as Nomination;
    expect(noticed.status).toBe("noticed");
    const notice = await TENANT_DB.longquanyi!.prepare("SELECT kind, subject_id, village_ids FROM notices WHERE id = ?")
      .bind(noticed.noticeId)
      .first<{ kind: string; subject_id: number; village_ids: string }>();
    expect(notice).toMatchObject({ kind: "reserve_nomination", subject_id: n.id, village_ids: `[${villageId}]` });
    // The public snapshot masks the nominee's name.
    const stored = await TENANT_DB.longquanyi!.prepare(
      "SELECT id, content, chunk_count AS chunkCount FROM notices WHERE id = ?",
    )
      .bind(noticed.noticeId)
      .first<{ id: number; content: string; chunkCount: number }>();
    const content = await readNoticeContent(TENANT_DB.longquanyi!, stored!);
    expect(content).toContain("李*华");
    expect(content).not.toContain("李明华");
    // Villagers read it on the public site, where objections are filed.
    const publicPage = await call(`/t/longquanyi/notices/${noticed.noticeId}`);
    expect(publicPage.status).toBe(200);
    const publicHtml = await publicPage.text();
    expect(publicHtml).toContain("李*华");
    expect(publicHtml).not.toContain("李明华");
    // A second publish is a 409; finalizing inside the period is a 409.
    expect((await post("longquanyi", admin.token, `/reserves/${n.id}/publish`, {})).status).toBe(409);
    const early = await post("longquanyi", admin.token, `/reserves/${n.id}/finalize`);
    expect(early.status).toBe(409);
    expect((await problem(early)).detail).toContain("期满");

    await endPeriod("longquanyi", noticed.noticeId!);
    const trained = (await (await post("longquanyi", admin.token, `/reserves/${n.id}/finalize`)).json()) as Nomination;
    expect(trained.status).toBe("training");
    expect(await gapVillages("longquanyi", admin.token, township)).not.toContain(villageId);

    // 使用: 任村党组织书记; then it is no longer live and cannot exit.
    const used = await post("longquanyi", admin.token, `/reserves/${n.id}/use`, {
      outcome: "village_secretary",
      date: "2025-03-01",
      note: "换届当选",
    });
    expect(used.status, await used.clone().text()).toBe(200);
    expect(((await used.json()) as Nomination).outcome).toBe("village_secretary");
    expect(
      (await post("longquanyi", admin.token, `/reserves/${n.id}/exit`, { date: "2025-03-02", note: "调离" })).status,
    ).toBe(409);
  });

  it("an upheld objection withdraws the nominee; an open one blocks the finalize", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageId } = await householdSetup("longquanyi");
    const villageCode = await villageCodeOf("longquanyi", villageId);
    const n = await nominate("longquanyi", admin.token, {
      poolKind: "party_activist",
      source: "recommendation",
      name: "王小兵",
      villageCode,
      reason: "退伍军人，积极要求入党",
    });
    const noticed = (await (
      await post("longquanyi", admin.token, `/reserves/${n.id}/publish`, {})
    ).json()) as Nomination;
    const { trackingCode } = await objectOk("longquanyi", noticed.noticeId!, { text: "此人长期在外务工，不了解村情" });
    await endPeriod("longquanyi", noticed.noticeId!);
    const blocked = await post("longquanyi", admin.token, `/reserves/${n.id}/finalize`);
    expect(blocked.status).toBe(409);
    expect((await problem(blocked)).detail).toContain("异议");
    const objectionId = await objectionIdOf("longquanyi", trackingCode);
    expect((await answer("longquanyi", admin.token, objectionId, "upheld")).status).toBe(200);
    const after = (await (await api("longquanyi", `/reserves/${n.id}`, { token: admin.token })).json()) as Nomination;
    expect(after.status).toBe("withdrawn");
    expect((await post("longquanyi", admin.token, `/reserves/${n.id}/finalize`)).status).toBe(409);
  });

  it("refuses bad input and duplicates with clear 4xx, changing nothing", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { villageId, householdId } = await householdSetup("pingchuan");
    const villageCode = await villageCodeOf("pingchuan", villageId);
    const count = async () =>
      (await TENANT_DB.pingchuan!.prepare("SELECT count(*) AS n FROM reserve_nominations").first<{ n: number }>())!.n;
    const before = await count();
    const bad = await api("pingchuan", "/reserves", {
      token: admin.token,
      json: { poolKind: "cadre_reserve", source: "dunmiao", reason: "x" },
    });
    expect(bad.status).toBe(400);
    const fields = (await problem(bad)).errors!.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["cadreId", "reason"]));
    expect(
      (
        await api("pingchuan", "/reserves", {
          token: admin.token,
          json: { poolKind: "key_candidate", source: "nope", name: "张三", villageCode, reason: "推荐理由" },
        })
      ).status,
    ).toBe(400);
    // Another tenant's village code / unknown code: 400 naming the field.
    const unknown = await api("pingchuan", "/reserves", {
      token: admin.token,
      json: {
        poolKind: "key_candidate",
        source: "recommendation",
        name: "张三",
        villageCode: "510112999999",
        reason: "推荐理由",
      },
    });
    expect(unknown.status).toBe(400);
    expect((await problem(unknown)).errors![0]!.field).toBe("villageCode");
    expect(await count()).toBe(before);

    // The same household member twice in one pool, even concurrently: one 201, one 409.
    await TENANT_DB.pingchuan!.prepare(
      "INSERT INTO household_members (household_id, name, relation) VALUES (?, '赵小芳', '女儿')",
    )
      .bind(householdId)
      .run();
    const member = await TENANT_DB.pingchuan!.prepare("SELECT id FROM household_members WHERE household_id = ?")
      .bind(householdId)
      .first<{ id: number }>();
    const body = {
      poolKind: "outstanding_villager",
      source: "recommendation",
      householdMemberId: member!.id,
      reason: "孝老爱亲",
    };
    const results = await Promise.all([
      api("pingchuan", "/reserves", { token: admin.token, json: body }),
      api("pingchuan", "/reserves", { token: admin.token, json: body }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([201, 409]);
    expect(await count()).toBe(before + 1);
  });

  it("scopes township officers to their township, and keeps 后备干部 the county's", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const a = await householdSetup("dazhou");
    const b = await householdSetup("dazhou");
    const n = await nominate("dazhou", admin.token, {
      poolKind: "secretary_reserve",
      source: "recommendation",
      name: "陈大勇",
      villageCode: await villageCodeOf("dazhou", b.villageId),
      reason: "合作社带头人",
    });
    const officer = await signIn("dazhou", "township_officer", { townshipCode: a.township });
    expect((await api("dazhou", `/reserves/${n.id}`, { token: officer.token })).status).toBe(404);
    expect((await post("dazhou", officer.token, `/reserves/${n.id}/publish`, {})).status).toBe(404);
    const list = (await (await api("dazhou", "/reserves?size=200", { token: officer.token })).json()) as {
      items: Nomination[];
    };
    expect(list.items.map((i) => i.id)).not.toContain(n.id);
    const cadre = await cadreOf("dazhou", (await unit("dazhou")).id);
    const refused = await api("dazhou", "/reserves", {
      token: officer.token,
      json: { poolKind: "cadre_reserve", source: "dunmiao", cadreId: cadre.id, reason: "墩苗历练表现突出" },
    });
    expect(refused.status).toBe(403);
    // The county nominates the same cadre (墩苗 → 后备干部), outside any township officer's view.
    const c = await nominate("dazhou", admin.token, {
      poolKind: "cadre_reserve",
      source: "dunmiao",
      cadreId: cadre.id,
      reason: "墩苗历练表现突出",
    });
    expect(c).toMatchObject({ poolKind: "cadre_reserve", name: cadre.name });
    expect((await api("dazhou", `/reserves/${c.id}`, { token: officer.token })).status).toBe(404);
    // Other tenant: the id names nothing there.
    const other = await signIn("longquanyi", "county_admin");
    expect((await api("longquanyi", `/reserves/${n.id + 100000}`, { token: other.token })).status).toBe(404);
  });

  it("admin screens: list, nominate through the form, publish from the page", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageId } = await householdSetup("longquanyi");
    const villageCode = await villageCodeOf("longquanyi", villageId);
    const form = await call("/t/longquanyi/admin/reserves/new", { headers: { Cookie: admin.cookie } });
    expect(form.status).toBe(200);
    const csrf = csrfOf(await form.text());
    const bad = await postForm(
      "/t/longquanyi/admin/reserves",
      { _csrf: csrf, poolKind: "secretary_reserve", source: "recommendation", reason: "" },
      { cookie: admin.cookie },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("请填写推荐理由");
    const ok = await postForm(
      "/t/longquanyi/admin/reserves",
      {
        _csrf: csrf,
        poolKind: "secretary_reserve",
        source: "recommendation",
        name: "刘春燕",
        villageCode,
        reason: "妇女主任，工作扎实",
      },
      { cookie: admin.cookie },
    );
    expect(ok.status, await ok.clone().text()).toBe(303);
    const detailPath = new URL(ok.headers.get("Location")!, "https://x").pathname;
    const page = await call(`/t/longquanyi/admin/reserves/${detailPath.split("/").pop()}`, {
      headers: { Cookie: admin.cookie },
    });
    const html = await page.text();
    expect(html).toContain("刘春燕");
    expect(html).toContain("发布公示");
    const published = await postForm(
      `${detailPath}/publish`,
      { _csrf: csrf, noticeDays: "7" },
      { cookie: admin.cookie },
    );
    expect(published.status).toBe(303);
    const list = await (
      await call("/t/longquanyi/admin/reserves?status=noticed", { headers: { Cookie: admin.cookie } })
    ).text();
    expect(list).toContain("刘春燕");
    expect(list).toContain("公示中");
  });
});
