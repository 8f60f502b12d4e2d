import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { makeIdNumber } from "../../workers/lib/id-number.ts";
import { createHousehold, freshPlace, newIdNumber } from "./fixtures.ts";

function upload(tenant: string, token: string, body: string | Uint8Array) {
  return api(tenant, "/imports/households", { token, body, headers: { "Content-Type": "text/csv" } });
}
type Preview = {
  id: number;
  rowCount: number;
  errorCount: number;
  encoding: string;
  errors: { row: number; column: string; message: string }[];
};
const HEADER = "户主姓名,身份证号,联系电话,村级区划代码,村民小组,家庭人口,贫困户属性,户类型/状态,致贫原因,识别年度";

/** The i-th ID number of a bulk file: distinct birth dates, serial 9xx (never used by newIdNumber's 1950–1999 dates with this county and serial). */
function bulkId(county: string, i: number): string {
  const year = 1930 + Math.floor(i / 336);
  const month = 1 + (Math.floor(i / 28) % 12);
  const day = 1 + (i % 28);
  return makeIdNumber(
    `${county}${year}${String(month).padStart(2, "0")}${String(day).padStart(2, "0")}9${String(i % 100).padStart(2, "0")}`,
  );
}

describe("household CSV import", () => {
  it("reports row errors per column (bad check digit, duplicates in file and database, unknown labels) and writes nothing", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const existing = newIdNumber();
    await createHousehold("longquanyi", admin.token, { idNumber: existing, villageCode });
    const good1 = newIdNumber();
    const good2 = newIdNumber();
    const badCheck = good2.slice(0, 17) + (good2[17] === "1" ? "2" : "1");
    const rows = [
      `张一,${good1},13800000001,${villageCode},,3,一般贫困户,未脱贫,因病、缺技术,2016`,
      `张二,${badCheck},,${villageCode},,2,,,,`,
      `张三,${good1},,${villageCode},,2,,,,`,
      `张四,${existing},,${villageCode},,2,,,,`,
      `张五,${newIdNumber()},12345,${villageCode.slice(0, 9)}999,九组,0,富裕户,已致富,懒惰,16`,
      `张六,${newIdNumber()},,${villageCode},,2,低保户,边缘易致贫户,因灾,2020`,
    ];
    const res = await upload("longquanyi", admin.token, `${HEADER}\n${rows.join("\n")}\n`);
    expect(res.status).toBe(201);
    const preview = (await res.json()) as Preview;
    expect(preview.rowCount).toBe(6);
    expect(preview.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "身份证号", message: expect.stringContaining("校验位") }),
        expect.objectContaining({ row: 4, column: "身份证号", message: "与第 2 行的身份证号重复" }),
        expect.objectContaining({ row: 5, column: "身份证号", message: "该身份证号已登记" }),
        expect.objectContaining({ row: 6, column: "联系电话" }),
        expect.objectContaining({ row: 6, column: "村级区划代码" }),
        expect.objectContaining({ row: 6, column: "家庭人口" }),
        expect.objectContaining({ row: 6, column: "贫困户属性" }),
        expect.objectContaining({ row: 6, column: "户类型/状态" }),
        expect.objectContaining({ row: 6, column: "致贫原因" }),
        expect.objectContaining({ row: 6, column: "识别年度" }),
      ]),
    );
    expect(preview.errors.some((e) => e.row === 2 || e.row === 7)).toBe(false);
    const commit = await api("longquanyi", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token });
    expect(commit.status).toBe(400);
    expect((await problem(commit)).detail).toContain("未导入任何数据");
    const list = (await (
      await api("longquanyi", `/households?villageCode=${villageCode}`, { token: admin.token })
    ).json()) as { total: number };
    expect(list.total).toBe(1);
  });

  it("imports a clean file with labels or keys, encrypting ID numbers and phones", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    await api("longquanyi", `/villages/${villageCode}/groups`, { token: admin.token, json: { name: "一组" } });
    const a = newIdNumber();
    const csv = `\ufeff${HEADER}\r\n王五,${a},13912340000,${villageCode},一组,4,低保贫困户,边缘易致贫户,因病、缺技术,2016\r\n赵六,${newIdNumber()},,${villageCode},,1,extreme_hardship,poor,lack_labour,2015\r\n`;
    const preview = (await (await upload("longquanyi", admin.token, csv)).json()) as Preview;
    expect(preview.errors).toEqual([]);
    const commit = await api("longquanyi", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token });
    expect(commit.status).toBe(200);
    const found = (await (await api("longquanyi", `/households?idNumber=${a}`, { token: admin.token })).json()) as {
      items: Record<string, unknown>[];
    };
    expect(found.items[0]).toMatchObject({
      headName: "王五",
      groupName: "一组",
      memberCount: 4,
      type: "minimum_living",
      // The status column is a proposal: registered 待认定 until its decision's 公示 ends.
      status: "registered",
      monitorKind: null,
      causes: ["illness", "lack_skills"],
      yearIdentified: 2016,
      phoneMasked: "139****0000",
    });
    const raw = await env.TENANT_LONGQUANYI.prepare("SELECT * FROM households WHERE id = ?")
      .bind(found.items[0]!.id)
      .first();
    expect(JSON.stringify(raw)).not.toContain(a);
    expect(JSON.stringify(raw)).not.toContain("13912340000");
    const list = (await (
      await api("longquanyi", `/households?villageCode=${villageCode}&status=registered`, { token: admin.token })
    ).json()) as { total: number };
    expect(list.total).toBe(2);
  });

  it("reads a GB18030 file as Excel on Chinese Windows writes it", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const { villageCode } = await freshPlace("pingchuan", admin);
    const id = newIdNumber("pingchuan");
    const GB = {
      header: [
        187, 167, 214, 247, 208, 213, 195, 251, 44, 201, 237, 183, 221, 214, 164, 186, 197, 44, 180, 229, 188, 182, 199,
        248, 187, 174, 180, 250, 194, 235, 44, 198, 182, 192, 167, 187, 167, 202, 244, 208, 212, 44, 187, 167, 192, 224,
        208, 205, 47, 215, 180, 204, 172, 44, 214, 194, 198, 182, 212, 173, 210, 242,
      ], // 户主姓名,身份证号,村级区划代码,贫困户属性,户类型/状态,致贫原因
      name: [213, 212, 204, 250, 214, 249], // 赵铁柱
      type: [181, 205, 177, 163, 198, 182, 192, 167, 187, 167], // 低保贫困户
      status: [177, 223, 212, 181, 210, 215, 214, 194, 198, 182, 187, 167], // 边缘易致贫户
      causes: [210, 242, 178, 161, 161, 162, 200, 177, 188, 188, 202, 245], // 因病、缺技术
    };
    const enc = new TextEncoder();
    const bytes = new Uint8Array([
      ...GB.header,
      13,
      10,
      ...GB.name,
      44,
      ...enc.encode(`${id},${villageCode},`),
      ...GB.type,
      44,
      ...GB.status,
      44,
      ...GB.causes,
      13,
      10,
    ]);
    const preview = (await (await upload("pingchuan", admin.token, bytes)).json()) as Preview;
    expect(preview.encoding).toBe("gb18030");
    expect(preview.errors).toEqual([]);
    expect(
      (await api("pingchuan", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token })).status,
    ).toBe(200);
    const found = (await (await api("pingchuan", `/households?idNumber=${id}`, { token: admin.token })).json()) as {
      items: Record<string, unknown>[];
    };
    expect(found.items[0]).toMatchObject({
      headName: "赵铁柱",
      type: "minimum_living",
      status: "registered",
      monitorKind: null,
      causes: ["illness", "lack_skills"],
    });
  });

  it("keeps a township officer's import inside their township and cadres out", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const mine = await freshPlace("pingchuan", admin);
    const other = await freshPlace("pingchuan", admin);
    const officer = await signIn("pingchuan", "township_officer", { townshipCode: mine.townshipCode });
    const preview = (await (
      await upload(
        "pingchuan",
        officer.token,
        `${HEADER}\n甲,${newIdNumber("pingchuan")},,${other.villageCode},,1,,,,\n乙,${newIdNumber("pingchuan")},,${mine.villageCode},,1,,,,\n`,
      )
    ).json()) as Preview;
    expect(preview.errors).toEqual([expect.objectContaining({ row: 2, column: "村级区划代码" })]);
    const cadreUser = await signIn("pingchuan", "cadre");
    expect((await upload("pingchuan", cadreUser.token, `${HEADER}\n`)).status).toBe(403);
    const tpl = await api("pingchuan", "/imports/households/template", { token: admin.token });
    expect(new TextDecoder().decode(await tpl.arrayBuffer())).toContain("身份证号*");
  });

  it("imports 5,000 households in a handful of D1 statements", async () => {
    const admin = await signIn("dazhou", "county_admin");
    const { villageCode, villageCodes } = await freshPlace("dazhou", admin, 2);
    const lines = [HEADER];
    for (let i = 0; i < 5000; i++) {
      lines.push(
        `户主${i},${bulkId("511702", i)},139${String(i).padStart(8, "0")},${villageCodes[i % 2]},,${1 + (i % 6)},${i % 3 === 0 ? "低保贫困户" : "一般贫困户"},${i % 10 === 0 ? "待认定" : "未脱贫"},因病、缺资金,2016`,
      );
    }
    const res = await upload("dazhou", admin.token, `${lines.join("\r\n")}\r\n`);
    expect(res.status).toBe(201);
    const preview = (await res.json()) as Preview;
    expect(preview.errors).toEqual([]);
    expect(preview.rowCount).toBe(5000);
    const commit = await api("dazhou", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token });
    expect(commit.status, await commit.clone().text()).toBe(200);
    const result = (await commit.json()) as { inserted: number; statements: number };
    expect(result.inserted).toBe(5000);
    expect(result.statements).toBeLessThan(100);
    const count = await env.TENANT_DAZHOU.prepare(
      "SELECT count(*) AS n FROM households h JOIN villages v ON v.id = h.village_id WHERE v.code IN (?, ?)",
    )
      .bind(villageCodes[0], villageCodes[1])
      .first<{ n: number }>();
    expect(count!.n).toBe(5000);
    const exited = (await (
      await api("dazhou", `/households?villageCode=${villageCode}&status=registered&size=1`, { token: admin.token })
    ).json()) as { total: number };
    expect(exited.total).toBe(2500); // every household starts 待认定; the first village holds the even rows
    const proposed = await env.TENANT_DAZHOU.prepare(
      "SELECT count(*) AS n FROM household_decisions d JOIN households h ON h.id = d.household_id JOIN villages v ON v.id = h.village_id WHERE d.status = 'proposed' AND v.code IN (?, ?)",
    )
      .bind(villageCodes[0], villageCodes[1])
      .first<{ n: number }>();
    expect(proposed!.n).toBe(4500); // every row but the tenth ones (待认定) proposes 建档立卡
    const one = (await (
      await api("dazhou", `/households?idNumber=${bulkId("511702", 4321)}`, { token: admin.token })
    ).json()) as { items: { headName: string; phoneMasked: string }[] };
    expect(one.items[0]).toMatchObject({ headName: "户主4321", phoneMasked: "139****4321" });
    // Importing the same file again finds every row already registered.
    const again = (await (await upload("dazhou", admin.token, `${lines.slice(0, 3).join("\n")}\n`)).json()) as Preview;
    expect(again.errors.map((e) => e.message)).toEqual(["该身份证号已登记", "该身份证号已登记"]);
  }, 60_000);
});

describe("household CSV export", () => {
  it("exports the filtered list with masked ID numbers and phones only", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { villageCode } = await freshPlace("longquanyi", admin);
    const idNumber = newIdNumber();
    await createHousehold("longquanyi", admin.token, {
      idNumber,
      phone: "13566667777",
      villageCode,
      headName: "导出户",
      causes: ["illness", "disaster"],
    });
    const res = await api("longquanyi", `/households/export?villageCode=${villageCode}`, { token: admin.token });
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain("text/csv");
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const text = new TextDecoder().decode(bytes);
    expect(text).toContain("导出户");
    expect(text).toContain(`${idNumber.slice(0, 4)}**********${idNumber.slice(-4)}`);
    expect(text).toContain("135****7777");
    expect(text).toContain("因病、因灾");
    expect(text).not.toContain(idNumber);
    expect(text).not.toContain("13566667777");
    expect(text.trim().split(/\r\n/)).toHaveLength(2);
  });
});
