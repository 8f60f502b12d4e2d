import { describe, expect, it } from "vitest";
import { api, call, postForm } from "../helpers/http.ts";
import { signIn, type Session } from "../helpers/users.ts";
import { assigned, cadreSession, createCadre, createUnit, freshPhone, township } from "./fixtures.ts";

const T = "longquanyi";
const page = (s: Session, path: string) => call(`/t/${T}/admin${path}`, { headers: { Cookie: s.cookie } });
const post = (s: Session, path: string, fields: Record<string, string>) =>
  postForm(`/t/${T}/admin${path}`, { ...fields, _csrf: s.csrfToken }, { cookie: s.cookie });

describe("admin screens: units and cadres", () => {
  it("creates a unit through the form, re-renders field errors, and lists it", async () => {
    const admin = await signIn(T, "county_admin");
    const bad = await post(admin, "/units", { name: "", kind: "", level: "county" });
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("请填写单位名称");
    expect(html).toContain("请选择单位类别");
    const ok = await post(admin, "/units", {
      name: "区教育局（表单）",
      kind: "party_government",
      level: "county",
      contact: "",
    });
    expect(ok.status).toBe(303);
    const detail = await (await call(ok.headers.get("location")!, { headers: { Cookie: admin.cookie } })).text();
    expect(detail).toContain("区教育局（表单）");
    expect(detail).toContain("党政机关");
    const list = await (await page(admin, "/units?kind=party_government")).text();
    expect(list).toContain("区教育局（表单）");
    expect(list).toContain("帮扶单位");
  });

  it("creates a cadre through the form, shows only the mask, and reveals the number on a POST (audited)", async () => {
    const admin = await signIn(T, "county_admin");
    const unit = await createUnit(T, admin.token);
    const phone = freshPhone();
    const bad = await post(admin, "/cadres", {
      name: "赵六",
      unitId: String(unit.id),
      phone: "123",
      partyMember: "true",
      reservePool: "false",
    });
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("请填写 11 位手机号");
    const ok = await post(admin, "/cadres", {
      name: "赵六",
      unitId: String(unit.id),
      phone,
      position: "科员",
      officePhone: "",
      partyMember: "true",
      reservePool: "true",
    });
    expect(ok.status).toBe(303);
    const path = new URL(ok.headers.get("location")!, "https://x").pathname.replace(`/t/${T}/admin`, "");
    const detail = await (await page(admin, path)).text();
    expect(detail).not.toContain(phone);
    expect(detail).toContain(`${phone.slice(0, 3)}****${phone.slice(7)}`);
    expect(detail).toContain("查看完整号码");
    const noReason = await post(admin, `${path}/reveal-phone`, {});
    expect(noReason.status).toBe(400);
    expect(await noReason.text()).toContain("查看原因");
    const revealed = await post(admin, `${path}/reveal-phone`, { reason: "通知驻村任务" });
    expect(revealed.status).toBe(200);
    expect(await revealed.text()).toContain(phone);
    const dup = await post(admin, "/cadres", {
      name: "赵六",
      unitId: String(unit.id),
      phone,
      partyMember: "true",
      reservePool: "false",
    });
    expect(dup.status).toBe(400);
    expect(await dup.text()).toContain("该干部已登记");
    // Saving the edit form with an empty phone keeps the number.
    const save = await post(admin, path, {
      name: "赵六",
      unitId: String(unit.id),
      phone: "",
      position: "副科长",
      officePhone: "",
      partyMember: "true",
      reservePool: "true",
    });
    expect(save.status).toBe(303);
    const id = Number(path.split("/").pop());
    expect(
      (await (await api(T, `/cadres/${id}`, { token: admin.token })).json()) as {
        phoneMasked: string;
        position: string;
      },
    ).toMatchObject({ phoneMasked: `${phone.slice(0, 3)}****${phone.slice(7)}`, position: "副科长" });
  });
});

describe("admin screens: assignments", () => {
  it("assigns, records attendance with field errors, ends with a reason, and replaces", async () => {
    const admin = await signIn(T, "county_admin");
    const unit = await createUnit(T, admin.token);
    const t = await township(T, admin.token, 1);
    const [a, b] = [await createCadre(T, admin.token, unit.id), await createCadre(T, admin.token, unit.id)];
    const created = await post(admin, "/assignments", {
      cadreId: String(a.id),
      villageCode: t.villages[0]!.code,
      role: "first_secretary",
      startDate: "2024-01-01",
    });
    expect(created.status).toBe(303);
    const path = new URL(created.headers.get("location")!, "https://x").pathname.replace(`/t/${T}/admin`, "");
    const dupFs = await post(admin, "/assignments", {
      cadreId: String(b.id),
      villageCode: t.villages[0]!.code,
      role: "first_secretary",
      startDate: "2024-01-01",
    });
    expect(dupFs.status).toBe(400);
    expect(await dupFs.text()).toContain("已有在岗第一书记");

    const tooMany = await post(admin, `${path}/attendance`, { month: "2025-02", days: "30" });
    expect(tooMany.status).toBe(400);
    expect(await tooMany.text()).toContain("只有 28 天");
    expect((await post(admin, `${path}/attendance`, { month: "2025-02", days: "3" })).status).toBe(303);
    const low = await (await page(admin, `/assignments/low-attendance?month=2025-02&townshipCode=${t.code}`)).text();
    expect(low).toContain(a.name);
    expect((await page(admin, "/assignments/low-attendance?month=2025-13")).status).toBe(400);

    const replaceBad = await post(admin, `${path}/replace`, {
      newCadreId: String(b.id),
      reason: "",
      date: "2025-03-01",
      note: "",
    });
    expect(replaceBad.status).toBe(400);
    const replaced = await post(admin, `${path}/replace`, {
      newCadreId: String(b.id),
      reason: "unfit",
      date: "2025-03-01",
      note: "考核不称职",
    });
    expect(replaced.status).toBe(303);
    const detail = await (await page(admin, path)).text();
    expect(detail).toContain("调整更换");
    expect(detail).toContain("不胜任");
    expect(detail).toContain(b.name);
    const again = await post(admin, `${path}/end`, {
      status: "completed",
      reason: "term_completed",
      date: "2025-12-31",
      note: "",
    });
    expect(again.status).toBe(409);
    const list = await (await page(admin, `/assignments?townshipCode=${t.code}`)).text();
    expect(list).toContain(a.name);
    expect(list).toContain(b.name);
  });

  it("shows a cadre their own assignment with the attendance form, and 404 for a colleague's", async () => {
    const admin = await signIn(T, "county_admin");
    const unit = await createUnit(T, admin.token);
    const t = await township(T, admin.token, 1);
    const [a, b] = [await createCadre(T, admin.token, unit.id), await createCadre(T, admin.token, unit.id)];
    const mine = await assigned(T, admin.token, a.id, t.villages[0]!.code);
    const theirs = await assigned(T, admin.token, b.id, t.villages[0]!.code);
    const me = await cadreSession(T, admin.token, a.id);
    const own = await (await page(me, `/assignments/${mine.id}`)).text();
    expect(own).toContain("驻村天数");
    expect(own).not.toContain("结束任务");
    expect((await page(me, `/assignments/${theirs.id}`)).status).toBe(404);
    expect((await post(me, `/assignments/${theirs.id}/attendance`, { month: "2025-01", days: "5" })).status).toBe(404);
    expect((await post(me, `/assignments/${mine.id}/attendance`, { month: "2025-01", days: "5" })).status).toBe(303);
    expect((await post(me, `/assignments/${mine.id}/end`, { status: "completed", date: "2025-12-31" })).status).toBe(
      403,
    );
  });
});
