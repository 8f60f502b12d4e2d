import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { cadre, household, place, unit, village } from "../helpers/fixtures.ts";

const T = "dazhou";
function upload(token: string, body: string) {
  return api(T, "/imports/pairings", { token, body, headers: { "Content-Type": "text/csv" } });
}
type Preview = {
  id: number;
  rowCount: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
};

describe("pairings CSV import", () => {
  it("reports every row error (row, column, Chinese message) and writes nothing", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v, townshipCode } = await place(T, ["poor"]);
    const dept = await unit(T, "party_government");
    const school = await unit(T, "school");
    const c = await cadre(T, dept.id);
    const h = await household(T, v.id);
    const csv = [
      "结对类型,帮扶方,被帮扶方,开始日期,目标责任书,备注",
      `单位包村,${dept.name},${v.code},2025-03-01,责任书1,`, // ok
      `富裕结对,${dept.name},${v.code},2025-03-01,,`, // bad kind
      `村企联建,${school.name},${v.code},2025-03-01,,`, // not an enterprise
      `干部结对户,${c.name}（${dept.name}）,110101199001011234,2025-03-01,,`, // bad ID check digit
      `干部结对户,${c.name}（${dept.name}）,${h.idNumber},2025-02-30,,`, // bad date
      `强村带弱村,${v.code},${v.code},2025-03-01,,`, // a poor village cannot be the strong helper (nor help itself)
      `单位包村,不存在的单位,${v.code},2025-03-01,,`,
      `单位包村,${dept.name},${townshipCode}999,2025-03-01,,`,
    ].join("\n");
    const res = await upload(admin.token, csv);
    expect(res.status).toBe(201);
    const preview = (await res.json()) as Preview;
    expect(preview.rowCount).toBe(8);
    expect(preview.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "结对类型" }),
        expect.objectContaining({ row: 4, column: "帮扶方", message: expect.stringContaining("企业") }),
        expect.objectContaining({ row: 5, column: "被帮扶方", message: expect.stringContaining("身份证号") }),
        expect.objectContaining({ row: 6, column: "开始日期" }),
        expect.objectContaining({ row: 7, column: "帮扶方", message: expect.stringContaining("须是强村") }),
        expect.objectContaining({ row: 8, column: "帮扶方" }),
        expect.objectContaining({ row: 9, column: "被帮扶方" }),
      ]),
    );
    expect(preview.errors.some((e) => e.row === 2)).toBe(false);
    const commit = await api(T, `/imports/${preview.id}/commit`, { method: "POST", token: admin.token });
    expect(commit.status).toBe(400);
    expect((await problem(commit)).detail).toContain("未导入任何数据");
    const list = (await (await api(T, `/pairings?villageId=${v.id}`, { token: admin.token })).json()) as {
      total: number;
    };
    expect(list.total).toBe(0);
  });

  it("imports a clean file at once, finding households by ID number and holding the rules across rows", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v, townshipCode } = await place(T, ["poor"]);
    const strong = await village(T, townshipCode, ["model"]);
    const dept = await unit(T, "party_government");
    const firm = await unit(T, "state_enterprise");
    const c = await cadre(T, dept.id);
    const hs = [];
    for (let i = 0; i < 7; i++) hs.push(await household(T, v.id));
    const rows = [
      `单位包村,${dept.name},${v.code},2025-03-01,龙组〔2025〕3号,`,
      `enterprise_village,${firm.name},${v.code},2025/3/1,,`,
      `强村带弱村,${strong.code},${v.code},2025-03-01,,`,
      `领导挂点,${c.id},${v.code},2025-03-01,,`,
      ...hs.slice(0, 5).map((h) => `干部结对户,${c.name}（${dept.name}）,${h.idNumber},2025-03-01,,1+5`),
    ];
    // Row 6 of the households would exceed the cap of 5; row with a household twice breaks the one-cadre rule.
    const tooMany = [
      ...rows,
      `干部结对户,${c.id},${hs[5]!.idNumber},2025-03-01,,`,
      `干部结对户,${(await cadre(T, dept.id)).id},${hs[0]!.idNumber},2025-03-01,,`,
    ];
    const bad = (await (
      await upload(admin.token, `结对类型,帮扶方,被帮扶方,开始日期,目标责任书,备注\n${tooMany.join("\n")}\n`)
    ).json()) as Preview;
    expect(bad.errors).toEqual([
      expect.objectContaining({ row: 11, column: "帮扶方", message: expect.stringContaining("上限") }),
      expect.objectContaining({ row: 12, column: "被帮扶方", message: expect.stringContaining("帮扶责任人") }),
    ]);

    const ok = (await (
      await upload(
        admin.token,
        `\ufeff结对类型*,帮扶方*,被帮扶方*,开始日期*,目标责任书,备注\r\n${rows.join("\r\n")}\r\n`,
      )
    ).json()) as Preview;
    expect(ok.errors).toEqual([]);
    const commit = await api(T, `/imports/${ok.id}/commit`, { method: "POST", token: admin.token });
    expect(commit.status, await commit.clone().text()).toBe(200);
    expect(await commit.json()).toMatchObject({ inserted: 9 });
    const list = (await (await api(T, `/pairings?villageId=${v.id}&status=active`, { token: admin.token })).json()) as {
      total: number;
    };
    expect(list.total).toBe(9);
    const paired = (await (await api(T, `/pairings?householdId=${hs[0]!.id}`, { token: admin.token })).json()) as {
      items: { helperCadreId: number; notes: string }[];
    };
    expect(paired.items[0]).toMatchObject({ helperCadreId: c.id, notes: "1+5" });
    // Exported list opens in Excel (BOM) and names both sides.
    const csv = await api(T, `/pairings/export?villageId=${v.id}`, { token: admin.token });
    const bytes = new Uint8Array(await csv.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("村企联建");
    expect(text).toContain(firm.name);
    // Importing the same file again finds the pairings already there.
    const again = (await (
      await upload(admin.token, `结对类型,帮扶方,被帮扶方,开始日期\n${rows[0]}\n`)
    ).json()) as Preview;
    expect(again.errors[0]?.message).toContain("已有相同");
  });

  it("is not open to cadres, and keeps a township officer to their township", async () => {
    const here = await place(T);
    const there = await place(T);
    const dept = await unit(T);
    const cadreUser = await signIn(T, "cadre");
    expect(
      (
        await upload(
          cadreUser.token,
          `结对类型,帮扶方,被帮扶方,开始日期\n单位包村,${dept.name},${here.village.code},2025-03-01\n`,
        )
      ).status,
    ).toBe(403);
    const officer = await signIn(T, "township_officer", { townshipCode: here.townshipCode });
    const p = (await (
      await upload(
        officer.token,
        `结对类型,帮扶方,被帮扶方,开始日期\n单位包村,${dept.name},${there.village.code},2025-03-01\n单位包村,${dept.name},${here.village.code},2025-03-01\n`,
      )
    ).json()) as Preview;
    expect(p.errors).toEqual([expect.objectContaining({ row: 2, message: expect.stringContaining("不在您管辖") })]);
  });
});
