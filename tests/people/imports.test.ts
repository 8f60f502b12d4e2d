import { describe, expect, it } from "vitest";
import { env } from "cloudflare:test";
import { api, problem } from "../helpers/http.ts";
import { signIn, uniqueName } from "../helpers/users.ts";
import { createCadre, createUnit, freshPhone } from "./fixtures.ts";

function upload(tenant: string, token: string, entity: string, body: string) {
  return api(tenant, `/imports/${entity}`, { token, body, headers: { "Content-Type": "text/csv" } });
}
type Preview = {
  id: number;
  rowCount: number;
  errorCount: number;
  errors: { row: number; column: string; message: string }[];
};

describe("units CSV import", () => {
  it("reports every bad row and imports nothing while any remain; a clean file imports all at once", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const existing = await createUnit("pingchuan", admin.token);
    const tag = uniqueName("导入");
    const csv = `单位名称,单位类别,单位层级,联系方式\n${tag}甲,党政机关,县直,\n${existing.name},学校,乡镇,\n${tag}乙,银行,县直,\n${tag}甲,医院,省部,\n`;
    const preview = (await (await upload("pingchuan", admin.token, "units", csv)).json()) as Preview;
    expect(preview.rowCount).toBe(4);
    expect(preview.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "单位名称", message: "已有同名单位" }),
        expect.objectContaining({ row: 4, column: "单位类别" }),
        expect.objectContaining({ row: 5, column: "单位名称", message: "文件中重复出现" }),
        expect.objectContaining({ row: 5, column: "单位层级" }),
      ]),
    );
    const commit = await api("pingchuan", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token });
    expect(commit.status).toBe(400);
    expect((await problem(commit)).detail).toContain("未导入任何数据");
    expect(
      (
        (await (await api("pingchuan", `/units?q=${encodeURIComponent(tag)}`, { token: admin.token })).json()) as {
          total: number;
        }
      ).total,
    ).toBe(0);

    const good = `\ufeff单位名称*,单位类别*,单位层级*\r\n${tag}甲,党政机关,县直\r\n${tag}乙,state_enterprise,city\r\n${tag}丙,医院,乡镇\r\n`;
    const p2 = (await (await upload("pingchuan", admin.token, "units", good)).json()) as Preview;
    expect(p2.errorCount).toBe(0);
    expect(
      await (await api("pingchuan", `/imports/${p2.id}/commit`, { method: "POST", token: admin.token })).json(),
    ).toMatchObject({ inserted: 3 });
    const list = (await (
      await api("pingchuan", `/units?q=${encodeURIComponent(tag)}&kind=state_enterprise`, { token: admin.token })
    ).json()) as { items: { level: string }[] };
    expect(list.items).toEqual([expect.objectContaining({ level: "city" })]);
    // Exported units import back as a template would.
    const exported = new TextDecoder().decode(
      await (
        await api("pingchuan", `/units/export?q=${encodeURIComponent(tag)}`, { token: admin.token })
      ).arrayBuffer(),
    );
    expect(exported).toContain(`${tag}乙,国有企业,市直`);
  });

  it("is for the county admin only", async () => {
    const officer = await signIn("pingchuan", "township_officer");
    expect((await upload("pingchuan", officer.token, "units", "单位名称,单位类别,单位层级\n")).status).toBe(403);
  });
});

describe("cadres CSV import", () => {
  it("resolves 单位名称, reports duplicates in the file and in the database per row, and is all-or-nothing", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const unit = await createUnit("pingchuan", admin.token);
    const known = freshPhone();
    const already = await createCadre("pingchuan", admin.token, unit.id, { phone: known });
    const [p1, p2] = [freshPhone(), freshPhone()];
    const csv = [
      "姓名,单位名称,职务,手机号,办公电话,是否党员,后备干部",
      `钱一,${unit.name},科员,${p1},,是,否`,
      `${already.name},${unit.name},,${known},,是,否`,
      `孙二,不存在的单位,,${p2},,是,否`,
      `钱一,${unit.name},科长,${p1},,否,是`,
      `李三,${unit.name},,12345,,也许,`,
    ].join("\n");
    const preview = (await (await upload("pingchuan", admin.token, "cadres", csv)).json()) as Preview;
    expect(preview.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "姓名", message: expect.stringContaining("已登记") }),
        expect.objectContaining({ row: 4, column: "单位名称" }),
        expect.objectContaining({ row: 5, column: "姓名", message: expect.stringContaining("文件中重复出现") }),
        expect.objectContaining({ row: 6, column: "手机号" }),
        expect.objectContaining({ row: 6, column: "是否党员" }),
      ]),
    );
    expect(preview.errors.some((e) => e.row === 2)).toBe(false);
    expect(
      (await api("pingchuan", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token })).status,
    ).toBe(400);
    expect(
      (
        (await (await api("pingchuan", `/cadres?unitId=${unit.id}`, { token: admin.token })).json()) as {
          total: number;
        }
      ).total,
    ).toBe(1);

    const clean = [
      "姓名,单位名称,职务,手机号,是否党员,后备干部",
      `钱一,${unit.name},科员,${p1},是,否`,
      `孙二,${unit.name},,${p2},否,是`,
      `周四,${unit.name},,,,`,
    ].join("\r\n");
    const ok = (await (await upload("pingchuan", admin.token, "cadres", clean)).json()) as Preview;
    expect(ok.errorCount).toBe(0);
    expect(
      await (await api("pingchuan", `/imports/${ok.id}/commit`, { method: "POST", token: admin.token })).json(),
    ).toMatchObject({ inserted: 3 });
    const list = (await (
      await api("pingchuan", `/cadres?unitId=${unit.id}&reservePool=true`, { token: admin.token })
    ).json()) as { items: { name: string; partyMember: boolean; phoneMasked: string }[] };
    expect(list.items).toEqual([
      expect.objectContaining({ name: "孙二", partyMember: false, phoneMasked: `${p2.slice(0, 3)}****${p2.slice(7)}` }),
    ]);
    // Imported phones are encrypted like typed ones, and findable by hash.
    const raw = await env.TENANT_PINGCHUAN.prepare(
      "SELECT phone_enc, phone_hash FROM cadres WHERE unit_id = ? AND name = '钱一'",
    )
      .bind(unit.id)
      .first<{ phone_enc: string }>();
    expect(raw!.phone_enc).toMatch(/^v3\.k[0-9a-f]{8}\./);
    expect(JSON.stringify(raw)).not.toContain(p1);
    const byPhone = (await (await api("pingchuan", `/cadres?q=${p1}`, { token: admin.token })).json()) as {
      items: { name: string }[];
    };
    expect(byPhone.items.map((i) => i.name)).toEqual(["钱一"]);
    // The same file again: every row is now a duplicate.
    const again = (await (await upload("pingchuan", admin.token, "cadres", clean)).json()) as Preview;
    expect(again.errorCount).toBe(3);
  });
});
