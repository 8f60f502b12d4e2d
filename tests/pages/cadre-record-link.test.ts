import { describe, expect, it } from "vitest";
import { call } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { assignment, cadre, township, village } from "../helpers/fixtures.ts";

/** The cadre page links the 一人一档 record exactly when the record opens for the reader. */
const T = "pingchuan";
const get = async (path: string, cookie: string) => {
  const res = await call(`/t/${T}/admin${path}`, { headers: { Cookie: cookie } });
  return { status: res.status, html: await res.text() };
};

describe("cadre page → 一人一档", () => {
  it("shows the link to the county, the cadre themself and their township, and the link opens", async () => {
    const t = await township(T);
    const v = await village(T, t);
    const c = await cadre(T);
    await assignment(T, c.id, v.id, "team_member");
    const colleague = await cadre(T);
    const link = `/t/${T}/admin/cadres/${c.id}/record`;

    for (const s of [
      await signIn(T, "county_admin"),
      await signIn(T, "auditor"),
      await signIn(T, "cadre", { cadreId: c.id }),
      await signIn(T, "township_officer", { townshipCode: t }),
    ]) {
      expect((await get(`/cadres/${c.id}`, s.cookie)).html).toContain(`href="${link}"`);
      expect((await get(`/cadres/${c.id}/record`, s.cookie)).status).toBe(200);
    }
    for (const s of [
      await signIn(T, "cadre", { cadreId: colleague.id }),
      await signIn(T, "township_officer", { townshipCode: await township(T) }),
    ]) {
      const page = await get(`/cadres/${c.id}`, s.cookie);
      expect(page.html).not.toContain(`href="${link}"`);
      expect((await get(`/cadres/${c.id}/record`, s.cookie)).status).toBe(404);
    }
  });
});
