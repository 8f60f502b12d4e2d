import { describe, expect, it } from "vitest";
import { api, call, postForm } from "../helpers/http.ts";
import { csrfOf } from "../helpers/html.ts";
import { signIn, TENANT_DB, uniqueName } from "../helpers/users.ts";
import { cadre, household, township, village } from "../helpers/fixtures.ts";

/** Lookup API of the pickers (GET /lookup/…) and the no-script fallback of a picker field. */

const db = (t: string) => TENANT_DB[t]!;
async function nameVillage(tenant: string, id: number, name: string) {
  await db(tenant).prepare("UPDATE villages SET name = ? WHERE id = ?").bind(name, id).run();
}
async function lookup(tenant: string, token: string, entity: string, q: string, extra = "") {
  const res = await api(tenant, `/lookup/${entity}?q=${encodeURIComponent(q)}${extra}`, { token });
  expect(res.status).toBe(200);
  return ((await res.json()) as { items: { value: string; label: string; detail: string }[] }).items;
}

describe("lookup API", () => {
  it("finds villages by a part of the name or the start of the code, only inside a township officer's township", async () => {
    const word = uniqueName("松");
    const t1 = await township("longquanyi");
    const t2 = await township("longquanyi");
    const mine = await village("longquanyi", t1);
    const other = await village("longquanyi", t2);
    await nameVillage("longquanyi", mine.id, `${word}东村`);
    await nameVillage("longquanyi", other.id, `${word}西村`);

    const admin = await signIn("longquanyi", "county_admin");
    expect((await lookup("longquanyi", admin.token, "villages", word)).map((i) => i.value).sort()).toEqual(
      [mine.code, other.code].sort(),
    );
    expect((await lookup("longquanyi", admin.token, "villages", mine.code)).map((i) => i.label)).toEqual([
      `${word}东村`,
    ]);

    const officer = await signIn("longquanyi", "township_officer", { townshipCode: t1 });
    expect((await lookup("longquanyi", officer.token, "villages", word)).map((i) => i.value)).toEqual([mine.code]);

    // Another tenant's user finds nothing of this tenant.
    const stranger = await signIn("pingchuan", "county_admin");
    expect(await lookup("pingchuan", stranger.token, "villages", word)).toEqual([]);
  });

  it("finds households by head name, number or the last four ID characters; a cadre only their own", async () => {
    const t = await township("longquanyi");
    const v = await village("longquanyi", t);
    const mine = await household("longquanyi", v.id);
    const theirs = await household("longquanyi", v.id);
    const c = await cadre("longquanyi");
    await db("longquanyi")
      .prepare(
        "INSERT INTO pairings (kind, helper_cadre_id, household_id, start_date) VALUES ('cadre_household', ?, ?, '2025-01-01')",
      )
      .bind(c.id, mine.id)
      .run();
    const head = await db("longquanyi")
      .prepare("SELECT head_name AS n FROM households WHERE id = ?")
      .bind(mine.id)
      .first<{ n: string }>();

    const admin = await signIn("longquanyi", "county_admin");
    expect((await lookup("longquanyi", admin.token, "households", head!.n)).map((i) => i.value)).toEqual([
      String(mine.id),
    ]);
    const byTail = await lookup("longquanyi", admin.token, "households", mine.idNumber.slice(-4), "&limit=20");
    expect(byTail.map((i) => i.value)).toContain(String(mine.id));
    expect(byTail.every((i) => !i.detail.includes(mine.idNumber))).toBe(true);
    expect((await lookup("longquanyi", admin.token, "households", mine.idNumber)).map((i) => i.value)).toEqual([
      String(mine.id),
    ]);

    const cadreUser = await signIn("longquanyi", "cadre", { cadreId: c.id });
    expect((await lookup("longquanyi", cadreUser.token, "households", String(mine.id))).map((i) => i.value)).toEqual([
      String(mine.id),
    ]);
    // (Head names carry digits, so the number may match a name of theirs: never the other household.)
    expect(
      (await lookup("longquanyi", cadreUser.token, "households", String(theirs.id))).map((i) => i.value),
    ).not.toContain(String(theirs.id));
  });

  it("finds cadres and units by name; a cadre finds only themselves", async () => {
    const c = await cadre("longquanyi");
    const other = await cadre("longquanyi", c.unitId);
    const admin = await signIn("longquanyi", "county_admin");
    expect((await lookup("longquanyi", admin.token, "cadres", c.name)).map((i) => i.value)).toEqual([String(c.id)]);
    const unitName = await db("longquanyi")
      .prepare("SELECT name FROM units WHERE id = ?")
      .bind(c.unitId)
      .first<{ name: string }>();
    expect((await lookup("longquanyi", admin.token, "units", unitName!.name)).map((i) => i.value)).toEqual([
      String(c.unitId),
    ]);
    const self = await signIn("longquanyi", "cadre", { cadreId: c.id });
    expect(await lookup("longquanyi", self.token, "cadres", other.name)).toEqual([]);
  });

  it("refuses a missing query, a limit above 20 and anonymous callers with a problem in Chinese", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const noQ = await api("longquanyi", "/lookup/villages", { token: admin.token });
    expect(noQ.status).toBe(400);
    const big = await api("longquanyi", "/lookup/villages?q=村&limit=500", { token: admin.token });
    expect(big.status).toBe(400);
    expect(big.headers.get("content-type")).toContain("application/problem+json");
    expect(await big.text()).toMatch(/20/);
    expect((await api("longquanyi", "/lookup/households?q=张")).status).toBe(401);
  });
});

