import { describe, expect, it } from "vitest";
import { SELF, env } from "cloudflare:test";
import { api, call, ORIGIN } from "../helpers/http.ts";
import { signIn, type Session } from "../helpers/users.ts";
import { createHousehold, freshPlace, newIdNumber } from "./fixtures.ts";
import { setHouseholdStatus } from "../helpers/fixtures.ts";

const T = "longquanyi";
const page = (s: Session, path: string) => call(`/t/${T}/admin${path}`, { headers: { Cookie: s.cookie } });
/** Posts a form the way a browser does, repeating keys for checkboxes. */
function post(s: Session, path: string, fields: [string, string][]) {
  const body = new URLSearchParams([...fields, ["_csrf", s.csrfToken]]);
  return SELF.fetch(`${ORIGIN}/t/${T}/admin${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: s.cookie },
    body: body.toString(),
    redirect: "manual",
  });
}
const pathOf = (res: Response) => new URL(res.headers.get("location")!, ORIGIN).pathname.replace(`/t/${T}/admin`, "");

describe("admin screens: households", () => {
  it("registers a household through the form, with field errors beside the fields and causes as checkboxes", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageCode } = await freshPlace(T, admin);
    const form = await (await page(admin, "/households/new")).text();
    expect(form).toContain('name="causes"');
    expect(form).toContain("因病");
    expect(form).toContain(villageCode);
    const good = newIdNumber();
    const badCheck = good.slice(0, 17) + (good[17] === "1" ? "2" : "1");
    const bad = await post(admin, "/households", [
      ["headName", "孙强"],
      ["idNumber", badCheck],
      ["phone", "12"],
      ["villageCode", villageCode],
      ["memberCount", "3"],
      ["type", "general"],
      ["status", "poor"],
      ["causes", "illness"],
    ]);
    expect(bad.status).toBe(400);
    const html = await bad.text();
    expect(html).toContain("身份证号校验位不正确");
    expect(html).toContain('id="f-idNumber-err"');
    expect(html).toContain("手机号应为 11 位数字");
    expect(html).toMatch(/value="illness"[^>]*checked/);
    const ok = await post(admin, "/households", [
      ["headName", "孙强"],
      ["idNumber", good],
      ["phone", "13811112222"],
      ["villageCode", villageCode],
      ["memberCount", "3"],
      ["type", "minimum_living"],
      ["status", "poor"],
      ["monitorKind", ""],
      ["causes", "illness"],
      ["causes", "lack_water"],
      ["yearIdentified", "2016"],
      ["exitYear", ""],
      ["notes", ""],
    ]);
    expect(ok.status).toBe(303);
    const detail = await (await page(admin, pathOf(ok))).text();
    expect(detail).toContain("孙强");
    expect(detail).toContain(`${good.slice(0, 4)}**********${good.slice(-4)}`);
    expect(detail).toContain("138****2222");
    expect(detail).toContain("因病、缺水");
    expect(detail).not.toContain(good);
    expect(detail).not.toContain("13811112222");
    expect(detail).toContain("显示完整信息");
  });

  it("lists masked values with filters and finds a household by its ID number from the search box", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageCode, townshipCode } = await freshPlace(T, admin);
    const idNumber = newIdNumber();
    const h = await createHousehold(T, admin.token, { idNumber, phone: "13600009999", villageCode, headName: "周敏" });
    const list = await (await page(admin, `/households?townshipCode=${townshipCode}`)).text();
    expect(list).toContain("周敏");
    expect(list).toContain("136****9999");
    expect(list).not.toContain(idNumber);
    expect(list).toContain("按身份证号查找");
    expect(list).toContain("/imports/households");
    expect(list).toContain("/households/export");
    const found = await page(admin, `/households?idNumber=${idNumber}`);
    expect(found.status).toBe(303);
    expect(pathOf(found)).toBe(`/households/${h.id}`);
    const bad = await page(admin, "/households?idNumber=510112");
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain("身份证号应为18位");
  });

  it("reveals the whole ID number and phone once on a POST, audited; cadres see no button and get 403", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageCode } = await freshPlace(T, admin);
    const idNumber = newIdNumber();
    const h = await createHousehold(T, admin.token, { idNumber, phone: "13500001111", villageCode });
    const noReason = await post(admin, `/households/${h.id}/reveal`, [["reason", " "]]);
    expect(noReason.status).toBe(400);
    const refused = await noReason.text();
    expect(refused).toContain("查看原因至少 2 个字");
    expect(refused).not.toContain(idNumber);
    const shown = await post(admin, `/households/${h.id}/reveal`, [["reason", "核对补贴发放对象"]]);
    expect(shown.status).toBe(200);
    const html = await shown.text();
    expect(html).toContain(idNumber);
    expect(html).toContain("13500001111");
    expect(html).toContain("已记入审计日志");
    const again = await (await page(admin, `/households/${h.id}`)).text();
    expect(again).not.toContain(idNumber);
    const n = await env.TENANT_LONGQUANYI.prepare(
      "SELECT count(*) AS n FROM audit_log WHERE action = 'household.reveal_pii' AND entity_id = ?",
    )
      .bind(String(h.id))
      .first<{ n: number }>();
    expect(n!.n).toBe(1);
    // The auditor reads the reason on the audit log page.
    const auditor = await signIn(T, "auditor");
    const log = await (await page(auditor, "/audit?action=household.reveal_pii")).text();
    expect(log).toContain("查看原因：核对补贴发放对象");
    const cadreUser = await signIn(T, "cadre");
    expect((await post(cadreUser, `/households/${h.id}/reveal`, [["reason", "核对"]])).status).toBe(403);
  });

  it("proposes a status change from the detail page as a decision with its notice, and refuses a stale form with 409", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageCode } = await freshPlace(T, admin);
    const h = await createHousehold(T, admin.token, { villageCode });
    await setHouseholdStatus(T, h.id, "poor");
    const detail = await (await page(admin, `/households/${h.id}`)).text();
    expect(detail).toContain("提出状态变更（须经公示）");
    expect(detail).toContain('name="fromStatus" value="poor"');
    const missing = await post(admin, `/households/${h.id}/status-changes`, [
      ["fromStatus", "poor"],
      ["toStatus", "monitored"],
      ["monitorKind", ""],
      ["reason", ""],
    ]);
    expect(missing.status).toBe(400);
    expect(await missing.text()).toContain("请填写变更原因");
    const ok = await post(admin, `/households/${h.id}/status-changes`, [
      ["fromStatus", "poor"],
      ["toStatus", "exited"],
      ["monitorKind", ""],
      ["reason", "人均纯收入达标"],
    ]);
    expect(ok.status).toBe(303);
    expect(ok.headers.get("location")).toContain("/decisions");
    const after = (await (await api(T, `/households/${h.id}`, { token: admin.token })).json()) as { status: string };
    expect(after.status).toBe("poor");
    const stale = await post(admin, `/households/${h.id}/status-changes`, [
      ["fromStatus", "exited"],
      ["toStatus", "monitored"],
      ["monitorKind", "marginal"],
      ["reason", "过期的表单"],
    ]);
    expect(stale.status).toBe(409);
    expect(await stale.text()).toContain("已被他人变更");
  });

  it("edits a household without touching its status, and adds members", async () => {
    const admin = await signIn(T, "county_admin");
    const { villageCode } = await freshPlace(T, admin);
    const h = await createHousehold(T, admin.token, { villageCode, phone: "13700002222" });
    const edit = await (await page(admin, `/households/${h.id}/edit`)).text();
    expect(edit).not.toContain('name="status"');
    const saved = await post(admin, `/households/${h.id}`, [
      ["headName", "王改名"],
      ["idNumber", ""],
      ["phone", ""],
      ["villageCode", villageCode],
      ["groupName", ""],
      ["memberCount", "2"],
      ["type", "general"],
      ["causes", "lack_land"],
      ["yearIdentified", "2015"],
      ["notes", "已核实"],
      ["status", "exited"],
    ]);
    expect(saved.status).toBe(400);
    expect(await saved.text()).toContain("户状态不能直接修改");
    const ok = await post(admin, `/households/${h.id}`, [
      ["headName", "王改名"],
      ["idNumber", ""],
      ["phone", ""],
      ["villageCode", villageCode],
      ["groupName", ""],
      ["memberCount", "2"],
      ["type", "general"],
      ["causes", "lack_land"],
      ["yearIdentified", "2015"],
      ["notes", "已核实"],
    ]);
    expect(ok.status).toBe(303);
    const member = await post(admin, `/households/${h.id}/members`, [
      ["name", "王小妹"],
      ["relation", "子女"],
      ["birthYear", "2012"],
    ]);
    expect(member.status).toBe(303);
    const badMember = await post(admin, `/households/${h.id}/members`, [
      ["name", ""],
      ["relation", "子女"],
      ["birthYear", "3000"],
    ]);
    expect(badMember.status).toBe(400);
    expect(await badMember.text()).toContain("请填写成员姓名");
    const detail = (await (await api(T, `/households/${h.id}`, { token: admin.token })).json()) as Record<
      string,
      unknown
    >;
    expect(detail).toMatchObject({
      headName: "王改名",
      phoneMasked: "137****2222",
      status: "registered",
      causes: ["lack_land"],
      notes: "已核实",
      members: [expect.objectContaining({ name: "王小妹" })],
    });
  });

  it("hides other townships' households from a township officer (404) and keeps cadres out of the forms", async () => {
    const admin = await signIn(T, "county_admin");
    const other = await freshPlace(T, admin);
    const h = await createHousehold(T, admin.token, { villageCode: other.villageCode });
    const officer = await signIn(T, "township_officer");
    expect((await page(officer, `/households/${h.id}`)).status).toBe(404);
    const cadreUser = await signIn(T, "cadre");
    expect((await page(cadreUser, "/households/new")).status).toBe(403);
    const list = await page(cadreUser, "/households");
    expect(list.status).toBe(200);
    const html = await list.text();
    expect(html).not.toContain("登记农户</a>");
    expect(html).toContain("没有符合条件的农户");
  });
});
