import { describe, expect, it } from "vitest";
import { api, call, postForm, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { place } from "../helpers/fixtures.ts";
import { csrfOf } from "../helpers/html.ts";
import { idBorn, type Official, registerOfficial } from "./helpers.ts";

const count = async (tenant: string) =>
  (await TENANT_DB[tenant]!.prepare("SELECT count(*) AS n FROM village_officials").first<{ n: number }>())!.n;

describe("村两委花名册 through the API", () => {
  it("registers a roster with an encrypted, masked ID number and keeps the roster's rules", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { village: v } = await place("longquanyi", ["poor"]);
    const id = idBorn(1975);
    const secretary = await registerOfficial("longquanyi", admin.token, {
      villageCode: v.code,
      name: "王建国",
      idNumber: id,
      post: "party_secretary",
      concurrentDirector: true,
      fullTimeSecretary: true,
      source: "wealth_leader",
      electionYear: 2021,
    });
    expect(secretary).toMatchObject({ post: "party_secretary", concurrentDirector: true, status: "serving" });
    expect(secretary.idNumberMasked).toBe(`${id.slice(0, 4)}**********${id.slice(-4)}`);
    // At rest: ciphertext, never the number.
    const stored = await TENANT_DB.longquanyi!.prepare("SELECT * FROM village_officials WHERE id = ?")
      .bind(secretary.id)
      .first<Record<string, unknown>>();
    expect(JSON.stringify(stored)).not.toContain(id);
    // The audit entry does not carry it either.
    const audit = await TENANT_DB.longquanyi!.prepare(
      "SELECT after FROM audit_log WHERE entity = 'village_official' AND entity_id = ?",
    )
      .bind(String(secretary.id))
      .first<{ after: string }>();
    expect(audit?.after ?? "x").not.toContain(id);

    const before = await count("longquanyi");
    // A second serving secretary, a director beside 一肩挑, the same person twice, 一肩挑 on a clerk: refused.
    const second = await api("longquanyi", "/village-officials", {
      token: admin.token,
      json: {
        villageCode: v.code,
        name: "李四",
        idNumber: idBorn(1980),
        post: "party_secretary",
        source: "other",
        termStart: "2022-01-01",
      },
    });
    expect(second.status).toBe(409);
    const director = await api("longquanyi", "/village-officials", {
      token: admin.token,
      json: {
        villageCode: v.code,
        name: "赵主任",
        idNumber: idBorn(1980),
        post: "committee_director",
        source: "other",
        termStart: "2022-01-01",
      },
    });
    expect(director.status).toBe(409);
    expect((await problem(director)).detail).toContain("一肩挑");
    const twice = await api("longquanyi", "/village-officials", {
      token: admin.token,
      json: {
        villageCode: v.code,
        name: "王建国",
        idNumber: id,
        post: "clerk",
        source: "other",
        termStart: "2022-01-01",
      },
    });
    expect(twice.status).toBe(409);
    const flagged = await api("longquanyi", "/village-officials", {
      token: admin.token,
      json: {
        villageCode: v.code,
        name: "钱文书",
        idNumber: idBorn(1990),
        post: "clerk",
        concurrentDirector: true,
        source: "other",
        termStart: "2022-01-01",
      },
    });
    expect(flagged.status).toBe(400);
    expect((await problem(flagged)).errors?.map((e) => e.field)).toContain("concurrentDirector");
    const badId = await api("longquanyi", "/village-officials", {
      token: admin.token,
      json: {
        villageCode: v.code,
        name: "孙某",
        idNumber: "510112199001011234",
        post: "member",
        source: "other",
        termStart: "2022-01-01",
      },
    });
    expect(badId.status).toBe(400);
    expect((await problem(badId)).errors?.[0]?.message).toContain("校验位");
    const noVillage = await api("longquanyi", "/village-officials", {
      token: admin.token,
      json: {
        villageCode: "510112999999",
        name: "孙某",
        idNumber: idBorn(1990),
        post: "member",
        source: "other",
        termStart: "2022-01-01",
      },
    });
    expect(noVillage.status).toBe(400);
    const future = await api("longquanyi", "/village-officials", {
      token: admin.token,
      json: {
        villageCode: v.code,
        name: "孙某",
        idNumber: idBorn(1990),
        post: "member",
        source: "other",
        termStart: "2099-01-01",
      },
    });
    expect(future.status).toBe(400);
    const huge = await api("longquanyi", "/village-officials", {
      token: admin.token,
      json: {
        villageCode: v.code,
        name: "孙".repeat(500),
        idNumber: idBorn(1990),
        post: "member",
        source: "other",
        termStart: "2022-01-01",
      },
    });
    expect(huge.status).toBe(400);
    expect(await count("longquanyi")).toBe(before);

    // 离任: the term closes; a second leave is a conflict; a left official can no longer be edited.
    const clerk = await registerOfficial("longquanyi", admin.token, {
      villageCode: v.code,
      name: "周文书",
      idNumber: idBorn(1988),
      post: "clerk",
    });
    const early = await api("longquanyi", `/village-officials/${clerk.id}/leave`, {
      token: admin.token,
      json: { status: "left", termEnd: "2020-01-01" },
    });
    expect(early.status).toBe(400);
    const left = await api("longquanyi", `/village-officials/${clerk.id}/leave`, {
      token: admin.token,
      json: { status: "left", termEnd: "2026-06-30" },
    });
    expect(left.status).toBe(200);
    expect(await left.json()).toMatchObject({ status: "left", termEnd: "2026-06-30" });
    expect(
      (
        await api("longquanyi", `/village-officials/${clerk.id}/leave`, {
          token: admin.token,
          json: { status: "left", termEnd: "2026-07-01" },
        })
      ).status,
    ).toBe(409);
    const edit = await api("longquanyi", `/village-officials/${clerk.id}`, {
      method: "PUT",
      token: admin.token,
      json: { honourLevel: "provincial" },
    });
    expect(edit.status).toBe(409);

    // Changing the secretary's post drops both secretary flags.
    const moved = await api("longquanyi", `/village-officials/${secretary.id}`, {
      method: "PUT",
      token: admin.token,
      json: { post: "deputy_secretary" },
    });
    expect(moved.status).toBe(200);
    expect(await moved.json()).toMatchObject({
      post: "deputy_secretary",
      concurrentDirector: false,
      fullTimeSecretary: false,
    });
  });

  it("keeps township officers to their township and tenants apart", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const mine = await place("longquanyi");
    const theirs = await place("longquanyi");
    const officer = await signIn("longquanyi", "township_officer", { townshipCode: mine.townshipCode });
    const own = await registerOfficial("longquanyi", officer.token, {
      villageCode: mine.village.code,
      name: "本镇干部",
      idNumber: idBorn(1985),
    });
    const other = await registerOfficial("longquanyi", admin.token, {
      villageCode: theirs.village.code,
      name: "外镇干部",
      idNumber: idBorn(1985),
    });
    const list = (await (await api("longquanyi", "/village-officials?size=200", { token: officer.token })).json()) as {
      items: Official[];
    };
    expect(list.items.map((o) => o.id)).toContain(own.id);
    expect(list.items.map((o) => o.id)).not.toContain(other.id);
    expect((await api("longquanyi", `/village-officials/${other.id}`, { token: officer.token })).status).toBe(404);
    expect(
      (
        await api("longquanyi", `/village-officials/${other.id}`, {
          method: "PUT",
          token: officer.token,
          json: { honours: "x" },
        })
      ).status,
    ).toBe(404);
    const before = await count("longquanyi");
    const outside = await api("longquanyi", "/village-officials", {
      token: officer.token,
      json: {
        villageCode: theirs.village.code,
        name: "越权",
        idNumber: idBorn(1985),
        post: "member",
        source: "other",
        termStart: "2022-01-01",
      },
    });
    expect(outside.status).toBe(404);
    expect(await count("longquanyi")).toBe(before);
    // Another tenant's admin: the id names nothing there. Cadres and auditors cannot write.
    const pingchuan = await signIn("pingchuan", "county_admin");
    expect((await api("pingchuan", `/village-officials/${own.id}`, { token: pingchuan.token })).status).toBe(404);
    const auditor = await signIn("longquanyi", "auditor");
    expect((await api("longquanyi", `/village-officials/${own.id}`, { token: auditor.token })).status).toBe(200);
    expect(
      (
        await api("longquanyi", `/village-officials/${own.id}/leave`, {
          token: auditor.token,
          json: { status: "left", termEnd: "2026-01-01" },
        })
      ).status,
    ).toBe(403);
  });

  it("shows the roster, the village section and the form in the admin UI", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { village: v } = await place("dazhou");
    await registerOfficial("dazhou", admin.token, {
      villageCode: v.code,
      name: "陈书记",
      idNumber: idBorn(1979),
      post: "party_secretary",
      concurrentDirector: true,
    });
    const roster = await call(`/t/dazhou/admin/village-officials?villageCode=${v.code}`, {
      headers: { Cookie: admin.cookie },
    });
    expect(roster.status).toBe(200);
    const html = await roster.text();
    expect(html).toContain("陈书记");
    expect(html).toContain("一肩挑");
    const villagePage = await (
      await call(`/t/dazhou/admin/villages/${v.code}`, { headers: { Cookie: admin.cookie } })
    ).text();
    expect(villagePage).toContain("村两委");
    expect(villagePage).toContain("陈书记");

    const form = await call(`/t/dazhou/admin/village-officials/new?villageCode=${v.code}`, {
      headers: { Cookie: admin.cookie },
    });
    expect(form.status).toBe(200);
    const csrf = csrfOf(await form.text());
    const fields = {
      _csrf: csrf,
      villageCode: v.code,
      name: "刘委员",
      idNumber: idBorn(1996),
      post: "member",
      source: "college_graduate",
      termStart: "2024-01-05",
      partyMember: "1",
    };
    const bad = await postForm(
      "/t/dazhou/admin/village-officials",
      { ...fields, idNumber: "123" },
      { cookie: admin.cookie },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("身份证号应为18位");
    const ok = await postForm("/t/dazhou/admin/village-officials", fields, { cookie: admin.cookie });
    expect(ok.status).toBe(303);
    const detail = await call(ok.headers.get("Location")!, { headers: { Cookie: admin.cookie } });
    const detailHtml = await detail.text();
    expect(detailHtml).toContain("刘委员");
    expect(detailHtml).toContain("大学生村官");
    expect(detailHtml).toContain("中共党员");
    expect(detailHtml).not.toContain(fields.idNumber);
    // A second director beside 一肩挑, from the form: the page again with the reason, 409.
    const clash = await postForm(
      "/t/dazhou/admin/village-officials",
      { ...fields, name: "另一主任", idNumber: idBorn(1980), post: "committee_director" },
      { cookie: admin.cookie },
    );
    expect(clash.status).toBe(409);
    expect(await clash.text()).toContain("一肩挑");
  });
});
