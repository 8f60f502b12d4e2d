import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { makeUser, signIn, TENANT_DB, uniqueName } from "../helpers/users.ts";
import { PBKDF2_ITERATIONS } from "../../workers/auth/password.ts";

let ipCounter = 0;
/** Each test signs in from its own client address, so per-client limits never leak between tests. */
const freshIp = () => `198.51.100.${++ipCounter}`;

function login(tenant: string, username: string, password: string, ip: string) {
  return api(tenant, "/auth/login", { json: { username, password }, headers: { "CF-Connecting-IP": ip } });
}

describe("sign-in", () => {
  it("signs in with the right password and sets a tenant-scoped, HttpOnly, SameSite=Lax, Secure cookie", async () => {
    const u = await makeUser("longquanyi", "county_admin");
    const res = await login("longquanyi", u.username, u.password, freshIp());
    expect(res.status).toBe(200);
    const body = (await res.json()) as { token: string; user: { role: string } };
    expect(body.user.role).toBe("county_admin");
    const cookie = res.headers.get("set-cookie")!;
    expect(cookie).toContain("bangfu_session=");
    expect(cookie).toContain("Path=/t/longquanyi");
    expect(cookie).toContain("HttpOnly");
    expect(cookie).toContain("SameSite=Lax");
    expect(cookie).toContain("Secure");
    const me = await api("longquanyi", "/auth/me", { headers: { Cookie: `bangfu_session=${body.token}` } });
    expect(me.status).toBe(200);
  });

  it("stores only the hash of the session token", async () => {
    const u = await makeUser("longquanyi", "auditor");
    const { token } = (await (await login("longquanyi", u.username, u.password, freshIp())).json()) as {
      token: string;
    };
    const rows = await TENANT_DB.longquanyi!.prepare("SELECT token_hash FROM sessions WHERE user_id = ?")
      .bind(u.id)
      .all<{ token_hash: string }>();
    expect(rows.results.length).toBe(1);
    expect(rows.results[0]!.token_hash).not.toContain(token);
    expect(rows.results[0]!.token_hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it("answers a wrong password and an unknown user alike with 401", async () => {
    const u = await makeUser("longquanyi", "cadre");
    const wrong = await login("longquanyi", u.username, "not-the-password", freshIp());
    const unknown = await login("longquanyi", "nobody-here", "whatever-pass", freshIp());
    expect(wrong.status).toBe(401);
    expect(unknown.status).toBe(401);
    expect((await problem(wrong)).detail).toBe((await problem(unknown)).detail);
  });

  it("hashes passwords with PBKDF2-SHA256 at no more than workerd's 100,000 iterations, salted per user", async () => {
    expect(PBKDF2_ITERATIONS).toBeLessThanOrEqual(100_000);
    // Through the API: the fixture helper stores a precomputed hash, which is not what is under test.
    const admin = await signIn("longquanyi", "county_admin");
    const created: number[] = [];
    for (const username of [uniqueName("salta"), uniqueName("saltb")]) {
      const res = await api("longquanyi", "/users", {
        token: admin.token,
        json: { username, displayName: "盐值测试", role: "cadre", password: "same-password-1" },
      });
      expect(res.status, await res.clone().text()).toBe(201);
      created.push(((await res.json()) as { id: number }).id);
    }
    const rows = await TENANT_DB.longquanyi!.prepare("SELECT password_hash FROM users WHERE id IN (?, ?)")
      .bind(created[0], created[1])
      .all<{ password_hash: string }>();
    const [ha, hb] = rows.results.map((r) => r.password_hash);
    expect(ha).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(hb).toMatch(/^pbkdf2-sha256\$100000\$/);
    expect(ha).not.toBe(hb);
  });

  it("locks an account after 5 failures in 10 minutes: even the right password gets 429 with Retry-After", async () => {
    const u = await makeUser("longquanyi", "finance_officer");
    for (let i = 0; i < 5; i++)
      expect((await login("longquanyi", u.username, "wrong-password", freshIp())).status).toBe(401);
    const locked = await login("longquanyi", u.username, u.password, freshIp());
    expect(locked.status).toBe(429);
    const retryAfter = Number(locked.headers.get("retry-after"));
    expect(retryAfter).toBeGreaterThan(0);
    expect(retryAfter).toBeLessThanOrEqual(600);
    expect((await problem(locked)).detail).toContain("分钟后再试");
  });

  it("does not let one address's failures for other accounts block the right password (the address limit is 50)", async () => {
    const ip = freshIp();
    for (let i = 0; i < 5; i++) expect((await login("longquanyi", `guess${i}`, "wrong-password", ip)).status).toBe(401);
    const u = await makeUser("longquanyi", "cadre");
    expect((await login("longquanyi", u.username, u.password, ip)).status).toBe(200);
  });

  it("lets the account in again once the window has passed (the limit is stored, not in memory)", async () => {
    const u = await makeUser("longquanyi", "auditor");
    for (let i = 0; i < 5; i++) await login("longquanyi", u.username, "wrong-password", freshIp());
    expect((await login("longquanyi", u.username, u.password, freshIp())).status).toBe(429);
    // Eleven minutes pass.
    await TENANT_DB.longquanyi!.prepare("UPDATE login_failures SET at = at - 660 WHERE key = ?")
      .bind(`user:${u.username}`)
      .run();
    expect((await login("longquanyi", u.username, u.password, freshIp())).status).toBe(200);
  });

  it("keeps the lockout of one tenant out of another", async () => {
    const name = `shared${Date.now() % 100000}`;
    const a = await makeUser("longquanyi", "cadre", { username: name });
    const b = await makeUser("pingchuan", "cadre", { username: name });
    for (let i = 0; i < 5; i++) await login("longquanyi", a.username, "wrong-password", freshIp());
    expect((await login("longquanyi", a.username, a.password, freshIp())).status).toBe(429);
    expect((await login("pingchuan", b.username, b.password, freshIp())).status).toBe(200);
  });

  it("refuses a disabled user", async () => {
    const u = await makeUser("longquanyi", "cadre");
    await TENANT_DB.longquanyi!.prepare("UPDATE users SET status = 'disabled' WHERE id = ?").bind(u.id).run();
    expect((await login("longquanyi", u.username, u.password, freshIp())).status).toBe(401);
  });
});
