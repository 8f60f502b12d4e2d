import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { publicVillage } from "../public/fixtures.ts";

/** Issue "Integrity holes", privacy: stigmatising village tags are internal unless the tenant makes them public. */
const T = "pingchuan";

describe("village tags on public pages", () => {
  it("hides 软弱涣散村 and 集体经济空壳村 by default on the page and in open data, and follows the setting", async () => {
    const v = await publicVillage(T, 0);
    await TENANT_DB[T]!.prepare("UPDATE villages SET tags = ? WHERE code = ?")
      .bind(JSON.stringify(["poor", "weak_party_org", "no_collective_income"]), v.villageCode)
      .run();
    const html = async () => (await call(`/t/${T}/v/${v.villageCode}`)).text();
    const first = await html();
    expect(first).toContain("贫困村");
    expect(first).not.toContain("软弱涣散村");
    expect(first).not.toContain("集体经济空壳村");
    const data = (await (await call(`/t/${T}/v/${v.villageCode}/data.json`)).json()) as { village: { tags: string[] } };
    expect(data.village.tags).toEqual(["poor"]);
    const admin = await signIn(T, "county_admin");
    expect(await (await api(T, "/settings/public-village-tags", { token: admin.token })).json()).toEqual({
      tags: ["poor", "deeply_poor", "model"],
    });
    const saved = await api(T, "/settings/public-village-tags", {
      method: "PUT",
      token: admin.token,
      json: { tags: ["weak_party_org"] },
    });
    expect(saved.status).toBe(200);
    const township = await signIn(T, "township_officer");
    expect(
      (await api(T, "/settings/public-village-tags", { method: "PUT", token: township.token, json: { tags: [] } }))
        .status,
    ).toBe(403);
    expect(
      (await api(T, "/settings/public-village-tags", { method: "PUT", token: admin.token, json: { tags: ["rich"] } }))
        .status,
    ).toBe(400);
    // Settings are tenant-wide: restore the default so other tests in this file see it.
    await api(T, "/settings/public-village-tags", {
      method: "PUT",
      token: admin.token,
      json: { tags: ["poor", "deeply_poor", "model"] },
    });
  });
});
