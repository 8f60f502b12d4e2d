import { describe, expect, it } from "vitest";
import { api, call, problem } from "../helpers/http.ts";
import { signIn, uniqueName } from "../helpers/users.ts";
import { adminOf, paidBatch, publicVillage } from "../public/fixtures.ts";

/** Issue 10: no dead ends, no raw output (the browser crawl covers the demo data, this the rules). */
const T = "longquanyi";
const page = async (path: string, cookie?: string) => {
  const res = await call(path, cookie ? { headers: { Cookie: cookie } } : {});
  return { status: res.status, html: await res.text() };
};

describe("error pages have a way back", () => {
  it("signed in: a missing admin page keeps the menu and links one level up and to the dashboard", async () => {
    const admin = await signIn(T, "county_admin");
    const r = await page(`/t/${T}/admin/households/99999999/nothing`, admin.cookie);
    expect(r.status).toBe(404);
    expect(r.html).toContain('aria-label="主导航"');
    expect(r.html).toContain(`<a href="/t/${T}/admin/households/99999999">返回上一级</a>`);
    expect(r.html).toContain(`<a href="/t/${T}/admin">返回工作台</a>`);
  });

  it("a refused admin page (403) keeps the menu too", async () => {
    const finance = await signIn(T, "finance_officer");
    const r = await page(`/t/${T}/admin/feedback`, finance.cookie);
    expect(r.status).toBe(403);
    expect(r.html).toContain('aria-label="主导航"');
    expect(r.html).toContain("返回工作台");
  });

  it("a villager's missing page links to the tenant's public home", async () => {
    const r = await page(`/t/${T}/notices/99999999`);
    expect(r.status).toBe(404);
    expect(r.html).toContain(`<a href="/t/${T}/">返回成都市龙泉驿区公开首页</a>`);
  });
});

describe("menus and buttons follow the permission table", () => {
  it("finance sees no 意见建议 and no CSV import of villages or pairings; the county admin does", async () => {
    const finance = await signIn(T, "finance_officer");
    const admin = await signIn(T, "county_admin");
    const dash = await page(`/t/${T}/admin`, finance.cookie);
    expect(dash.html).not.toContain(`href="/t/${T}/admin/feedback"`);
    for (const list of ["villages", "pairings"]) {
      expect((await page(`/t/${T}/admin/${list}`, finance.cookie)).html).not.toContain(`/admin/imports/${list}"`);
      expect((await page(`/t/${T}/admin/${list}`, admin.cookie)).html).toContain(`/admin/imports/${list}"`);
      expect((await page(`/t/${T}/admin/imports/${list}`, finance.cookie)).status).toBe(403);
    }
    expect((await page(`/t/${T}/admin`, admin.cookie)).html).toContain(`href="/t/${T}/admin/feedback"`);
  });

  it("the batches page links to 资金报表, and that page exists", async () => {
    const finance = await signIn(T, "finance_officer");
    const list = await page(`/t/${T}/admin/batches`, finance.cookie);
    const href = list.html.match(/<a href="([^"]+)">查看资金报表 →<\/a>/)?.[1];
    expect(href).toBe(`/t/${T}/admin/reports`);
    expect((await page(href!, finance.cookie)).status).toBe(200);
  });
});

describe("messages and values in plain Chinese", () => {
  it("validation names the field and the limit, never zod's type words", async () => {
    const login = await problem(await api(T, "/auth/login", { json: { username: "u".repeat(65), password: "x" } }));
    expect(login.status).toBe(400);
    expect(login.errors).toContainEqual({ field: "username", message: "用户名不能超过 64 个字" });
    const admin = await signIn(T, "county_admin");
    const audit = await problem(await api(T, "/audit?limit=500", { token: admin.token }));
    expect(audit.errors).toContainEqual({ field: "limit", message: "条数不能大于 200" });
    expect(JSON.stringify([login, audit])).not.toMatch(/期望|string|number/);
  });

  it("the audit log shows an entry as labelled fields with Chinese values, the raw record folded away", async () => {
    const admin = await signIn(T, "county_admin");
    const name = uniqueName("审计单位");
    const created = await api(T, "/units", {
      token: admin.token,
      json: { name, kind: "state_enterprise", level: "county" },
    });
    expect(created.status).toBe(201);
    const r = await page(`/t/${T}/admin/audit?action=unit.create`, admin.cookie);
    const row = r.html.split("<tr>").find((tr) => tr.includes(name))!;
    expect(row).toContain('<span class="muted">类别：</span>国有企业');
    expect(row).toContain('<span class="muted">层级：</span>县直');
    expect(row).toContain(`<span class="muted">名称：</span>${name}`);
    // The exact recorded text (what the hash covers) is still there, behind 原始记录.
    const visible = row.replace(/<details class="raw">[\s\S]*?<\/details>/, "");
    expect(row).toContain("原始记录");
    expect(visible).not.toContain("state_enterprise");
    expect(visible).not.toMatch(/\{&quot;|\{"/);
  });
});

describe("printable notice (公示) for the paper board", () => {
  it("has the whole list, the period, a QR code to the notice page, and is linked from both notice pages", async () => {
    const v = await publicVillage(T, 2);
    const admin = await adminOf(T);
    const { noticeId } = await paidBatch(T, admin, v.households, 50_000, { pay: false });
    const print = await page(`/t/${T}/notices/${noticeId}/print`);
    expect(print.status).toBe(200);
    expect(print.html).toContain("<svg");
    expect(print.html).toContain(`/t/${T}/notices/${noticeId}</span>`);
    expect(print.html).toContain("公示期：");
    expect(print.html).toContain("名单（共 2 条，姓名已脱敏）");
    expect(print.html).toContain("@page{size:A4");
    const link = `href="/t/${T}/notices/${noticeId}/print"`;
    expect((await page(`/t/${T}/notices/${noticeId}`)).html).toContain(link);
    expect((await page(`/t/${T}/admin/notices/${noticeId}`, admin.cookie)).html).toContain(link);
    expect((await page(`/t/${T}/notices/99999999/print`)).status).toBe(404);
  });
});
