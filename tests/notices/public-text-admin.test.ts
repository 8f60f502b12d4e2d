import { describe, expect, it } from "vitest";
import { SELF } from "cloudflare:test";
import { api, call, ORIGIN, postForm } from "../helpers/http.ts";
import { signIn, TENANT_DB, type Session } from "../helpers/users.ts";
import { createDecision, householdSetup, objectOk, objectionIdOf } from "./fixtures.ts";
import { publicVillage } from "../public/fixtures.ts";

/** The admin screens for the reviewed public text of objections and feedback (the original stays private). */
const T = "longquanyi";
const page = (s: Session, path: string) => call(`/t/${T}/admin${path}`, { headers: { Cookie: s.cookie } });
function post(s: Session, path: string, fields: [string, string][]) {
  const body = new URLSearchParams([...fields, ["_csrf", s.csrfToken]]);
  return SELF.fetch(`${ORIGIN}/t/${T}/admin${path}`, {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: s.cookie },
    body: body.toString(),
    redirect: "manual",
  });
}

describe("admin: public text of objections", () => {
  it("an officer publishes an edited text through the inbox form; the public notice shows it, never the original", async () => {
    const admin = await signIn(T, "county_admin");
    const h = await householdSetup(T);
    const d = await createDecision(T, admin.token, h.householdId);
    const { trackingCode } = await objectOk(T, d.noticeId, { text: "邻居赵桂兰说该户在城里有房" });
    const id = await objectionIdOf(T, trackingCode);

    // Seen (and cached) before the review: held, without the original.
    const held = await (await call(`/t/${T}/notices/${d.noticeId}`)).text();
    expect(held).not.toContain("赵桂兰");
    expect(held).toContain("（内容待审核）");

    const inbox = await (await page(admin, "/objections")).text();
    expect(inbox).toContain(`action="/t/${T}/admin/objections/${id}/public-text"`);
    expect(inbox).toContain("赵桂兰");
    expect(inbox).toContain("（内容待审核，公众看不到原文）");
    expect(inbox).toContain("请删去姓名、电话等个人信息后发布");

    const empty = await post(admin, `/objections/${id}/public-text`, [["publicText", "   "]]);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("请填写公开文本");

    const ok = await post(admin, `/objections/${id}/public-text`, [["publicText", "有村民反映该户在城里有房"]]);
    expect(ok.status, await ok.clone().text()).toBe(303);
    const back = await (await call(ok.headers.get("location")!, { headers: { Cookie: admin.cookie } })).text();
    expect(back).toContain("公开文本已发布");
    expect(back).toContain("有村民反映该户在城里有房");

    const pub = await (await call(`/t/${T}/notices/${d.noticeId}`)).text();
    expect(pub).toContain("有村民反映该户在城里有房");
    expect(pub).not.toContain("赵桂兰");
  });

  it("refuses the form without the permission or the CSRF token", async () => {
    const admin = await signIn(T, "county_admin");
    const h = await householdSetup(T);
    const d = await createDecision(T, admin.token, h.householdId);
    const { trackingCode } = await objectOk(T, d.noticeId, { text: "该户家里有小轿车一辆" });
    const id = await objectionIdOf(T, trackingCode);
    const noCsrf = await SELF.fetch(`${ORIGIN}/t/${T}/admin/objections/${id}/public-text`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded", Origin: ORIGIN, Cookie: admin.cookie },
      body: new URLSearchParams({ publicText: "有村民反映" }).toString(),
      redirect: "manual",
    });
    expect(noCsrf.status).toBe(403);
    const missing = await post(admin, "/objections/999999999/public-text", [["publicText", "有村民反映"]]);
    expect(missing.status).toBe(404);
  });
});

describe("admin: public text of feedback", () => {
  it("publishes an edited text from the detail page; empty text is a 400 with a Chinese field error", async () => {
    const v = await publicVillage(T, 1);
    const posted = await postForm(`/t/${T}/feedback`, {
      villageCode: v.villageCode,
      category: "suggestion",
      text: "村口需要路灯，我是刘德顺电话13900139000",
    });
    const code = new URL(posted.headers.get("location")!, ORIGIN).searchParams.get("code")!;
    const row = await TENANT_DB[T]!.prepare("SELECT id FROM feedback WHERE tracking_code = ?")
      .bind(code)
      .first<{ id: number }>();
    const admin = await signIn(T, "county_admin");
    const detail = await (await page(admin, `/feedback/${row!.id}`)).text();
    expect(detail).toContain("（内容待审核，公众看不到原文）");
    expect(detail).toContain("刘德顺");

    const empty = await post(admin, `/feedback/${row!.id}/public-text`, [["publicText", ""]]);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain("请填写公开文本");

    const ok = await post(admin, `/feedback/${row!.id}/public-text`, [["publicText", "村口需要安装路灯"]]);
    expect(ok.status, await ok.clone().text()).toBe(303);
    const after = await (await call(ok.headers.get("location")!, { headers: { Cookie: admin.cookie } })).text();
    expect(after).toContain("公开文本已发布");
    expect(after).toContain("村口需要安装路灯");

    const answered = await api(T, `/feedback/${row!.id}/answer`, {
      token: admin.token,
      json: { reply: "已安排安装", replyPublic: true },
    });
    expect(answered.status).toBe(200);
    const village = await (await call(`/t/${T}/v/${v.villageCode}`)).text();
    expect(village).toContain("村口需要安装路灯");
    expect(village).not.toContain("刘德顺");
    expect(village).not.toContain("13900139000");
  });
});
