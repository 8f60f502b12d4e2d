import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";

describe("smoke", () => {
  it("serves the platform home", async () => {
    const res = await call("/");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("成都市龙泉驿区");
  });
  it("serves a tenant's public home with or without the trailing slash", async () => {
    expect((await call("/t/longquanyi/")).status).toBe(200);
    expect((await call("/t/longquanyi")).status).toBe(200);
  });
  it("signs in", async () => {
    const s = await signIn("longquanyi", "county_admin");
    const res = await api("longquanyi", "/auth/me", { token: s.token });
    expect(res.status).toBe(200);
  });
});
