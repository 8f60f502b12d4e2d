import { describe, expect, it } from "vitest";
import { api } from "../helpers/http.ts";
import { signIn, uniqueName } from "../helpers/users.ts";
import { township, village } from "../helpers/fixtures.ts";

const T = "pingchuan";

/** Five identical creates at the same moment: exactly one 201, the other four 409 problem+json in Chinese. */
async function fiveAtOnce(path: string, token: string, json: unknown, field: string) {
  const results = await Promise.all(Array.from({ length: 5 }, () => api(T, path, { token, json })));
  const statuses = results.map((r) => r.status).sort();
  expect(statuses).toEqual([201, 409, 409, 409, 409]);
  for (const r of results.filter((x) => x.status === 409)) {
    expect(r.headers.get("content-type")).toContain("application/problem+json");
    const p = (await r.json()) as { code: string; detail: string; errors?: { field: string }[] };
    expect(p.code).toBe("conflict");
    expect(p.detail).toMatch(/[\u4e00-\u9fff]/);
    expect(p.errors?.map((e) => e.field) ?? []).toContain(field);
  }
}

describe("identical creates at the same moment", () => {
  it("users: one 201, the rest 409 naming 用户名", async () => {
    const admin = await signIn(T, "county_admin");
    await fiveAtOnce(
      "/users",
      admin.token,
      { username: uniqueName("same"), displayName: "同名", role: "cadre", password: "initial-pass-1" },
      "username",
    );
  });

  it("villages: one 201, the rest 409", async () => {
    const admin = await signIn(T, "county_admin");
    const t = await township(T);
    await fiveAtOnce("/villages", admin.token, { code: `${t}299`, name: "并发村" }, "code");
  });

  it("village groups: one 201, the rest 409", async () => {
    const admin = await signIn(T, "county_admin");
    const v = await village(T, await township(T));
    await fiveAtOnce(`/villages/${v.code}/groups`, admin.token, { name: "第一组" }, "name");
  });

  it("programs: one 201, the rest 409", async () => {
    const admin = await signIn(T, "county_admin");
    await fiveAtOnce(
      "/programs",
      admin.token,
      {
        name: uniqueName("并发项目"),
        category: "resident_allowance",
        fundSource: "county",
        recipientKind: "cadre",
        ruleKind: "per_month",
        ruleAmountFen: 50_000,
      },
      "name",
    );
  });
});
