import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { api, call, problem } from "../helpers/http.ts";

describe("tenant resolution", () => {
  beforeAll(async () => {
    await env.CONTROL.batch([
      env.CONTROL.prepare(
        "INSERT INTO tenants (slug, name, level, division_code, binding, status) VALUES ('ghost', '无库县', 'county', '999901', 'TENANT_GHOST', 'active')",
      ),
      env.CONTROL.prepare(
        "INSERT INTO tenants (slug, name, level, division_code, binding, status) VALUES ('sneaky', '越权县', 'county', '999902', 'CONTROL', 'active')",
      ),
      env.CONTROL.prepare(
        "INSERT INTO tenants (slug, name, level, division_code, binding, status) VALUES ('paused', '暂停县', 'county', '999903', 'TENANT_PAUSED', 'suspended')",
      ),
    ]);
  });

  it("answers an unknown tenant with 404 problem+json on the API", async () => {
    const res = await api("nowhere", "/auth/me");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    expect((await problem(res)).code).toBe("not_found");
  });

  it("answers an unknown tenant with a zh-CN 404 page on HTML routes", async () => {
    const res = await call("/t/nowhere/admin/login");
    expect(res.status).toBe(404);
    expect(res.headers.get("content-type")).toContain("text/html");
    expect(await res.text()).toContain('lang="zh-CN"');
  });

  it("treats a malformed tenant slug as unknown", async () => {
    expect((await call("/t/..%2Fetc/admin/login")).status).toBe(404);
    expect((await call("/t/UPPER/admin/login")).status).toBe(404);
  });

  it("hides a suspended tenant behind 404", async () => {
    const res = await api("paused", "/auth/login", { json: { username: "admin", password: "x" } });
    expect(res.status).toBe(404);
  });

  it("fails closed with 503 when a catalogued tenant's database is not bound", async () => {
    const res = await api("ghost", "/auth/login", { json: { username: "admin", password: "x" } });
    expect(res.status).toBe(503);
    const p = await problem(res);
    expect(p.code).toBe("tenant_unavailable");
    expect(p.detail).toContain("无库县");
  });

  it("never reaches a binding that is not on the allowlist, even if it exists", async () => {
    // `sneaky` points at the CONTROL database: without the allowlist it would read the catalog.
    const res = await api("sneaky", "/auth/login", { json: { username: "admin", password: "x" } });
    expect(res.status).toBe(503);
  });

  it("serves a 404 problem for unknown routes inside a real tenant", async () => {
    const res = await api("longquanyi", "/no-such-thing");
    expect(res.status).toBe(404);
    expect((await problem(res)).code).toBe("not_found");
  });
});
