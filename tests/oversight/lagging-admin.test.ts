import { describe, expect, it } from "vitest";
import { call, postForm } from "../helpers/http.ts";
import { signIn } from "../helpers/users.ts";
import { cadreFixture, createProgram, registryFixture } from "../helpers/money-fixtures.ts";

const T = "longquanyi";

describe("后进村整顿 and 表彰 screens", () => {
  it("shows the ranking, confirms through the form with the 10 % warning, and opens the village's plan", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageId } = await registryFixture(T);
    const page = await call(`/t/${T}/admin/rectifications?year=2015`, { headers: { Cookie: admin.cookie } });
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain("村级排名");
    expect(html).toContain(`value="${villageId}"`);
    const form = { year: "2015", indicators: "income,problems", category: "lagging", villageIds: String(villageId) };
    const warned = await postForm(
      `/t/${T}/admin/rectifications`,
      { ...form, _csrf: admin.csrfToken },
      { cookie: admin.cookie },
    );
    expect(warned.status).toBe(409);
    expect(await warned.text()).toContain("超过通常的 10%");
    const ok = await postForm(
      `/t/${T}/admin/rectifications`,
      { ...form, acceptOverShare: "on", _csrf: admin.csrfToken },
      { cookie: admin.cookie },
    );
    expect(ok.status).toBe(303);
    const list = await (
      await call(`/t/${T}/admin/rectifications?year=2015`, { headers: { Cookie: admin.cookie } })
    ).text();
    const id = /rectifications\/(\d+)"/.exec(list)![1];
    const detail = await call(`/t/${T}/admin/rectifications/${id}`, { headers: { Cookie: admin.cookie } });
    expect(detail.status).toBe(200);
    const d = await detail.text();
    expect(d).toContain("添加整顿措施");
    const bad = await postForm(
      `/t/${T}/admin/rectifications/${id}/measures`,
      { title: "", owner: "书记", dueDate: "2015-10-01", _csrf: admin.csrfToken },
      { cookie: admin.cookie },
    );
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("请填写整顿措施");
  });

  it("records an award through the form and refuses a second one of the same year in Chinese", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageId, unitId } = await registryFixture(T);
    const { cadreId } = await cadreFixture(T, unitId, villageId, "first_secretary", "周表彰");
    const program = await createProgram(T, admin.token, {
      category: "award",
      ruleKind: "fixed_per_recipient",
      ruleAmountFen: 150_000,
    });
    const form = {
      year: "2026",
      kind: "excellent_cadre",
      recipientKind: "cadre",
      recipientId: String(cadreId),
      programId: String(program.id),
      citation: "驻村成效突出",
      _csrf: admin.csrfToken,
    };
    expect((await postForm(`/t/${T}/admin/awards`, form, { cookie: admin.cookie })).status).toBe(303);
    const again = await postForm(`/t/${T}/admin/awards`, form, { cookie: admin.cookie });
    expect(again.status).toBe(409);
    expect(await again.text()).toContain("不能重复表彰");
    const list = await (await call(`/t/${T}/admin/awards?year=2026`, { headers: { Cookie: admin.cookie } })).text();
    expect(list).toContain("周表彰");
    expect(list).toContain("未列入批次");
  });
});
