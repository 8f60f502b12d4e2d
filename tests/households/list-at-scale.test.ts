import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn, TENANT_DB, uniqueName } from "../helpers/users.ts";
import { setHouseholdStatus } from "../helpers/fixtures.ts";
import { createHousehold, freshPlace } from "./fixtures.ts";

/**
 * The household list as a county grows: name search by prefix over an index, and totals from
 * the trigger-kept household_counts (db/migrations/tenant/0011_public_scale.sql) that must
 * always equal the rows the list pages through.
 */
type ListBody = { total: number; totalCapped: boolean; items: { id: number; headName: string }[] };

/** `n` households named `<prefix>0001`… in one village, written straight into the database (setup). */
async function manyNamed(villageCode: string, prefix: string, n: number): Promise<void> {
  const db = TENANT_DB.longquanyi!;
  const v = await db.prepare("SELECT id FROM villages WHERE code = ?").bind(villageCode).first<{ id: number }>();
  await db
    .prepare(
      `INSERT INTO households (village_id, head_name, id_number_enc, id_number_hash, self_query_hash, id_number_last4, id_number_first4, status)
       WITH RECURSIVE k(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM k WHERE i < ?)
       SELECT ?, ? || printf('%04d', i), 'v1.x.y', ? || i, ? || i, '0000', '5101', 'poor' FROM k`,
    )
    .bind(n, v!.id, prefix, `h-${prefix}-`, `sq-${prefix}-`)
    .run();
}

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

  it("lists a name search in name order, only within the user's scope", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const here = await freshPlace("longquanyi", admin);
    const there = await freshPlace("longquanyi", admin);
    const surname = uniqueName("覃");
    const b = await createHousehold("longquanyi", admin.token, {
      headName: `${surname}乙`,
      villageCode: here.villageCode,
    });
    const a = await createHousehold("longquanyi", admin.token, {
      headName: `${surname}甲`,
      villageCode: there.villageCode,
    });
    const c = await createHousehold("longquanyi", admin.token, {
      headName: `${surname}丙`,
      villageCode: here.villageCode,
    });
    const q = `q=${encodeURIComponent(surname)}`;
    const all = await list(admin.token, q);
    // Name order (the index's: code points, 丙 乙 甲), whatever the village.
    expect(all.items.map((h) => h.headName)).toEqual([c, a, b].map((h) => h.headName).sort());
    expect(all).toMatchObject({ total: 3, totalCapped: false });
    const officer = await signIn("longquanyi", "township_officer", { townshipCode: here.townshipCode });
    const mine = await list(officer.token, q);
    expect(mine.items.map((h) => h.id).sort()).toEqual([b.id, c.id].sort());
    expect(mine.total).toBe(2);
    // Paging walks the same order.
    const second = await list(admin.token, `${q}&size=2&page=2`);
    expect(second.items.map((h) => h.headName)).toEqual([all.items[2]!.headName]);
  });

  it("counts a name search no further than 1000 matches and says so", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode, townshipCode } = await freshPlace("longquanyi", admin);
    const prefix = uniqueName("蒯");
    await manyNamed(villageCode, prefix, 1003);
    const q = `q=${encodeURIComponent(prefix)}`;
    const first = await list(admin.token, `${q}&size=200`);
    expect(first).toMatchObject({ total: 1000, totalCapped: true });
    expect(first.items.map((h) => h.headName)).toEqual(
      Array.from({ length: 200 }, (_, i) => `${prefix}${String(i + 1).padStart(4, "0")}`),
    );
    // The last listed page ends at the 1000th match; past it nothing is listed.
    const last = await list(admin.token, `${q}&size=200&page=5`);
    expect(last.items.at(-1)!.headName).toBe(`${prefix}1000`);
    expect((await list(admin.token, `${q}&size=200&page=6`)).items).toEqual([]);
    // A fuller name is exact again.
    expect(await list(admin.token, `q=${encodeURIComponent(`${prefix}100`)}`)).toMatchObject({
      total: 4,
      totalCapped: false,
    });
    // The admin page says the list was cut and asks for a narrower search.
    const page = await call(`/t/longquanyi/admin/households?${q}&townshipCode=${townshipCode}`, {
      headers: { Cookie: admin.cookie },
    });
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("超过 1000 户");
  });
});
