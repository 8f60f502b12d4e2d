import { describe, expect, it } from "vitest";
import { api, call, postForm, problem } from "../helpers/http.ts";
import { signIn, type Session } from "../helpers/users.ts";
import { assign, assigned, createCadre, createUnit, township } from "./fixtures.ts";

/** Seed 003: 工作队队长须为副处级（市直单位）或副科级（县直单位）以上干部. */
const T = "longquanyi";
type Cadre = { id: number; name: string; rank: string | null };

async function setup(level: "city" | "county") {
  const admin = await signIn(T, "county_admin");
  const unit = await createUnit(T, admin.token, undefined, "party_government", level);
  const t = await township(T, admin.token, 2);
  return { admin, unit, t };
}

async function refused(res: Response, field = "cadreId") {
  expect(res.status).toBe(409);
  const p = await problem(res);
  expect(p.detail).toContain("工作队队长须为副处级以上（市直单位）或副科级以上（县直单位）干部");
  expect(p.errors?.[0]?.field).toBe(field);
  return p.detail;
}

describe("team leader's minimum rank", () => {
  it("county unit: refuses a 科员 as team leader, accepts a 副科级", async () => {
    const { admin, unit, t } = await setup("county");
    const clerk = await createCadre(T, admin.token, unit.id, { rank: "clerk" });
    const deputy = await createCadre(T, admin.token, unit.id, { rank: "deputy_section" });
    const v = t.villages[0]!.code;
    const detail = await refused(await assign(T, admin.token, clerk.id, v, "team_leader"));
    expect(detail).toContain(clerk.name);
    expect(detail).toContain("科员及以下");
    expect(detail).toContain("须副科级以上");
    const ok = await assigned(T, admin.token, deputy.id, v, "team_leader");
    expect(ok.status).toBe("active");
  });

  it("city unit: refuses a 正科级 as team leader, accepts a 副处级", async () => {
    const { admin, unit, t } = await setup("city");
    const section = await createCadre(T, admin.token, unit.id, { rank: "section" });
    const division = await createCadre(T, admin.token, unit.id, { rank: "deputy_division" });
    const v = t.villages[0]!.code;
    const detail = await refused(await assign(T, admin.token, section.id, v, "team_leader"));
    expect(detail).toContain("市直单位");
    expect(detail).toContain("正科级");
    expect(detail).toContain("须副处级以上");
    await assigned(T, admin.token, division.id, v, "team_leader");
  });

  it("refuses a cadre without a recorded rank, asking to record it first", async () => {
    const { admin, unit, t } = await setup("county");
    const c = await createCadre(T, admin.token, unit.id);
    expect(c.rank).toBeNull();
    const detail = await refused(await assign(T, admin.token, c.id, t.villages[0]!.code, "team_leader"));
    expect(detail).toContain("未登记职级");
    expect(detail).toContain("请先");
    // Once the rank is recorded, the same request succeeds.
    const patched = await api(T, `/cadres/${c.id}`, {
      method: "PATCH",
      token: admin.token,
      json: { rank: "section" },
    });
    expect(patched.status).toBe(200);
    await assigned(T, admin.token, c.id, t.villages[0]!.code, "team_leader");
  });

  it("does not check team members or first secretaries", async () => {
    const { admin, unit, t } = await setup("city");
    const clerk = await createCadre(T, admin.token, unit.id, { rank: "clerk" });
    const none = await createCadre(T, admin.token, unit.id);
    await assigned(T, admin.token, clerk.id, t.villages[0]!.code, "team_member");
    await assigned(T, admin.token, none.id, t.villages[0]!.code, "team_member");
    await assigned(T, admin.token, clerk.id, t.villages[1]!.code, "first_secretary");
  });

  it("checks the successor when a team leader is replaced; the old assignment stays active when refused", async () => {
    const { admin, unit, t } = await setup("county");
    const leader = await createCadre(T, admin.token, unit.id, { rank: "section" });
    const clerk = await createCadre(T, admin.token, unit.id, { rank: "clerk" });
    const deputy = await createCadre(T, admin.token, unit.id, { rank: "deputy_section" });
    const a = await assigned(T, admin.token, leader.id, t.villages[0]!.code, "team_leader");
    const replace = (newCadreId: number) =>
      api(T, `/assignments/${a.id}/replace`, {
        token: admin.token,
        json: { newCadreId, date: "2025-03-01", reason: "unfit", note: "调整" },
      });
    const detail = await refused(await replace(clerk.id), "newCadreId");
    expect(detail).toContain(clerk.name);
    const still = (await (await api(T, `/assignments/${a.id}`, { token: admin.token })).json()) as { status: string };
    expect(still.status).toBe("active");
    const ok = await replace(deputy.id);
    expect(ok.status, await ok.clone().text()).toBe(200);
    const body = (await ok.json()) as { successor: { cadreId: number; role: string } };
    expect(body.successor).toMatchObject({ cadreId: deputy.id, role: "team_leader" });

    // A team member's successor is not checked.
    const member = await assigned(T, admin.token, clerk.id, t.villages[1]!.code, "team_member");
    const none = await createCadre(T, admin.token, unit.id);
    const swapped = await api(T, `/assignments/${member.id}/replace`, {
      token: admin.token,
      json: { newCadreId: none.id, date: "2025-03-01", reason: "unfit", note: "调整" },
    });
    expect(swapped.status, await swapped.clone().text()).toBe(200);
  });
});

