import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { createCadre, createUnit, township } from "../people/fixtures.ts";

/**
 * The counts shown next to townships (村数) and units (干部数) come from correlated subqueries;
 * they must count the row's own villages / cadres (a subquery that compares a column with
 * itself would show 0 or the grand total everywhere).
 */
describe("counts in lists", () => {
  it("counts each township's own villages (API and 区县乡镇 screen)", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const three = await township("longquanyi", admin.token, 3);
    const one = await township("longquanyi", admin.token, 1);
    const res = await api("longquanyi", "/townships", { token: admin.token });
    expect(res.status).toBe(200);
    const items = ((await res.json()) as { items: { code: string; villageCount: number }[] }).items;
    expect(items.find((t) => t.code === three.code)?.villageCount).toBe(3);
    expect(items.find((t) => t.code === one.code)?.villageCount).toBe(1);

    const html = await (await call("/t/longquanyi/admin/places", { headers: { Cookie: admin.cookie } })).text();
    expect(html).toMatch(new RegExp(`villages\\?townshipCode=${three.code}">3</a>`));
    expect(html).toMatch(new RegExp(`villages\\?townshipCode=${one.code}">1</a>`));
  });

  it("counts each unit's own cadres (API list, detail and 帮扶单位 screen)", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const busy = await createUnit("longquanyi", admin.token);
    const quiet = await createUnit("longquanyi", admin.token);
    await createCadre("longquanyi", admin.token, busy.id);
    await createCadre("longquanyi", admin.token, busy.id);
    await createCadre("longquanyi", admin.token, quiet.id);

    const one = async (id: number) =>
      ((await (await api("longquanyi", `/units/${id}`, { token: admin.token })).json()) as { cadreCount: number })
        .cadreCount;
    expect(await one(busy.id)).toBe(2);
    expect(await one(quiet.id)).toBe(1);
    const list = (await (
      await api("longquanyi", `/units?q=${encodeURIComponent(busy.name)}`, { token: admin.token })
    ).json()) as { items: { id: number; cadreCount: number }[] };
    expect(list.items.find((u) => u.id === busy.id)?.cadreCount).toBe(2);

    const html = await (
      await call(`/t/longquanyi/admin/units?q=${encodeURIComponent(busy.name)}`, { headers: { Cookie: admin.cookie } })
    ).text();
    expect(html).toContain(`cadres?unitId=${busy.id}">2</a>`);
  });
});
