import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { cadre } from "../helpers/fixtures.ts";

type Record = { cadre: { id: number }; reserves: { id: number; poolKind: string; source: string; status: string }[] };

async function nominateCadre(tenant: string, token: string, cadreId: number, source: string) {
  const res = await api(tenant, "/reserves", {
    token,
    json: { poolKind: "cadre_reserve", source, cadreId, reason: "墩苗期间带领群众发展产业，表现突出" },
  });
  expect(res.status, await res.clone().text()).toBe(201);
  return (await res.json()) as { id: number };
}

describe("a cadre sees their own 后备干部 record (我的档案), never another's", () => {
  it("shows the cadre's own nomination on their record page and API, and refuses others' records", async () => {
    const T = "longquanyi";
    const admin = await signIn(T, "county_admin");
    const mine = await cadre(T);
    const theirs = await cadre(T);
    const own = await nominateCadre(T, admin.token, mine.id, "dunmiao");
    const other = await nominateCadre(T, admin.token, theirs.id, "recommendation");
    const me = await signIn(T, "cadre", { cadreId: mine.id });

    // 我的档案 in the nav leads to the cadre's own record.
    const home = await call(`/t/${T}/admin`, { headers: { Cookie: me.cookie } });
    expect(await home.text()).toContain(`/t/${T}/admin/cadres/me/record`);
    const go = await call(`/t/${T}/admin/cadres/me/record`, { headers: { Cookie: me.cookie } });
    expect(go.status).toBe(303);
    expect(go.headers.get("Location")).toBe(`/t/${T}/admin/cadres/${mine.id}/record`);
    const page = await call(go.headers.get("Location")!, { headers: { Cookie: me.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("我的档案");
    expect(html).toContain("后备干部");
    expect(html).toContain("经墩苗历练提名");
    expect(html).toContain("已提名");
    expect(html).not.toContain("经组织推优提名");
    // The pool itself is not the cadre's: no link into it.
    expect(html).not.toContain(`/admin/reserves/${own.id}`);

    const record = (await (await api(T, `/cadres/${mine.id}/record`, { token: me.token })).json()) as Record;
    expect(record.reserves).toEqual([
      expect.objectContaining({ id: own.id, poolKind: "cadre_reserve", source: "dunmiao", status: "nominated" }),
    ]);

    // Another cadre's record, the pool and its entries stay closed to this cadre.
    expect((await api(T, `/cadres/${theirs.id}/record`, { token: me.token })).status).toBe(404);
    expect((await call(`/t/${T}/admin/cadres/${theirs.id}/record`, { headers: { Cookie: me.cookie } })).status).toBe(
      404,
    );
    expect((await api(T, `/reserves/${other.id}`, { token: me.token })).status).toBe(403);
    expect((await call(`/t/${T}/admin/reserves`, { headers: { Cookie: me.cookie } })).status).toBe(403);
  });

  it("links the county's view of a record into the pool, and keeps 我的档案 for cadres", async () => {
    const T = "longquanyi";
    const admin = await signIn(T, "county_admin");
    const c = await cadre(T);
    const n = await nominateCadre(T, admin.token, c.id, "dunmiao");
    const page = await call(`/t/${T}/admin/cadres/${c.id}/record`, { headers: { Cookie: admin.cookie } });
    expect(await page.text()).toContain(`/admin/reserves/${n.id}`);
    expect((await call(`/t/${T}/admin/cadres/me/record`, { headers: { Cookie: admin.cookie } })).status).toBe(403);

    // A cadre account not linked to a cadre has no record to go to.
    const unlinked = await signIn(T, "cadre");
    const none = await call(`/t/${T}/admin/cadres/me/record`, { headers: { Cookie: unlinked.cookie } });
    expect(none.status).toBe(404);
    expect(await none.text()).toContain("尚未关联干部档案");
  });

  it("shows an empty reserve section for a cadre who is in no pool", async () => {
    const T = "pingchuan";
    const c = await cadre(T);
    const me = await signIn(T, "cadre", { cadreId: c.id });
    const html = await (await call(`/t/${T}/admin/cadres/${c.id}/record`, { headers: { Cookie: me.cookie } })).text();
    expect(html).toContain("未列入后备干部库");
    const record = (await (await api(T, `/cadres/${c.id}/record`, { token: me.token })).json()) as Record;
    expect(record.reserves).toEqual([]);
  });
});
