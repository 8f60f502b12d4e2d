import { describe, expect, it } from "vitest";
import { api, call, postForm } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { csrfOf } from "../helpers/html.ts";
import { cadre, household, place } from "../helpers/fixtures.ts";

const T = "longquanyi";
const page = async (path: string, cookie: string) => {
  const res = await call(`/t/${T}/admin${path}`, { headers: { Cookie: cookie } });
  return { status: res.status, html: await res.text() };
};

describe("pairings admin screens", () => {
  it("creates a household pairing by ID number, shows why it cannot end, and hands it over", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const [a, b] = [await cadre(T), await cadre(T)];
    const h = await household(T, v.id);

    const list = await page("/pairings", admin.cookie);
    expect(list.status).toBe(200);
    expect(list.html).toContain("新建结对");
    const step1 = await page("/pairings/new", admin.cookie);
    expect(step1.html).not.toContain('name="householdId"');
    const form = await page("/pairings/new?kind=cadre_household", admin.cookie);
    expect(form.html).toContain('name="householdId"');
    expect(form.html).toContain('name="helperCadreId"');
    const csrf = csrfOf(form.html);

    const bad = await postForm(
      `/t/${T}/admin/pairings`,
      {
        _csrf: csrf,
        kind: "cadre_household",
        helperCadreId: String(a.id),
        householdId: "110101199001011234",
        startDate: "2025-01-01",
      },
      { cookie: admin.cookie },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("没有找到这个农户");
    const res = await postForm(
      `/t/${T}/admin/pairings`,
      {
        _csrf: csrf,
        kind: "cadre_household",
        helperCadreId: String(a.id),
        householdId: h.idNumber,
        startDate: "2025-01-01",
        letterRef: "责任书-1",
      },
      { cookie: admin.cookie },
    );
    expect(res.status, await res.clone().text()).toBe(303);
    const detailPath = new URL(res.headers.get("location")!, "https://x").pathname.replace(`/t/${T}/admin`, "");
    const detail = await page(detailPath, admin.cookie);
    expect(detail.html).toContain("不脱钩");
    expect(detail.html).toContain("移交给其他干部");

    const end = await postForm(
      `/t/${T}/admin${detailPath}/end`,
      { _csrf: csrf, date: "2025-06-01", reason: "调离" },
      { cookie: admin.cookie },
    );
    expect(end.status).toBe(409);
    expect(await end.text()).toContain("只能移交给其他干部");
    const noDate = await postForm(
      `/t/${T}/admin${detailPath}/handover`,
      { _csrf: csrf, toCadreId: String(b.id), date: "", reason: "调离" },
      { cookie: admin.cookie },
    );
    expect(noDate.status).toBe(400);
    expect(await noDate.text()).toContain("移交日期");
    const ho = await postForm(
      `/t/${T}/admin${detailPath}/handover`,
      { _csrf: csrf, toCadreId: String(b.id), date: "2025-06-01", reason: "调离" },
      { cookie: admin.cookie },
    );
    expect(ho.status).toBe(303);
    const active = (await (
      await api(T, `/pairings?householdId=${h.id}&status=active`, { token: admin.token })
    ).json()) as { items: { helperCadreId: number }[] };
    expect(active.items).toEqual([expect.objectContaining({ helperCadreId: b.id })]);
  });

  it("shows a cadre their own pairings without handover, and 404s others", async () => {
    const admin = await signIn(T, "county_admin");
    const { village: v } = await place(T);
    const [me, other] = [await cadre(T), await cadre(T)];
    const mk = async (c: number) =>
      (
        (await (
          await api(T, "/pairings", {
            token: admin.token,
            json: {
              kind: "cadre_household",
              helperCadreId: c,
              householdId: (await household(T, v.id)).id,
              startDate: "2025-01-01",
            },
          })
        ).json()) as { id: number }
      ).id;
    const mine = await mk(me.id);
    const theirs = await mk(other.id);
    const session = await signIn(T, "cadre", { cadreId: me.id });
    const d = await page(`/pairings/${mine}`, session.cookie);
    expect(d.status).toBe(200);
    expect(d.html).not.toContain('name="toCadreId"');
    expect((await page(`/pairings/${theirs}`, session.cookie)).status).toBe(404);
  });
});

describe("settings screen", () => {
  it("saves valid values, re-renders errors, and is closed to other roles", async () => {
    const admin = await signIn("pingchuan", "county_admin");
    const cookie = admin.cookie;
    const form = await call(`/t/pingchuan/admin/settings`, { headers: { Cookie: cookie } });
    const html = await form.text();
    expect(html).toContain("每名干部最多结对户数");
    const bad = await postForm(
      `/t/pingchuan/admin/settings`,
      { _csrf: csrfOf(html), minResidentMembers: "3", householdCapPerCadre: "abc", visitGapDays: "30" },
      { cookie },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("每名干部最多结对户数须为整数");
    const ok = await postForm(
      `/t/pingchuan/admin/settings`,
      { _csrf: csrfOf(html), minResidentMembers: "4", householdCapPerCadre: "5", visitGapDays: "30" },
      { cookie },
    );
    expect(ok.status).toBe(303);
    expect(await (await api("pingchuan", "/settings", { token: admin.token })).json()).toMatchObject({
      minResidentMembers: 4,
    });
    const audit = await api("pingchuan", "/audit?action=settings.update", { token: admin.token });
    expect(audit.status).toBe(200);
    expect(JSON.stringify(await audit.json())).toContain("settings.update");
    const officer = await signIn("pingchuan", "township_officer");
    expect((await call(`/t/pingchuan/admin/settings`, { headers: { Cookie: officer.cookie } })).status).toBe(403);
  });
});

describe("OpenAPI document", () => {
  it("describes the pairing, visit, coverage and settings routes", async () => {
    const res = await call("/api/v1/openapi.json");
    expect(res.status).toBe(200);
    const doc = (await res.json()) as { paths: Record<string, unknown> };
    for (const path of [
      "/t/{tenant}/api/v1/pairings",
      "/t/{tenant}/api/v1/pairings/{id}/handover",
      "/t/{tenant}/api/v1/pairings/{id}/end",
      "/t/{tenant}/api/v1/visits",
      "/t/{tenant}/api/v1/coverage/{gap}",
      "/t/{tenant}/api/v1/settings",
    ]) {
      expect(
        Object.keys(doc.paths).some(
          (p) => p.replace(/:tenant/, "{tenant}") === path || p.endsWith(path.replace("/t/{tenant}", "")),
        ),
        path,
      ).toBe(true);
    }
  });
});
