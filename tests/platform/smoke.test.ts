import { describe, expect, it } from "vitest";
import { api, call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";

describe("smoke", () => {
  it("serves the platform home", async () => {
    const res = await call("/");
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("成都市龙泉驿区");
  });
  it("signs in", async () => {
    const s = await signIn("longquanyi", "county_admin");
    const res = await api("longquanyi", "/auth/me", { token: s.token });
    expect(res.status).toBe(200);
  });
});
