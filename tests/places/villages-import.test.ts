import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { createTownship, freshTownshipCode } from "../helpers/registry.ts";

function upload(tenant: string, token: string, entity: string, body: string | Uint8Array) {
  return api(tenant, `/imports/${entity}`, { token, body, headers: { "Content-Type": "text/csv" } });
}

/** "桃源村" and "贫困村" in GB18030, as Excel on a Chinese Windows saves CSV. */
const GB = {
  header: [
    0xb4, 0xe5, 0xbc, 0xb6, 0xc7, 0xf8, 0xbb, 0xae, 0xb4, 0xfa, 0xc2, 0xeb, 0x2c, 0xb4, 0xe5, 0xc3, 0xfb, 0xb3, 0xc6,
    0x2c, 0xb4, 0xe5, 0xc0, 0xe0, 0xb1, 0xf0,
  ], // 村级区划代码,村名称,村类别
  taoyuan: [0xcc, 0xd2, 0xd4, 0xb4, 0xb4, 0xe5], // 桃源村
  pinkun: [0xc6, 0xb6, 0xc0, 0xa7, 0xb4, 0xe5], // 贫困村
};

describe("village CSV import", () => {
  it("previews row errors (row, column, message in Chinese) and commits nothing while any remain", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const t = freshTownshipCode("510112");
    await createTownship("longquanyi", admin.token, t);
    const csv = `村级区划代码,村名称,村类别\n${t}201,甲村,贫困村\n${t}20X,乙村,\n${t}203,,示范村\n${t}201,丙村,富裕村\n`;
    const res = await upload("longquanyi", admin.token, "villages", csv);
    expect(res.status).toBe(201);
    const preview = (await res.json()) as {
      id: number;
      rowCount: number;
      errorCount: number;
      errors: { row: number; column: string; message: string }[];
    };
    expect(preview.rowCount).toBe(4);
    expect(preview.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({ row: 3, column: "村级区划代码" }),
        expect.objectContaining({ row: 4, column: "村名称" }),
        expect.objectContaining({ row: 5, column: "村级区划代码", message: "文件中重复出现" }),
        expect.objectContaining({ row: 5, column: "村类别" }),
      ]),
    );
    const commit = await api("longquanyi", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token });
    expect(commit.status).toBe(400);
    expect((await problem(commit)).detail).toContain("未导入任何数据");
    const list = (await (await api("longquanyi", `/villages?townshipCode=${t}`, { token: admin.token })).json()) as {
      total: number;
    };
    expect(list.total).toBe(0);
  });

  it("imports a clean file all at once, exactly once", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const t = freshTownshipCode("510112");
    await createTownship("longquanyi", admin.token, t);
    const rows = Array.from(
      { length: 30 },
      (_, i) => `${t}${String(201 + i)},村${i},${i % 3 === 0 ? "贫困村、软弱涣散村" : ""}`,
    );
    const preview = (await (
      await upload(
        "longquanyi",
        admin.token,
        "villages",
        `\ufeff村级区划代码*,村名称*,村类别\r\n${rows.join("\r\n")}\r\n`,
      )
    ).json()) as { id: number; errorCount: number };
    expect(preview.errorCount).toBe(0);
    const commit = await api("longquanyi", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token });
    expect(commit.status).toBe(200);
    expect(await commit.json()).toMatchObject({ inserted: 30 });
    expect(
      (await api("longquanyi", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token })).status,
    ).toBe(409);
    const tagged = (await (
      await api("longquanyi", `/villages?townshipCode=${t}&tag=weak_party_org`, { token: admin.token })
    ).json()) as { total: number };
    expect(tagged.total).toBe(10);
  });

  it("reads GB18030 files as Excel writes them", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const t = freshTownshipCode("510112");
    await createTownship("longquanyi", admin.token, t);
    const enc = new TextEncoder();
    const bytes = new Uint8Array([
      ...GB.header,
      0x0d,
      0x0a,
      ...enc.encode(`${t}201,`),
      ...GB.taoyuan,
      0x2c,
      ...GB.pinkun,
      0x0d,
      0x0a,
    ]);
    const preview = (await (await upload("longquanyi", admin.token, "villages", bytes)).json()) as {
      id: number;
      encoding: string;
      errorCount: number;
    };
    expect(preview.encoding).toBe("gb18030");
    expect(preview.errorCount).toBe(0);
    expect(
      (await api("longquanyi", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token })).status,
    ).toBe(200);
    const v = (await (await api("longquanyi", `/villages/${t}201`, { token: admin.token })).json()) as {
      name: string;
      tags: string[];
    };
    expect(v).toMatchObject({ name: "桃源村", tags: ["poor"] });
  });

  it("refuses a file that is missing a required column, naming it", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const preview = (await (await upload("longquanyi", admin.token, "villages", "名称\n甲村\n")).json()) as {
      errorCount: number;
      errors: { message: string }[];
    };
    expect(preview.errorCount).toBe(1);
    expect(preview.errors[0]!.message).toContain("村级区划代码");
  });

  it("offers a template, and keeps other roles and tenants out", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const tpl = await api("longquanyi", "/imports/villages/template", { token: admin.token });
    expect(new TextDecoder().decode(await tpl.arrayBuffer())).toContain("村级区划代码*");
    const finance = await signIn("longquanyi", "finance_officer");
    expect((await upload("longquanyi", finance.token, "villages", "x")).status).toBe(403);
    expect((await upload("longquanyi", admin.token, "dragons", "x")).status).toBe(404);
    const preview = (await (await upload("longquanyi", admin.token, "villages", "村级区划代码,村名称\n")).json()) as {
      id: number;
    };
    const other = await signIn("pingchuan", "county_admin");
    expect(
      (await api("pingchuan", `/imports/${preview.id}/commit`, { method: "POST", token: other.token })).status,
    ).toBe(404);
  });
});

describe("staged import files", () => {
  it("keep no personal data in plain text: encrypted while staged, emptied after commit", async () => {
    const { env } = await import("cloudflare:test");
    const admin = await signIn("pingchuan", "county_admin");
    const t = freshTownshipCode("620403");
    await createTownship("pingchuan", admin.token, t);
    const preview = (await (
      await upload("pingchuan", admin.token, "villages", `村级区划代码,村名称\n${t}201,私密村\n`)
    ).json()) as { id: number };
    const staged = await env.TENANT_PINGCHUAN.prepare("SELECT content FROM csv_imports WHERE id = ?")
      .bind(preview.id)
      .first<{ content: string }>();
    expect(staged!.content).not.toContain("私密村");
    expect(
      (await api("pingchuan", `/imports/${preview.id}/commit`, { method: "POST", token: admin.token })).status,
    ).toBe(200);
    const after = await env.TENANT_PINGCHUAN.prepare("SELECT content FROM csv_imports WHERE id = ?")
      .bind(preview.id)
      .first<{ content: string }>();
    expect(after!.content).toBe("");
  });
});
