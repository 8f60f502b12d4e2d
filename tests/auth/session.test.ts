import { describe, expect, it } from "vitest";
import { api, problem } from "../helpers/http.ts";
import { signIn, TENANT_DB } from "../helpers/users.ts";
import { SESSION_ABSOLUTE_SECONDS, SESSION_IDLE_SECONDS } from "../../workers/domain/sessions.ts";

describe("sessions", () => {
  it("ends on logout: the token no longer works", async () => {
    const s = await signIn("longquanyi", "county_admin");
    expect((await api("longquanyi", "/auth/me", { token: s.token })).status).toBe(200);
    const out = await api("longquanyi", "/auth/logout", { method: "POST", token: s.token });
    expect(out.status).toBe(204);
    const after = await api("longquanyi", "/auth/me", { token: s.token });
    expect(after.status).toBe(401);
    expect((await problem(after)).code).toBe("unauthenticated");
  });

  it("expires after being idle too long", async () => {
    const s = await signIn("longquanyi", "cadre");
    await TENANT_DB.longquanyi!.prepare("UPDATE sessions SET last_seen_at = last_seen_at - ? WHERE user_id = ?")
      .bind(SESSION_IDLE_SECONDS + 1, s.id)
      .run();
    expect((await api("longquanyi", "/auth/me", { token: s.token })).status).toBe(401);
  });

  it("expires at the absolute limit even when in use", async () => {
    const s = await signIn("longquanyi", "cadre");
    await TENANT_DB.longquanyi!.prepare("UPDATE sessions SET created_at = created_at - ? WHERE user_id = ?")
      .bind(SESSION_ABSOLUTE_SECONDS + 1, s.id)
      .run();
    expect((await api("longquanyi", "/auth/me", { token: s.token })).status).toBe(401);
  });

  it("stays alive while used: a request refreshes the idle clock", async () => {
    const s = await signIn("longquanyi", "cadre");
    await TENANT_DB.longquanyi!.prepare("UPDATE sessions SET last_seen_at = last_seen_at - ? WHERE user_id = ?")
      .bind(SESSION_IDLE_SECONDS - 120, s.id)
      .run();
    expect((await api("longquanyi", "/auth/me", { token: s.token })).status).toBe(200);
    await TENANT_DB.longquanyi!.prepare("UPDATE sessions SET last_seen_at = last_seen_at - 200 WHERE user_id = ?")
      .bind(s.id)
      .run();
    expect((await api("longquanyi", "/auth/me", { token: s.token })).status).toBe(200);
  });

  it("gives a session of tenant A no access to tenant B", async () => {
    const a = await signIn("longquanyi", "county_admin");
    const byBearer = await api("pingchuan", "/users", { token: a.token });
    expect(byBearer.status).toBe(401);
    const byCookie = await api("pingchuan", "/users", { headers: { Cookie: a.cookie } });
    expect(byCookie.status).toBe(401);
    expect(JSON.stringify(await byCookie.json())).not.toContain(a.username);
  });
});