describe("cadre rank through the API and the admin form", () => {
  it("creates, shows, changes and clears a rank; refuses an unknown one in Chinese", async () => {
    const admin = await signIn(T, "county_admin");
    const unit = await createUnit(T, admin.token);
    const c = await createCadre(T, admin.token, unit.id, { rank: "deputy_section" });
    expect(c.rank).toBe("deputy_section");
    const got = (await (await api(T, `/cadres/${c.id}`, { token: admin.token })).json()) as Cadre;
    expect(got.rank).toBe("deputy_section");
    const list = (await (await api(T, `/cadres?unitId=${unit.id}`, { token: admin.token })).json()) as {
      items: Cadre[];
    };
    expect(list.items[0]?.rank).toBe("deputy_section");
    const csv = new TextDecoder().decode(
      await (await api(T, `/cadres/export?unitId=${unit.id}`, { token: admin.token })).arrayBuffer(),
    );
    expect(csv).toContain("职级");
    expect(csv).toContain("副科级");

    const patch = (json: unknown) => api(T, `/cadres/${c.id}`, { method: "PATCH", token: admin.token, json });
    const up = await patch({ rank: "division" });
    expect(up.status).toBe(200);
    expect(((await up.json()) as Cadre).rank).toBe("division");
    // Other fields leave the rank alone.
    expect(((await (await patch({ position: "副局长" })).json()) as Cadre).rank).toBe("division");
    const bad = await patch({ rank: "general" });
    expect(bad.status).toBe(400);
    const p = await problem(bad);
    expect(p.errors?.[0]).toMatchObject({ field: "rank", message: "请选择职级" });
    const badCreate = await api(T, "/cadres", { token: admin.token, json: { name: "钱七", unitId: unit.id, rank: 3 } });
    expect(badCreate.status).toBe(400);
    const cleared = await patch({ rank: null });
    expect(cleared.status).toBe(200);
    expect(((await cleared.json()) as Cadre).rank).toBeNull();
  });

  it("edits the rank on the admin form and shows the refusal on the assignment form", async () => {
    const admin = await signIn(T, "county_admin");
    const unit = await createUnit(T, admin.token, undefined, "party_government", "city");
    const t = await township(T, admin.token, 1);
    const page = (s: Session, path: string) => call(`/t/${T}/admin${path}`, { headers: { Cookie: s.cookie } });
    const post = (s: Session, path: string, fields: Record<string, string>) =>
      postForm(`/t/${T}/admin${path}`, { ...fields, _csrf: s.csrfToken }, { cookie: s.cookie });

    const form = await (await page(admin, "/cadres/new")).text();
    expect(form).toContain('name="rank"');
    expect(form).toContain("副处级");
    const created = await post(admin, "/cadres", {
      name: "孙八",
      unitId: String(unit.id),
      position: "科长",
      rank: "section",
      partyMember: "true",
      reservePool: "false",
    });
    expect(created.status).toBe(303);
    const path = new URL(created.headers.get("location")!, "https://x").pathname.replace(`/t/${T}/admin`, "");
    const id = path.split("/").pop()!;
    const detail = await (await page(admin, path)).text();
    expect(detail).toContain("正科级");

    const leader = { cadreId: id, villageCode: t.villages[0]!.code, role: "team_leader", startDate: "2025-01-01" };
    const no = await post(admin, "/assignments", leader);
    expect(no.status).toBe(400);
    const html = await no.text();
    expect(html).toContain("工作队队长须为副处级以上");
    expect(html).toContain("正科级");

    const saved = await post(admin, path, {
      name: "孙八",
      unitId: String(unit.id),
      position: "副处长",
      rank: "deputy_division",
      phone: "",
      officePhone: "",
      partyMember: "true",
      reservePool: "false",
    });
    expect(saved.status).toBe(303);
    expect(await (await page(admin, path)).text()).toContain("副处级");
    expect((await post(admin, "/assignments", leader)).status).toBe(303);
  });
});
