import { describe, expect, it } from "vitest";
import { SELF } from "cloudflare:test";
import { api, ORIGIN } from "../helpers/http.ts";
import { makeUser, TENANT_DB } from "../helpers/users.ts";

let ipSeq = 0;
const freshIp = () => `198.51.100.${++ipSeq}`;

function selfQuery(tenant: string, client: string) {
  return SELF.fetch(`${ORIGIN}/t/${tenant}/query`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, "CF-Connecting-IP": client },
    body: new URLSearchParams({ name: "王小明", idTail: "123456" }).toString(),
    redirect: "manual",
  });
}

const login = (tenant: string, username: string, password: string, ip: string) =>
  api(tenant, "/auth/login", { json: { username, password }, headers: { "CF-Connecting-IP": ip } });

const count = (n: number) => (statuses: number[]) => statuses.filter((s) => s === n).length;

describe("abuse limits count each try before answering, atomically", () => {
  it("40 concurrent self-queries from one client: at most 10 answered, the rest 429", async () => {
    const client = freshIp();
    const statuses = (await Promise.all(Array.from({ length: 40 }, () => selfQuery("longquanyi", client)))).map(
      (r) => r.status,
    );
    expect(count(200)(statuses)).toBeLessThanOrEqual(10);
    expect(count(200)(statuses) + count(429)(statuses)).toBe(40);
    expect(count(200)(statuses)).toBeGreaterThan(0);
  });

  it("40 concurrent wrong passwords for one account: at most 5 are tried (401), the rest 429", async () => {
    const u = await makeUser("pingchuan", "cadre");
    const statuses = (
      await Promise.all(Array.from({ length: 40 }, () => login("pingchuan", u.username, "wrong-password", freshIp())))
    ).map((r) => r.status);
    expect(count(401)(statuses)).toBeLessThanOrEqual(5);
    expect(count(401)(statuses) + count(429)(statuses)).toBe(40);
    const counted = await TENANT_DB.pingchuan!.prepare("SELECT count(*) AS n FROM login_failures WHERE key = ?")
      .bind(`user:${u.username.toLowerCase()}`)
      .first<{ n: number }>();
    expect(counted!.n).toBeLessThanOrEqual(5);
    // The account is locked, even for the right password.
    expect((await login("pingchuan", u.username, u.password, freshIp())).status).toBe(429);
  });

  it("five wrong passwords for user A lock A, not user B signing in from the same address", async () => {
    const ip = freshIp();
    const a = await makeUser("dazhou", "cadre");
    const b = await makeUser("dazhou", "cadre");
    for (let i = 0; i < 5; i++) expect((await login("dazhou", a.username, "wrong-password", ip)).status).toBe(401);
    const lockedA = await login("dazhou", a.username, a.password, ip);
    expect(lockedA.status).toBe(429);
    expect(((await lockedA.json()) as { detail: string }).detail).toContain("该账号");
    expect((await login("dazhou", b.username, b.password, ip)).status).toBe(200);
  });

  it("an address guessing across many accounts is stopped at 50 failures in 10 minutes", async () => {
    const ip = freshIp();
    const db = TENANT_DB.longquanyi!;
    // 49 earlier failures from this address (fixture), then one more through HTTP reaches the limit.
    const now = Math.floor(Date.now() / 1000);
    await db
      .prepare("INSERT INTO login_failures (key, at) SELECT ?, ? FROM json_each(?)")
      .bind(`client:${ip}`, now - 60, JSON.stringify(Array.from({ length: 49 }, (_, i) => i)))
      .run();
    expect((await login("longquanyi", "nobody-guess", "wrong-password", ip)).status).toBe(401);
    const u = await makeUser("longquanyi", "cadre");
    const blocked = await login("longquanyi", u.username, u.password, ip);
    expect(blocked.status).toBe(429);
    expect(((await blocked.json()) as { detail: string }).detail).toContain("网络地址");
    expect((await login("longquanyi", u.username, u.password, freshIp())).status).toBe(200);
  });
});
