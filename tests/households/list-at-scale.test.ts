import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { setHouseholdStatus } from "../helpers/fixtures.ts";
import { createHousehold, freshPlace } from "./fixtures.ts";

/**
 * The household list as a county grows: name search by prefix over an index, and totals from
 * the trigger-kept household_counts (db/migrations/tenant/0011_public_scale.sql) that must
 * always equal the rows the list pages through.
 */
type ListBody = { total: number; items: { id: number; headName: string }[] };

async function list(token: string, query: string): Promise<ListBody> {
  const res = await api("longquanyi", `/households?${query}`, { token });
  expect(res.status, await res.clone().text()).toBe(200);
  return (await res.json()) as ListBody;
}

describe("household list at county scale", () => {
  it("finds heads by surname or whole name (prefix), not by a character in the middle", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const a = await createHousehold("longquanyi", admin.token, { headName: "欧阳春花", villageCode });
    const b = await createHousehold("longquanyi", admin.token, { headName: "欧明亮", villageCode });
    await createHousehold("longquanyi", admin.token, { headName: "李欧", villageCode });
    const v = `villageCode=${villageCode}`;
    expect((await list(admin.token, `${v}&q=${encodeURIComponent("欧")}`)).items.map((h) => h.id).sort()).toEqual(
      [a.id, b.id].sort(),
    );
    expect((await list(admin.token, `${v}&q=${encodeURIComponent("欧阳")}`)).total).toBe(1);
    expect((await list(admin.token, `${v}&q=${encodeURIComponent("欧阳春花")}`)).total).toBe(1);
    expect((await list(admin.token, `${v}&q=${encodeURIComponent("春花")}`)).total).toBe(0);
    // LIKE wildcards are plain characters here.
    expect((await list(admin.token, `${v}&q=${encodeURIComponent("%")}`)).total).toBe(0);
  });

  it("totals by place and status follow registration and status changes, in and out of scope", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode, townshipCode } = await freshPlace("longquanyi", admin, 1);
    const made: { id: number }[] = [];
    for (const name of ["赵一", "赵二", "赵三"])
      made.push(await createHousehold("longquanyi", admin.token, { headName: name, villageCode }));
    const v = `villageCode=${villageCode}`;
    const all = await list(admin.token, `${v}&size=2`);
    expect(all.total).toBe(3);
    expect(all.items).toHaveLength(2);
    expect((await list(admin.token, `${v}&status=registered`)).total).toBe(3);
    await setHouseholdStatus("longquanyi", made[0]!.id, "exited");
    expect((await list(admin.token, `${v}&status=registered`)).total).toBe(2);
    expect((await list(admin.token, `${v}&status=exited`)).total).toBe(1);
    expect((await list(admin.token, `townshipCode=${townshipCode}`)).total).toBe(3);
    // A township officer of another township counts none of them.
    const other = await signIn("longquanyi", "township_officer", { townshipCode: "510112999" });
    expect((await list(other.token, v)).total).toBe(0);
  });
});