describe("picker without JavaScript (project form)", () => {
  async function projectForm(cookie: string) {
    const res = await call("/t/longquanyi/admin/projects/new", { headers: { Cookie: cookie } });
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('data-lookup="/t/longquanyi/api/v1/lookup/villages"');
    expect(html).toMatch(/<script src="\/static\/picker\.js\?v=[0-9a-f]+" defer/);
    return csrfOf(html);
  }
  const fields = (csrf: string, villageCode: string) => ({
    _csrf: csrf,
    villageCode,
    name: uniqueName("项目"),
    fundSource: "county",
    budget: "1000",
  });

  it("resolves a typed village name that matches one village and creates the project there", async () => {
    const word = uniqueName("柏");
    const v = await village("longquanyi", await township("longquanyi"));
    await nameVillage("longquanyi", v.id, `${word}村`);
    const admin = await signIn("longquanyi", "county_admin");
    const f = fields(await projectForm(admin.cookie), `${word}村`);
    const res = await postForm("/t/longquanyi/admin/projects", f, { cookie: admin.cookie });
    expect(res.status).toBe(303);
    const row = await db("longquanyi")
      .prepare("SELECT village_id AS v FROM projects WHERE name = ?")
      .bind(f.name)
      .first<{ v: number }>();
    expect(row?.v).toBe(v.id);
  });

  it("shows the candidates to choose from when several villages match, and says so when none does", async () => {
    const word = uniqueName("桂");
    const t = await township("longquanyi");
    const a = await village("longquanyi", t);
    const b = await village("longquanyi", t);
    await nameVillage("longquanyi", a.id, `${word}上村`);
    await nameVillage("longquanyi", b.id, `${word}下村`);
    const admin = await signIn("longquanyi", "county_admin");
    const f = fields(await projectForm(admin.cookie), word);
    const res = await postForm("/t/longquanyi/admin/projects", f, { cookie: admin.cookie });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain("请在下面选择一个");
    expect(html).toContain(`type="radio" name="villageCode" value="${a.code}"`);
    expect(html).toContain(`type="radio" name="villageCode" value="${b.code}"`);
    const none = await postForm(
      "/t/longquanyi/admin/projects",
      { ...f, villageCode: `${word}无此村` },
      { cookie: admin.cookie },
    );
    expect(none.status).toBe(400);
    expect(await none.text()).toContain("没有找到");
    const count = await db("longquanyi")
      .prepare("SELECT count(*) AS n FROM projects WHERE name = ?")
      .bind(f.name)
      .first<{ n: number }>();
    expect(count?.n).toBe(0);
  });

  it("serves the picker script from /static as JavaScript", async () => {
    const res = await call("/static/picker.js");
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("javascript");
    expect(await res.text()).toContain("data-lookup");
  });
});
