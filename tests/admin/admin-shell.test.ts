import { describe, expect, it } from "vitest";
import { call, postForm } from "../helpers/http.ts";
import { csrfOf, sessionCookieOf } from "../helpers/html.ts";
import { makeUser, signIn, uniqueName } from "../helpers/users.ts";

describe("admin UI shell", () => {
  it("shows a zh-CN login page with a Content-Security-Policy and other secure headers", async () => {
    const res = await call("/t/longquanyi/admin/login");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain("登录管理后台");
    expect(html).toContain("成都市龙泉驿区");
    expect(res.headers.get("content-security-policy")).toContain("default-src 'self'");
    expect(res.headers.get("content-security-policy")).toContain("frame-ancestors 'none'");
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
  });

  it("signs in through the form and lands on the dashboard with the tenant's name and the user", async () => {
    const u = await makeUser("longquanyi", "county_admin");
    const res = await postForm("/t/longquanyi/admin/login", { username: u.username, password: u.password });
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/t/longquanyi/admin");
    const dash = await call("/t/longquanyi/admin", { headers: { Cookie: sessionCookieOf(res) } });
    const html = await dash.text();
    expect(html).toContain("工作台");
    expect(html).toContain("成都市龙泉驿区");
    expect(html).toContain("测试county_admin");
    expect(html).toContain("退出");
  });

  it("re-renders the login form with a message on a wrong password", async () => {
    const u = await makeUser("longquanyi", "cadre");
    const res = await postForm("/t/longquanyi/admin/login", { username: u.username, password: "nope-nope" });
    expect(res.status).toBe(401);
    expect(await res.text()).toContain("用户名或密码错误");
  });

  it("refuses a login form posted from another site", async () => {
    const u = await makeUser("longquanyi", "cadre");
    const res = await postForm(
      "/t/longquanyi/admin/login",
      { username: u.username, password: u.password },
      { origin: "https://evil.example" },
    );
    expect(res.status).toBe(403);
  });

  it("sends visitors without a session to the login page, remembering where they were going", async () => {
    const res = await call("/t/longquanyi/admin/users");
    expect(res.status).toBe(303);
    expect(res.headers.get("location")).toBe("/t/longquanyi/admin/login?next=%2Ft%2Flongquanyi%2Fadmin%2Fusers");
  });

  it("shows navigation by role", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const finance = await signIn("longquanyi", "finance_officer");
    const auditor = await signIn("longquanyi", "auditor");
    const nav = async (cookie: string) =>
      (await (await call("/t/longquanyi/admin", { headers: { Cookie: cookie } })).text()).match(
        /<nav[\s\S]*?<\/nav>/,
      )![0];
    expect(await nav(admin.cookie)).toContain("用户管理");
    expect(await nav(admin.cookie)).toContain("审计日志");
    expect(await nav(finance.cookie)).not.toContain("用户管理");
    expect(await nav(finance.cookie)).not.toContain("审计日志");
    expect(await nav(auditor.cookie)).toContain("审计日志");
    expect((await call("/t/longquanyi/admin/users/new", { headers: { Cookie: finance.cookie } })).status).toBe(403);
  });

  it("creates a user from the form, and shows field errors in Chinese next to the fields", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const page = await (await call("/t/longquanyi/admin/users/new", { headers: { Cookie: admin.cookie } })).text();
    const csrf = csrfOf(page);
    const bad = await postForm(
      "/t/longquanyi/admin/users",
      { _csrf: csrf, username: "X", displayName: "", role: "", password: "short" },
      { cookie: admin.cookie },
    );
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("用户名为 3–32 位");
    expect(html).toContain("密码至少 8 位");
    expect(html).toContain('aria-invalid="true"');
    const username = uniqueName("form");
    const good = await postForm(
      "/t/longquanyi/admin/users",
      { _csrf: csrf, username, displayName: "周八", role: "cadre", password: "initial-pass-1" },
      { cookie: admin.cookie },
    );
    expect(good.status).toBe(303);
    const detail = await (await call(good.headers.get("location")!, { headers: { Cookie: admin.cookie } })).text();
    expect(detail).toContain("用户已创建");
    expect(detail).toContain(username);
  });

  it("refuses an admin form without the session's CSRF token", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const res = await postForm(
      "/t/longquanyi/admin/users",
      { _csrf: "forged", username: uniqueName("x"), displayName: "x", role: "cadre", password: "initial-pass-1" },
      { cookie: admin.cookie },
    );
    expect(res.status).toBe(403);
  });

  it("logs out from the header button and the session is gone", async () => {
    const s = await signIn("longquanyi", "cadre");
    const page = await (await call("/t/longquanyi/admin", { headers: { Cookie: s.cookie } })).text();
    const out = await postForm("/t/longquanyi/admin/logout", { _csrf: csrfOf(page) }, { cookie: s.cookie });
    expect(out.status).toBe(303);
    expect(out.headers.get("set-cookie")).toContain("bangfu_session=;");
    expect((await call("/t/longquanyi/admin", { headers: { Cookie: s.cookie } })).status).toBe(303);
  });

  it("shows the audit page with a chain check to auditors", async () => {
    const auditor = await signIn("longquanyi", "auditor");
    const html = await (
      await call("/t/longquanyi/admin/audit?verify=1", { headers: { Cookie: auditor.cookie } })
    ).text();
    expect(html).toContain("全部通过");
    expect(html).toContain("登录");
  });

  it("answers unknown admin pages with a zh-CN 404 page", async () => {
    const s = await signIn("longquanyi", "county_admin");
    const res = await call("/t/longquanyi/admin/nothing-here", { headers: { Cookie: s.cookie } });
    expect(res.status).toBe(404);
    expect(await res.text()).toContain("未找到");
  });
});

describe("API description", () => {
  it("publishes an OpenAPI 3.1 document generated from the routes", async () => {
    const res = await call("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { openapi: string; paths: Record<string, Record<string, unknown>> };
    expect(doc.openapi).toBe("3.1.0");
    expect(Object.keys(doc.paths)).toEqual(
      expect.arrayContaining([
        "/t/{tenant}/api/v1/auth/login",
        "/t/{tenant}/api/v1/users/{id}",
        "/t/{tenant}/api/v1/audit/verify",
      ]),
    );
    expect(JSON.stringify(doc.paths["/t/{tenant}/api/v1/users"])).toContain("UserCreate");
  });

  it("has a readable docs page", async () => {
    const res = await call("/api/v1/docs");
    expect(res.status).toBe(200);
    const html = await res.text();
    expect(html).toContain("/t/{tenant}/api/v1/users");
    expect(html).toContain("validation_failed");
  });
});
