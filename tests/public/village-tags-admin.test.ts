import { describe, expect, it } from "vitest";
import { SELF } from "cloudflare:test";
import { call, ORIGIN } from "../helpers/http.ts";
import { signIn, TENANT_DB, type Session } from "../helpers/users.ts";
import { publicVillage } from "./fixtures.ts";

/** The admin settings screen for which village tags the public pages show. */
const T = "dazhou";
const page = (s: Session, path: string) => call(`/t/${T}/admin${path}`, { headers: { Cookie: s.cookie } });
function post(s: Session, path: string, fields: [string, string][]) {
  const body = new URLSearchParams([...fields, ["_csrf", s.csrfToken]]);
  return SELF.fetch(`${ORIGIN}/t/${T}/admin${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: s.cookie },
    body: body.toString(),
    redirect: "manual",
  });
}

describe("admin settings: public village tags", () => {
  it("saving the checkbox group changes the tags the public village page shows", async () => {
    const v = await publicVillage(T, 0);
    await TENANT_DB[T]!.prepare("UPDATE villages SET tags = ? WHERE code = ?")
      .bind(JSON.stringify(["poor", "weak_party_org", "no_collective_income"]), v.villageCode)
      .run();
    const villageHtml = async () => (await call(`/t/${T}/v/${v.villageCode}`)).text();
    const admin = await signIn(T, "county_admin");

    const form = await (await page(admin, "/settings")).text();
    expect(form).toContain("在公开页面显示的村标签");
    expect(form).toContain(`action="/t/${T}/admin/settings/public-village-tags"`);
    expect(form).toMatch(/value="poor"[^>]*checked/);
    expect(form).not.toMatch(/value="weak_party_org"[^>]*checked/);
    const before = await villageHtml();
    expect(before).not.toContain("软弱涣散村");

    const bad = await post(admin, "/settings/public-village-tags", [["tags", "rich"]]);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("未知的村类别");

    const saved = await post(admin, "/settings/public-village-tags", [
      ["tags", "weak_party_org"],
      ["tags", "model"],
    ]);
    expect(saved.status, await saved.clone().text()).toBe(303);
    const back = await (await call(saved.headers.get("location")!, { headers: { Cookie: admin.cookie } })).text();
    expect(back).toContain("公开的村标签已保存");
    expect(back).toMatch(/value="weak_party_org"[^>]*checked/);
    const after = await villageHtml();
    expect(after).toContain("软弱涣散村");
    expect(after).not.toContain("贫困村");
    expect(after).not.toContain("集体经济空壳村");

    // None ticked: the group posts nothing and every tag is internal.
    expect((await post(admin, "/settings/public-village-tags", [])).status).toBe(303);
    expect(await villageHtml()).not.toContain("软弱涣散村");

    const township = await signIn(T, "township_officer");
    expect((await post(township, "/settings/public-village-tags", [["tags", "poor"]])).status).toBe(403);

    // Settings are tenant-wide: restore the default.
    await post(admin, "/settings/public-village-tags", [
      ["tags", "poor"],
      ["tags", "deeply_poor"],
      ["tags", "model"],
    ]);
  });
});
