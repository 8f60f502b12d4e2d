import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { hashPassword } from "../../workers/auth/password.ts";
import { TENANT_STATUSES } from "../../db/schema/control/tenants.ts";
import { TENANT_STATUS_LABELS } from "../../web/i18n/zh-CN.ts";
import { call, postForm } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";

/**
 * Platform operators (issue 13): their own sign-in against CONTROL, the fleet list as a page and
 * as JSON, and the platform home grouped by province and paged.
 */
const PASSWORD = "operator-pass-1";

async function makeOperator(username: string): Promise<void> {
  await env.CONTROL.prepare("INSERT INTO operators (username, password_hash) VALUES (?, ?)")
    .bind(username, await hashPassword(PASSWORD))
    .run();
}

async function operatorToken(username: string): Promise<string> {
  const res = await call("/api/v1/platform/login", { json: { username, password: PASSWORD } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { token: string }).token;
}

describe("platform operators", () => {
  beforeAll(async () => {
    await makeOperator("ops-a");
    await makeOperator("ops-locked");
  });

  it("lists the fleet with status and schema version to a signed-in operator only", async () => {
    expect((await call("/api/v1/platform/tenants")).status).toBe(401);
    const token = await operatorToken("ops-a");
    const res = await call("/api/v1/platform/tenants", { token });
    expect(res.status).toBe(200);
    const body = (await res.json()) as {
      items: { slug: string; status: string; schemaVersion: number; sizeBytes: number; bound: boolean }[];
      total: number;
    };
    expect(body.total).toBe(3);
    const lq = body.items.find((t) => t.slug === "longquanyi")!;
    expect(lq).toMatchObject({ status: "active", bound: true });
    expect(lq.schemaVersion).toBeGreaterThanOrEqual(10);
    expect(lq.sizeBytes).toBeGreaterThan(0);
  });

  it("filters by province and refuses a malformed filter with a 400", async () => {
    const token = await operatorToken("ops-a");
    const res = await call("/api/v1/platform/tenants?province=62", { token });
    const body = (await res.json()) as { items: { slug: string }[] };
    expect(body.items.map((t) => t.slug)).toEqual(["pingchuan"]);
    expect((await call("/api/v1/platform/tenants?province=6x", { token })).status).toBe(400);
    expect((await call("/api/v1/platform/tenants?size=5000", { token })).status).toBe(400);
  });

  it("does not accept a tenant administrator's session", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    expect((await call("/api/v1/platform/tenants", { token: admin.token })).status).toBe(401);
  });

  it("answers a wrong password with 401 and locks the account after five failures", async () => {
    for (let i = 0; i < 5; i++) {
      const res = await call("/api/v1/platform/login", { json: { username: "ops-locked", password: "wrong-pass" } });
      expect(res.status).toBe(401);
    }
    const locked = await call("/api/v1/platform/login", { json: { username: "ops-locked", password: PASSWORD } });
    expect(locked.status).toBe(429);
  });

  it("signs in through the page with a cookie scoped to /platform and shows the list", async () => {
    expect((await call("/platform/tenants")).headers.get("location")).toBe("/platform/login");
    const login = await postForm("/platform/login", { username: "ops-a", password: PASSWORD });
    expect(login.status).toBe(303);
    const cookie = login.headers.get("set-cookie")!;
    expect(cookie).toContain("Path=/platform");
    expect(cookie).toContain("HttpOnly");
    const page = await call("/platform/tenants", { headers: { cookie: cookie.split(";")[0]! } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("成都市龙泉驿区");
    expect(html).toContain("数据库版本");
    const wrong = await postForm("/platform/login", { username: "ops-a", password: "nope-nope" });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("用户名或密码不正确");
  });

  it("has a zh-CN label for every tenant status", () => {
    expect(Object.keys(TENANT_STATUS_LABELS)).toEqual([...TENANT_STATUSES]);
  });
});

describe("platform home", () => {
  it("groups tenants by province and filters by province", async () => {
    const html = await (await call("/")).text();
    expect(html).toContain("<h2>四川省</h2>");
    expect(html).toContain("<h2>甘肃省</h2>");
    expect(html).toContain("共 3 条");
    const gansu = await (await call("/?province=62")).text();
    expect(gansu).toContain("白银市平川区");
    expect(gansu).not.toContain("达州市");
  });

  it("hides a tenant that is still provisioning, everywhere", async () => {
    await env.CONTROL.prepare(
      "INSERT INTO tenants (slug, name, level, division_code, binding, status) VALUES ('halfway', '未开通县', 'county', '510199', 'TENANT_HALFWAY', 'provisioning')",
    ).run();
    expect(await (await call("/")).text()).not.toContain("未开通县");
    expect((await call("/t/halfway/")).status).toBe(404);
  });
});
