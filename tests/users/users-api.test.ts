import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, uniqueName } from "../helpers/users.ts";
import { expectNoRow, nextIdOnlyIn } from "../helpers/fixtures.ts";

const newUser = (over: Record<string, unknown> = {}) => ({
  username: uniqueName("u"),
  displayName: "王小明",
  role: "cadre",
  password: "initial-pass-1",
  ...over,
});

describe("users: county admins manage accounts", () => {
  it("creates a user who can then sign in", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const body = newUser();
    const res = await api("longquanyi", "/users", { token: admin.token, json: body });
    expect(res.status).toBe(201);
    const created = (await res.json()) as Record<string, unknown>;
    expect(created).toMatchObject({ username: body.username, role: "cadre", status: "active" });
    expect(created).not.toHaveProperty("passwordHash");
    const login = await api("longquanyi", "/auth/login", {
      json: { username: body.username, password: body.password },
      headers: { "CF-Connecting-IP": "203.0.113.10" },
    });
    expect(login.status).toBe(200);
  });

  it("rejects a duplicate username with 409 and a field error", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const body = newUser();
    expect((await api("longquanyi", "/users", { token: admin.token, json: body })).status).toBe(201);
    const again = await api("longquanyi", "/users", { token: admin.token, json: body });
    expect(again.status).toBe(409);
    expect((await problem(again)).errors?.[0]?.field).toBe("username");
  });

  it("binds a township officer to a township inside the tenant, and nobody else", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const missing = await api("longquanyi", "/users", {
      token: admin.token,
      json: newUser({ role: "township_officer" }),
    });
    expect(missing.status).toBe(400);
    expect((await problem(missing)).errors?.[0]?.field).toBe("townshipCode");
    const foreign = await api("longquanyi", "/users", {
      token: admin.token,
      json: newUser({ role: "township_officer", townshipCode: "620403001" }),
    });
    expect(foreign.status).toBe(400);
    const ok = await api("longquanyi", "/users", {
      token: admin.token,
      json: newUser({ role: "township_officer", townshipCode: "510112003" }),
    });
    expect(ok.status).toBe(201);
    const notOfficer = await api("longquanyi", "/users", {
      token: admin.token,
      json: newUser({ role: "cadre", townshipCode: "510112003" }),
    });
    expect(notOfficer.status).toBe(400);
  });

  it("changes a role and display name", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const { id } = (await (await api("longquanyi", "/users", { token: admin.token, json: newUser() })).json()) as {
      id: number;
    };
    const res = await api("longquanyi", `/users/${id}`, {
      method: "PATCH",
      token: admin.token,
      json: { role: "auditor", displayName: "李审计" },
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ role: "auditor", displayName: "李审计" });
  });

  it("resets a password, which ends the user's sessions", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const victim = await signIn("longquanyi", "cadre");
    const res = await api("longquanyi", `/users/${victim.id}/reset-password`, {
      token: admin.token,
      json: { password: "brand-new-pass" },
    });
    expect(res.status).toBe(204);
    expect((await api("longquanyi", "/auth/me", { token: victim.token })).status).toBe(401);
    const relogin = await api("longquanyi", "/auth/login", {
      json: { username: victim.username, password: "brand-new-pass" },
      headers: { "CF-Connecting-IP": "203.0.113.11" },
    });
    expect(relogin.status).toBe(200);
  });

  it("disables a user: sessions end and sign-in is refused; enabling lets them back", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const victim = await signIn("longquanyi", "finance_officer");
    expect(
      (await api("longquanyi", `/users/${victim.id}/disable`, { method: "POST", token: admin.token })).status,
    ).toBe(200);
    expect((await api("longquanyi", "/auth/me", { token: victim.token })).status).toBe(401);
    expect((await api("longquanyi", `/users/${victim.id}/enable`, { method: "POST", token: admin.token })).status).toBe(
      200,
    );
  });

  it("does not let an admin disable themselves", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const res = await api("longquanyi", `/users/${admin.id}/disable`, { method: "POST", token: admin.token });
    expect(res.status).toBe(409);
  });
});

describe("users: validation", () => {
  it("answers missing and wrongly typed fields with 400 problem+json and per-field messages in Chinese", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const res = await api("longquanyi", "/users", { token: admin.token, json: { username: 42, role: "king" } });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
    const p = await problem(res);
    expect(p.code).toBe("validation_failed");
    const fields = p.errors!.map((e) => e.field);
    expect(fields).toEqual(expect.arrayContaining(["username", "displayName", "role", "password"]));
    expect(p.errors!.every((e) => /[\u4e00-\u9fff]/.test(e.message))).toBe(true);
  });

  it("answers malformed JSON with 400, not 500", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const res = await api("longquanyi", "/users", {
      token: admin.token,
      body: "{not json",
      headers: { "Content-Type": "application/json" },
    });
    expect(res.status).toBe(400);
    expect(res.headers.get("content-type")).toContain("application/problem+json");
  });

  it("refuses a form-encoded body on a JSON route with 415", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const res = await api("longquanyi", "/users", {
      token: admin.token,
      body: "username=x",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: "https://bangfu.test" },
    });
    expect(res.status).toBe(415);
  });

  it("refuses bodies over the limit with 413", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    const res = await api("longquanyi", "/users", {
      token: admin.token,
      json: { username: "x".repeat(3 * 1024 * 1024) },
    });
    expect(res.status).toBe(413);
    expect((await problem(res)).code).toBe("payload_too_large");
  });

  it("answers a non-numeric or unknown id with 404", async () => {
    const admin = await signIn("longquanyi", "county_admin");
    expect((await api("longquanyi", "/users/999999", { token: admin.token })).status).toBe(404);
    expect([400, 404]).toContain((await api("longquanyi", "/users/abc", { token: admin.token })).status);
  });
});

describe("users: roles and tenants", () => {
  it("lets auditors read but not write", async () => {
    const auditor = await signIn("longquanyi", "auditor");
    expect((await api("longquanyi", "/users", { token: auditor.token })).status).toBe(200);
    const res = await api("longquanyi", "/users", { token: auditor.token, json: newUser() });
    expect(res.status).toBe(403);
    expect((await problem(res)).code).toBe("forbidden");
  });

  it("keeps finance officers, township officers and cadres out of user management", async () => {
    for (const role of ["finance_officer", "township_officer", "cadre"] as const) {
      const s = await signIn("longquanyi", role);
      expect((await api("longquanyi", "/users", { token: s.token })).status).toBe(403);
    }
  });

  it("answers 401 without a session", async () => {
    expect((await api("longquanyi", "/users")).status).toBe(401);
  });

  it("never shows tenant A's user to tenant B's admin: ids of A are 404 in B", async () => {
    const a = await signIn("longquanyi", "county_admin");
    const b = await signIn("pingchuan", "county_admin");
    await nextIdOnlyIn("longquanyi", "users", "pingchuan");
    const { id } = (await (
      await api("longquanyi", "/users", { token: a.token, json: newUser({ username: uniqueName("onlya") }) })
    ).json()) as { id: number; username: string };
    // The id is real in A and unused in B, so the 404 means isolation, not luck.
    await expectNoRow("pingchuan", "users", id);
    expect((await api("pingchuan", `/users/${id}`, { token: b.token })).status).toBe(404);
    const list = (await (await api("pingchuan", "/users", { token: b.token })).json()) as {
      items: { username: string }[];
    };
    expect(list.items.some((u) => u.username.startsWith("onlya"))).toBe(false);
  });
});
